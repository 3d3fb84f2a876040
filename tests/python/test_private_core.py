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
