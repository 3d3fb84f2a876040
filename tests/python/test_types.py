"""The type information shipped with the package: py.typed and __init__.pyi,
generated from the table at build time, name exactly what the runtime has,
and mypy reads them."""

import ast
import os
import subprocess
import sys
import textwrap
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
    public = {n for n in vars(httpstatus) if not n.startswith("_")}
    declared = [n for n in declared_names(pyi_tree().body) if not n.startswith("_")]
    assert len(declared) == len(set(declared)), "a name is declared twice"
    assert set(declared) == public


def test_the_pyi_declares_every_member_with_its_value_and_every_field():
    status = next(n for n in pyi_tree().body if isinstance(n, ast.ClassDef) and n.name == "Status")
    members = {n.targets[0].id: n.value.value for n in status.body if isinstance(n, ast.Assign)}
    assert members == {name: m.value for name, m in httpstatus.Status.__members__.items()}
    properties = {n.name for n in status.body if isinstance(n, ast.FunctionDef)}
    assert properties == {n for n in vars(httpstatus.OK) if not n.startswith("_")}


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
