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


def test_make_check_and_rule_table_refuse_what_cannot_make_objects():
    for junk in (None, 1, "Finding"):
        with pytest.raises(TypeError, match=r"^make_check\(\) needs a callable"):
            _core.make_check(junk)
        with pytest.raises(TypeError, match=r"^rule_table\(\) needs a callable"):
            _core.rule_table(junk, "en")
    with pytest.raises(ValueError, match=r"^rules\(\) lang"):
        _core.rule_table(tuple, "fr")
    assert _core.rule_table(lambda *fields: fields[0], None)[:2] == ("status-invalid", "status-unregistered")


def test_check_survives_makers_that_misbehave_and_caches_tampered_with():
    check = _core.make_check(lambda *fields: "junk")
    assert check(405) == ["junk", "junk"]

    def raising(*fields):
        raise RuntimeError("no finding")

    with pytest.raises(RuntimeError, match="no finding"):
        _core.make_check(raising)(405)
    assert _core.make_check(raising)(405, {"Allow": "GET", "Date": "Tue, 15 Apr 2025 10:00:00 GMT"}) == []

    # the caches live in the function's self: replaced, emptied or filled with
    # junk, they cost at most the right answer of that function, never a crash
    check = _core.make_check(httpstatus.Finding)
    expected = httpstatus.check(304, {"Content-Encoding": "gzip"})
    assert check(304, {"Content-Encoding": "gzip"}) == expected
    caches, others = check.__self__[1], check.__self__[2]
    for junk in (None, [], [None] * 3, "x", {}):
        caches["en"] = junk
        assert check(304, {"Content-Encoding": "gzip"}) == expected
    others.clear()
    assert check(304, {"Content-Encoding": "gzip"}) == expected
    caches.clear()
    caches["en"] = [1] * len(httpstatus.rules())
    check(405)

    # a maker that empties the caches while it runs
    def emptying(*fields):
        for cache in list(caches.values()):
            if isinstance(cache, list):
                cache.clear()
        caches.clear()
        others.clear()
        return fields

    check = _core.make_check(emptying)
    caches, others = check.__self__[1], check.__self__[2]
    for _ in range(3):
        assert [f[0] for f in check(304, {"Content-Type": "x"}, lang="ko")] == ["date-missing", "metadata-in-304"]
        assert [f[0] for f in check(304, {"Content-Encoding": "x"})] == ["date-missing", "metadata-in-304"]
    assert httpstatus.check(405) == httpstatus.check(405)
