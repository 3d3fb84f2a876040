"""The type information shipped with the package: py.typed and __init__.pyi,
generated from the table at build time, name exactly what the runtime has,
and mypy reads them."""

import ast
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import httpstatus

PACKAGE = Path(httpstatus.__file__).parent
PYI = PACKAGE / "__init__.pyi"


def pyi_tree():
    return ast.parse(PYI.read_text(), str(PYI))


def declared_names(body):
    """Names a module or class body of the .pyi declares (imports excluded:
    a .pyi does not re-export them)."""
    names = []
    for node in body:
        overload = isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Name) and d.id == "overload" for d in node.decorator_list)
        if overload and node.name in names:
            continue  # the overloads of one function: one name
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets]
        elif isinstance(node, ast.AnnAssign):
            names.append(node.target.id)
    return names


def test_the_package_is_marked_typed():
    assert (PACKAGE / "py.typed").is_file()


def test_the_pyi_names_exactly_the_public_names_of_the_runtime():
    # submodules (httpstatus.wsgi, once imported) have .pyi files of their own
    def public_of(names):
        return {n for n in names if not n.startswith("_") and not isinstance(getattr(httpstatus, n), types.ModuleType)}

    public = public_of(dir(httpstatus))
    assert public == public_of(vars(httpstatus))  # dir() made them all
    declared = [n for n in declared_names(pyi_tree().body) if not n.startswith("_")]
    assert len(declared) == len(set(declared)), "a name is declared twice"
    assert set(declared) == public


def test_the_pyi_declares_every_member_with_its_value_and_every_field():
    status = next(n for n in pyi_tree().body if isinstance(n, ast.ClassDef) and n.name == "Status")
    members = {n.targets[0].id: n.value.value for n in status.body if isinstance(n, ast.Assign)}
    assert members == {name: m.value for name, m in httpstatus.Status.__members__.items()}
    properties = {n.name for n in status.body if isinstance(n, ast.FunctionDef)}
    assert properties == {n for n in vars(httpstatus.OK) if not n.startswith("_")} | {"as_dict"}


def test_the_pyi_has_the_runtimes_all():
    assign = next(n for n in pyi_tree().body
                  if isinstance(n, ast.Assign) and n.targets[0].id == "__all__")
    assert ast.literal_eval(assign.value) == httpstatus.__all__


def mypy(program, tmp_path):
    source = tmp_path / "program.py"
    source.write_text(textwrap.dedent(program))
    env = dict(os.environ, MYPYPATH=str(PACKAGE.parent))
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull,
                             "--no-error-summary", "--strict", str(source)],
                            capture_output=True, text=True, env=env, timeout=120)
    return result.returncode, result.stdout.replace(str(source), "program.py")


def test_mypy_accepts_code_using_the_api(tmp_path):
    pytest.importorskip("mypy")
    status, out = mypy("""
        from typing import Optional
        import httpstatus
        from httpstatus import Status, NOT_FOUND, get

        found: Optional[Status] = get("not found")
        code: int = NOT_FOUND
        phrase: str = Status.UNPROCESSABLE_ENTITY.phrase
        retry: bool = httpstatus.is_retryable(503) and NOT_FOUND.is_error
        text: Optional[str] = httpstatus.description(404, "ko")
        every: tuple[Status, ...] = httpstatus.all()
        reveal_type(httpstatus.category(404))
        """, tmp_path)
    assert status == 0, out
    assert "Literal['client_error']" in out


def test_mypy_rejects_misuse(tmp_path):
    pytest.importorskip("mypy")
    status, out = mypy("""
        import httpstatus
        httpstatus.NOT_FOUND.phrase = "x"
        httpstatus.NO_SUCH_STATUS
        httpstatus.is_success("404")
        s: str = httpstatus.phrase(404)
        """, tmp_path)
    assert status == 1
    assert 'program.py:3: error: Property "phrase" defined in "Status" is read-only' in out
    assert 'program.py:4: error: Module has no attribute "NO_SUCH_STATUS"' in out
    assert "program.py:5: error: Argument 1 to \"is_success\" has incompatible type" in out
    assert "program.py:6: error: Incompatible types in assignment" in out


