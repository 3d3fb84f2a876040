"""`import httpstatus` loads the C library and the functions, not enum:
Status, its members as module attributes, get, phrases and __all__ are made
the first time one of them is asked for, however it is asked for. Each test
runs a fresh interpreter, where nothing has asked yet."""

import subprocess
import sys
import textwrap

import pytest


def run(script):
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_import_loads_no_enum_and_checking_needs_none():
    out = run("""
        import sys
        before = set(sys.modules)
        import httpstatus
        loaded = sorted(set(sys.modules) - before)
        print(loaded)
        httpstatus.check(405, {"Date": "x"}, method="GET", level="should")
        httpstatus.is_success(200), httpstatus.phrase(404), httpstatus.category(299), httpstatus.description(404)
        httpstatus.rules("ko"), httpstatus.Finding, httpstatus.Rule
        print("enum" in sys.modules, "Status" in vars(httpstatus))
    """)
    loaded, rest = out.splitlines()
    assert set(eval(loaded)) <= {"httpstatus", "httpstatus._core", "httpstatus.__core", "_operator",
                                 "swig_runtime_data4"}, loaded
    assert rest == "False False"


@pytest.mark.parametrize("first", [
    "httpstatus.Status",
    "httpstatus.NOT_FOUND",
    "httpstatus.UNPROCESSABLE_ENTITY",  # an alias
    "httpstatus.get",
    "httpstatus.get(404)",
    "httpstatus.phrases[404]",
    "httpstatus.__all__",
    "httpstatus.all()",
    "httpstatus.search('teapot')",
    "dir(httpstatus)",
    "getattr(httpstatus, 'IM_A_TEAPOT')",
])
def test_any_first_use_makes_everything_alike(first):
    out = run(f"""
        import httpstatus
        {first}
        from httpstatus import Status
        assert httpstatus.get(404) is Status.NOT_FOUND is httpstatus.NOT_FOUND is Status(404)
        assert httpstatus.UNPROCESSABLE_ENTITY is Status.UNPROCESSABLE_CONTENT is httpstatus.get(422)
        assert httpstatus.all() == tuple(Status) and httpstatus.search("teapot") == [Status.IM_A_TEAPOT]
        assert httpstatus.phrases[404] == "Not Found" and "NOT_FOUND" in httpstatus.__all__
        assert set(Status.__members__) <= set(vars(httpstatus)) and Status.__module__ == "httpstatus"
        print("ok")
    """)
    assert out == "ok\n"


def test_star_import_binds_every_public_name_but_all():
    out = run("""
        ns = {}
        exec("from httpstatus import *", ns)
        import httpstatus
        assert ns["NOT_FOUND"] is httpstatus.Status.NOT_FOUND and ns["Status"] is httpstatus.Status
        assert ns["get"] is httpstatus.get and ns["check"] is httpstatus.check and "all" not in ns
        assert ns["UNPROCESSABLE_ENTITY"] is ns["UNPROCESSABLE_CONTENT"]
        print(sorted(n for n in ns if not n.startswith("__")) == sorted(httpstatus.__all__))
    """)
    assert out == "True\n"


def test_dir_and_help_list_what_is_made_on_first_use():
    out = run("""
        import pydoc, httpstatus
        names = dir(httpstatus)
        assert {"Status", "NOT_FOUND", "get", "phrases", "check", "all"} <= set(names), names
        text = pydoc.render_doc(httpstatus, renderer=pydoc.plaintext)
        assert "class Status(enum.IntEnum)" in text and "NOT_FOUND = <Status.NOT_FOUND: 404>" in text
        assert "\\n    get(x, /)" in text and "\\n    all()" in text
        print("ok")
    """)
    assert out == "ok\n"


def test_a_member_pickled_elsewhere_loads_in_a_fresh_interpreter():
    import pickle

    import httpstatus

    data = pickle.dumps([httpstatus.NOT_FOUND, httpstatus.Status.IM_A_TEAPOT])
    out = run(f"""
        import pickle
        loaded = pickle.loads({data!r})
        import httpstatus
        assert loaded == [httpstatus.NOT_FOUND, httpstatus.IM_A_TEAPOT] and loaded[0] is httpstatus.get(404)
        print("ok")
    """)
    assert out == "ok\n"


def test_names_that_are_not_made_are_missing_without_loading_enum():
    out = run("""
        import sys, httpstatus
        for name in ("not_a_name", "_private", "__path_hook__", "status", "Get"):
            assert not hasattr(httpstatus, name), name
        print("enum" in sys.modules)
        try:
            httpstatus.NO_SUCH_STATUS
        except AttributeError as e:
            print(e)
    """)
    assert out == "False\nmodule 'httpstatus' has no attribute 'NO_SUCH_STATUS'\n"


def test_threads_asking_at_once_get_one_status():
    out = run("""
        import threading, httpstatus
        barrier, seen = threading.Barrier(8), []
        firsts = ["Status", "NOT_FOUND", "get", "phrases", "__all__", "OK", "IM_A_TEAPOT", "all"]

        def first(name):
            barrier.wait()
            value = getattr(httpstatus, name)
            seen.append(value() if name == "all" else value)

        threads = [threading.Thread(target=first, args=(name,)) for name in firsts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        Status = httpstatus.Status
        assert all(not isinstance(v, type) or v is Status for v in seen)
        assert httpstatus.NOT_FOUND in seen and httpstatus.get(404) is httpstatus.NOT_FOUND
        assert httpstatus.get(404).__class__ is Status and httpstatus.all() == tuple(Status)
        print(len(seen))
    """)
    assert out == "8\n"


def test_a_first_use_that_fails_leaves_the_next_to_try_again():
    out = run("""
        import httpstatus
        make = httpstatus._make_status

        def failing():
            raise MemoryError("no room for Status")

        httpstatus._make_status = failing
        try:
            httpstatus.Status
        except MemoryError as e:
            print(e)
        httpstatus._make_status = make
        print(httpstatus.get(404) is httpstatus.Status.NOT_FOUND)
    """)
    assert out == "no room for Status\nTrue\n"
