"""What pure Python can reach through the private module httpstatus._core
must answer with an exception, never crash the interpreter, and leave the
package's later answers as they were."""

import subprocess
import sys

import pytest

import httpstatus
from httpstatus import _core

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


def test_make_get_refuses_what_is_not_its_tables_and_copies_what_it_takes():
    for args in [(None, {}), ((None,) * 599, {}), ((None,) * 600, None), ([None] * 600, {})]:
        with pytest.raises(TypeError, match=r"^make_get\(\) needs"):
            _core.make_get(*args)
    codes, names = [None] * 600, {"X": "x"}
    codes[404] = "four"
    get = _core.make_get(tuple(codes), names)
    names["X"] = "changed"
    assert get(404) == "four" and get("X") == "x" and get(405) is None and get("not found") == "four"


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