def test_mypy_accepts_every_shape_check_takes(tmp_path):
    pytest.importorskip("mypy")
    status, out = mypy("""
        import http
        import http.client
        import io
        from collections import OrderedDict
        from typing import Dict, List, Mapping, Optional, Tuple
        import httpstatus
        from httpstatus import Finding, Rule, check

        headers: Dict[str, str] = {"Date": "x"}
        found: List[Finding] = check(200, headers)
        check(200, {b"date": b"x"}, method=b"GET")
        check(200, [("Date", "x")], method="GET", ignore=["date-missing"], lang="ko")
        check(200, [[b"date", b"x"]], request_headers=[(b"host", b"x")], version="1.1", content=False)
        check(200, (("Date", b"x"),), ignore=("date-missing",), lang=None)
        check(200, OrderedDict(headers), ignore={"date-missing"}, request_headers=None)
        check(httpstatus.NOT_FOUND, http.client.parse_headers(io.BytesIO(b"Date: x\\r\\n\\r\\n")))
        check(http.HTTPStatus.OK, iter([("Date", "x")]), ignore=iter(["date-missing"]))
        check(status=200, headers=headers, version=None, content=True)
        check(204, headers, content=b"{}", level="should")
        check(204, headers, content=bytearray(), level="must")
        check(204, headers, content=memoryview(b"x"), level=None)
        check(204, headers, content="text", level="info")

        class Response:
            status_code: int = 405
            headers: Dict[str, str] = {}

        class Urllib3Response:
            @property
            def status(self) -> int:
                return 405

        from_response: List[Finding] = check(Response(), level="should", method="GET", headers={"Allow": "GET"})
        check(Urllib3Response(), content=b"", ignore=["date-missing"])

        def from_a_mapping(m: Mapping[str, str]) -> List[Finding]:
            return check(405, m.items())

        first = found[0]
        text: str = first.message + first.reference + str(first)
        field: Optional[str] = first.field
        reveal_type(first.level)
        rule: Rule = httpstatus.rules("ko")[0]
        codes: Tuple[int, ...] = rule.codes
        """, tmp_path)
    assert status == 0, out
    revealed = next(line for line in out.splitlines() if "Revealed type" in line)
    assert all(f"Literal['{level}']" in revealed for level in ("must", "should", "info")), revealed
    assert revealed.count("Literal[") == 3, revealed


def test_mypy_rejects_misuse_of_check(tmp_path):
    pytest.importorskip("mypy")
    status, out = mypy("""
        import httpstatus
        from httpstatus import check

        check(200, {}, ignore="date-missing")
        check(200, {}, version="HTTP/1.1")
        check(200, "Date: x")
        check(200, {}, content=1)
        check("200")
        f = check(405)[0]
        f.id = "x"
        check(200, {}, "GET")
        check(200, {"Date": 1})
        check(200, {}, level="warning")
        check(200, {}, content=[b"x"])
        check(object())
        class Response:
            status_code: int = 405
        check(Response(), {"Allow": "GET"})
        """, tmp_path)
    assert status == 1
    for line in (5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 19):
        assert f"program.py:{line}: error:" in out, (line, out)


def test_mypy_accepts_problem_details(tmp_path):
    pytest.importorskip("mypy")
    status, out = mypy("""
        from typing import Dict, List, Mapping, Tuple, Union
        import httpstatus
        from httpstatus import Problem, problem, problem_json

        p: Problem = problem(404, "No user 42", type="https://example.com/no-user", instance="/users/42",
                             user_id=42, tags=["a", "b"], retry=None, meta={"k": [1, {"n": True}]}, pair=(1, "x"))
        body: bytes = p.json() + problem_json(404) + problem_json(299, title="Custom", code=7)
        status: int = p.status
        headers: List[Tuple[str, str]] = p.headers
        members: Mapping[str, object] = p
        title = p["title"]
        as_dict = dict(p)
        again: Problem = Problem(404, detail="x")
        reveal_type(p.content_type)
        """, tmp_path)
    assert status == 0, out
    assert "Literal['application/problem+json']" in out


def test_mypy_rejects_misuse_of_problem(tmp_path):
    pytest.importorskip("mypy")
    status, out = mypy("""
        from httpstatus import problem, problem_json

        problem("404")
        problem(404, b"detail")
        problem(404, title=1)
        problem(404, ratio=0.5)
        problem(404, tags={"a"})
        problem(code=404)
        p = problem(404)
        p.status = 400
        s: str = problem_json(404)
        """, tmp_path)
    assert status == 1
    for line in (4, 5, 6, 7, 8, 9, 11, 12):
        assert f"program.py:{line}: error:" in out, (line, out)
