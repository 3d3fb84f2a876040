"""What pure Python can reach through the private module httpstatus._core
must answer with an exception, never crash the interpreter, and leave the
package's later answers as they were."""

import subprocess
import sys

import pytest

import httpstatus
from httpstatus import _core

DATE = "Tue, 15 Apr 2025 10:00:00 GMT"

ROW_TYPE = type(_core.get(404))


@pytest.mark.parametrize("make", [lambda: ROW_TYPE(), lambda: ROW_TYPE.__new__(ROW_TYPE)], ids=["call", "__new__"])
def test_a_row_object_cannot_be_made_by_hand(make):
    with pytest.raises(TypeError, match="cannot create"):
        make()


JUNK = [None, True, 1.5, float("nan"), -1, 2**100, "", "x" * 10_000, b"\x00", [], {}, object()]


def test_every_callable_of_core_answers_junk_with_an_exception():
    callables = [getattr(_core, name) for name in dir(_core)
                 if not name.startswith("__") and callable(getattr(_core, name))
                 and name not in ("seal_row_type",) and not isinstance(getattr(_core, name), type)]
    assert len(callables) > 15
    for function in callables:
        for args in [(), *[(junk,) for junk in JUNK], (404, None), (None, None, None)]:
            try:
                function(*args)
            except Exception:
                pass
    assert httpstatus.get("not found") is httpstatus.NOT_FOUND
    assert httpstatus.phrase(404) == "Not Found"


def _subinterpreters():
    for name in ("_interpreters", "_xxsubinterpreters"):
        try:
            return __import__(name)
        except ImportError:
            pass
    return None


@pytest.mark.skipif(_subinterpreters() is None, reason="this Python has no subinterpreter module")
def test_a_subinterpreter_is_refused_and_the_main_one_keeps_working():
    script = """if True:
        import sys
        try:
            import _interpreters as s
        except ImportError:
            import _xxsubinterpreters as s
        i = s.create()
        try:
            failure = s.run_string(i, "import httpstatus")  # 3.13 returns what 3.11 raises
        except Exception as e:
            failure = e
        print("refused:", failure)
        s.destroy(i)
        import httpstatus
        print(httpstatus.get(404).phrase)
    """
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "Not Found"
    assert "subinterpreter" in out.stdout


def test_make_get_refuses_what_is_not_its_table_and_reads_the_core():
    for junk in (None, {}, (None,) * 599, [None] * 600, "x" * 600):
        with pytest.raises(TypeError, match=r"^make_get\(\) needs a tuple of at least 600 items"):
            _core.make_get(junk)
    codes = [None] * 600
    codes[404] = "four"
    get = _core.make_get(tuple(codes))
    # names are found by the core, whose row's code indexes the tuple
    assert get(404) == "four" and get(405) is None and get("not found") == "four" and get(" 404\n") == "four"
    assert get("NOT_FOUND") == "four" and get("METHOD_NOT_ALLOWED") is None and get("X") is None
    assert httpstatus.get(404) is httpstatus.NOT_FOUND


def test_main_refuses_what_is_not_a_list_of_arguments(capfd):
    for bad, error in [("404", TypeError), (b"404", TypeError), (404, TypeError), ([404], TypeError),
                       ([None], TypeError), (["40\x004"], ValueError), ([b"40\x004"], ValueError)]:
        with pytest.raises(error, match=r"^main\(\)"):
            _core.main(bad)
    assert capfd.readouterr() == ("", "")


def test_main_runs_the_c_tool_and_returns_its_exit_status(capfd):
    assert _core.main(["404"]) == 0
    assert _core.main((b"nonsense",)) == 1
    assert _core.main([]) == 2
    out, err = capfd.readouterr()
    assert out.startswith("404 Not Found\n")
    assert err.startswith("httpstatus: nothing matches 'nonsense'\n")


@pytest.mark.parametrize("junk", [None, 1, "Finding", (), list, dict, lambda *fields: fields, httpstatus.Finding(
    "a", "b", "c", "d", "e")], ids=repr)
def test_make_check_and_make_rules_take_a_subclass_of_tuple(junk):
    with pytest.raises(TypeError, match=r"^make_check\(\) needs a subclass of tuple, not "):
        _core.make_check(junk)
    with pytest.raises(TypeError, match=r"^make_rules\(\) needs a subclass of tuple, not "):
        _core.make_rules(junk)


def test_findings_and_rules_are_made_without_calling_the_class():
    class Refusing(tuple):
        def __new__(cls, *args):
            raise RuntimeError("not called")

    check, rules = _core.make_check(Refusing), _core.make_rules(Refusing)
    [finding] = check(405, {"Date": DATE})
    assert type(finding) is Refusing and tuple(finding) == tuple(httpstatus.check(405, {"Date": DATE})[0])
    assert [tuple(r) for r in rules("ko")] == [tuple(r) for r in httpstatus.rules("ko")]
    plain = _core.make_check(tuple)(405, {"Date": DATE}, lang="ko")
    assert type(plain[0]) is tuple and plain == [tuple(f) for f in httpstatus.check(405, {"Date": DATE}, lang="ko")]
    assert httpstatus.check(405, {"Date": DATE}) == [finding] and type(httpstatus.check(405)[0]) is httpstatus.Finding


def test_set_fields_writes_fields_of_every_row_into_its_member():
    # what the members are made of: every member's attributes are its row's
    members = httpstatus.all()
    assert len(members) == _core.count()
    assert [{name: vars(m)[name] for name in httpstatus._FIELDS} for m in members] == [
        _core.fields(_core.at(i).code, False) for i in range(_core.count())]
    assert members[0].rules is not _core.fields(members[0].code, False)["rules"]

    class Plain(int):
        pass

    plain = tuple(Plain(_core.at(i).code) for i in range(_core.count()))
    assert _core.set_fields(plain) is None
    assert [vars(p) for p in plain] == [_core.fields(p, False) for p in plain]
    for junk in (list(plain), plain[1:], plain[::-1], (object(),) * len(plain), 404):
        with pytest.raises(TypeError, match=r"^set_fields\(\)"):
            _core.set_fields(junk)


def test_fields_gives_a_new_dict_of_a_row_and_refuses_codes_with_none():
    first, second = _core.fields(404, False), _core.fields(404, True)
    assert first is not _core.fields(404, False) and list(first) == list(second) == list(httpstatus._FIELDS)
    assert first["rules"] == tuple(second["rules"]) and type(second["aliases"]) is list
    first["phrase"] = "changed"
    assert _core.fields(404, False)["phrase"] == "Not Found" == httpstatus.NOT_FOUND.phrase
    for code in (299, 99, 600, -1, 2**100):
        with pytest.raises(ValueError, match=r"^fields\(\) needs a code in the table"):
            _core.fields(code, False)
    for junk in (None, 404.0, "404", True):
        with pytest.raises(TypeError, match=r"^fields\(\) argument must be int"):
            _core.fields(junk, False)


def test_freeze_takes_classes_only():
    for junk in (None, 1, httpstatus.NOT_FOUND, httpstatus.check):
        with pytest.raises(TypeError, match=r"^freeze\(\) takes classes"):
            _core.freeze(tuple, junk)

    class Free:
        pass

    _core.freeze(Free)
    with pytest.raises(TypeError, match="immutable type"):
        Free.x = 1
