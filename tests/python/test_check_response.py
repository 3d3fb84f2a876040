"""check(response): an object in the place of the status is read by
httpstatus._responses.read(obj), imported on first use, and checked with
what it gives, keyword arguments overriding it. These tests put a reader of
their own in the place of that module, so they test the dispatch alone; the
readers of real response objects have tests of their own."""

import http
import importlib.abc
import importlib.util
import subprocess
import sys
import types

import pytest

import httpstatus
from httpstatus import check

DATE = ("Date", "Tue, 15 Apr 2025 10:00:00 GMT")


class Response:
    """A response object as a library has them: what the fake reader reads."""

    def __init__(self, status, headers, **options):
        self.status, self.headers, self.options = status, headers, options


class Reader(types.ModuleType):
    """A stand-in for httpstatus._responses: read() returns what the object
    holds, and records every object it was given."""

    def __init__(self):
        super().__init__("httpstatus._responses")
        self.seen = []

    def read(self, obj):
        self.seen.append(obj)
        if not isinstance(obj, Response):
            raise TypeError(f"check() cannot read a {type(obj).__name__!r}: it has no status")
        return obj.status, obj.headers, dict(obj.options)


@pytest.fixture
def reader(monkeypatch):
    fake = Reader()
    monkeypatch.setitem(sys.modules, "httpstatus._responses", fake)
    return fake


def ids(findings):
    return [f.id for f in findings]


EXCHANGES = [
    Response(405, [DATE]),
    Response(405, {"Date": DATE[1], "Allow": "GET"}, method="GET"),
    Response(204, [DATE, ("Content-Length", "0")], content=b"x"),
    Response(200, [DATE], method="HEAD", content=True, version="1.1"),
    Response(304, [DATE], method="GET", request_headers={}),
    Response(206, [DATE, ("Content-Range", "bytes 0-1/2")], request_headers=[("Accept", "*/*")]),
    Response(101, [("Upgrade", "h2c")], version="2", request_headers={"Upgrade": "h2c"}),
    Response(http.HTTPStatus.CREATED, [], method=b"GET"),
    Response(201, [DATE]),
]


@pytest.mark.parametrize("response", EXCHANGES, ids=lambda r: f"{int(r.status)}-{sorted(r.options)}")
def test_a_response_object_is_checked_as_what_its_reader_reads(reader, response):
    expected = check(response.status, response.headers, **response.options)
    assert expected, "every exchange here breaks a rule"
    assert check(response) == expected
    assert check(status=response) == expected
    assert check(response, lang="ko") == check(response.status, response.headers, **response.options, lang="ko")
    assert reader.seen == [response] * 3


def test_keywords_override_what_was_read(reader):
    response = Response(405, [DATE, ("Allow", "GET")], method="GET", content=b"body", version="1.0")
    assert ids(check(response)) == ["method-in-allow"]
    assert check(response, method="POST") == []
    assert check(response, method=None) == []
    assert ids(check(response, headers=[("Allow", "GET")])) == ["date-missing", "method-in-allow"]
    assert ids(check(response, method="HEAD")) == ["content-forbidden"]
    assert check(response, method="HEAD", content=None) == []
    assert check(response, ignore=["method-in-allow"]) == []
    assert check(response, level="must") == []
    assert ids(check(Response(201, [DATE]))) == ["location-suggested"]
    assert check(Response(201, [DATE]), level="should") == []


def test_options_the_reader_does_not_know_stay_unknown(reader):
    response = Response(304, [DATE])
    assert check(response) == []  # no method, no request: the request rules stay silent
    assert ids(check(response, request_headers={})) == ["not-modified-unconditional"]


def test_a_response_object_with_headers_after_it_is_a_type_error(reader):
    response = Response(405, [DATE])
    with pytest.raises(TypeError, match=r"^check\(\) takes a response object alone: its headers are read from it"):
        check(response, [DATE])
    assert reader.seen == []


def test_what_the_reader_raises_reaches_the_caller(reader):
    class NoResponse:
        pass

    with pytest.raises(TypeError, match=r"cannot read a 'NoResponse': it has no status"):
        check(NoResponse())
    with pytest.raises(TypeError, match=r"cannot read a 'function'"):
        check(lambda: 404)


@pytest.mark.parametrize("status", [404, httpstatus.NOT_FOUND, http.HTTPStatus.NOT_FOUND, 2**100, -1],
                         ids=repr)
def test_ints_never_reach_the_reader(reader, status):
    class Index:
        def __index__(self):
            return 404

    check(status, [DATE])
    check(Index(), [DATE])
    assert reader.seen == []


@pytest.mark.parametrize("bad", [None, True, False, 404.0, float("nan"), 404j, "404", b"404", bytearray(b"404"),
                                 memoryview(b"404"), [404], (404,), {404: 1}, {404}, frozenset()], ids=repr)
def test_built_in_values_that_are_no_int_are_a_type_error_and_never_read(reader, bad):
    with pytest.raises(TypeError, match=r"^check\(\) argument must be int or a response object, not "):
        check(bad)
    with pytest.raises(TypeError, match=r"^check\(\) argument must be int or a response object, not "):
        check(bad, [DATE])
    assert reader.seen == []


@pytest.mark.parametrize("answer, message", [
    (None, "must return (status, headers, options), not None"),
    ((404, []), "must return (status, headers, options), not (404, [])"),
    ([404, [], {}], "must return (status, headers, options), not [404, [], {}]"),
    ((404, [], [("method", "GET")]), "must return (status, headers, options)"),
    ((404, [], {"methd": "GET"}), "gave an option check() does not take: 'methd'"),
    ((404, [], {"status": 200}), "gave an option check() does not take: 'status'"),
    ((404, [], {"headers": []}), "gave an option check() does not take: 'headers'"),
    ((404, [], {1: "GET"}), "gave an option check() does not take: 1"),
])
def test_a_reader_that_answers_wrong_is_a_type_error_naming_it(monkeypatch, answer, message):
    fake = types.ModuleType("httpstatus._responses")
    fake.read = lambda obj: answer
    monkeypatch.setitem(sys.modules, "httpstatus._responses", fake)
    with pytest.raises(TypeError, match=r"^httpstatus\._responses\.read\(\) "):
        check(Response(404, []))
    with pytest.raises(TypeError) as error:
        check(Response(404, []))
    assert message in str(error.value)


def test_what_the_reader_gives_is_checked_as_any_argument(monkeypatch):
    fake = types.ModuleType("httpstatus._responses")
    monkeypatch.setitem(sys.modules, "httpstatus._responses", fake)
    for answer, error, message in [
        (("404", [], {}), TypeError, r"^check\(\) argument must be int, not 'str'"),
        ((404, "Date: x", {}), TypeError, r"^check\(\) headers must be a mapping"),
        ((404, [], {"method": "GET "}), ValueError, r"^check\(\) method must be a token"),
        ((404, [], {"version": "HTTP/1.1"}), ValueError, r"^check\(\) version must be"),
        ((404, [], {"content": 1}), TypeError, r"^check\(\) content must be"),
    ]:
        fake.read = lambda obj, answer=answer: answer
        with pytest.raises(error, match=message):
            check(Response(404, []))
    fake.read = lambda obj: (404, [DATE], {"lang": "ko", "level": "must", "ignore": ["date-missing"]})
    assert check(Response(404, [])) == []


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves httpstatus._responses from source, so that check() imports it
    through the import system, as it does the real one."""

    def __init__(self, source):
        self.source, self.loaded = source, 0

    def find_spec(self, name, path, target=None):
        if name == "httpstatus._responses":
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        self.loaded += 1
        exec(self.source, vars(module))


def test_the_reader_is_imported_on_first_use_and_once(monkeypatch):
    monkeypatch.delitem(sys.modules, "httpstatus._responses", raising=False)
    finder = _Finder("def read(obj):\n    return obj.status, obj.headers, dict(obj.options)\n")
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    check(404, [DATE])
    assert "httpstatus._responses" not in sys.modules and finder.loaded == 0
    assert ids(check(Response(405, [DATE]))) == ["allow-missing"]
    assert ids(check(Response(405, [DATE], method="HEAD", content=b"x"))) == ["allow-missing", "content-forbidden"]
    assert finder.loaded == 1 and "httpstatus._responses" in sys.modules


def test_importing_httpstatus_and_checking_codes_do_not_import_the_readers():
    script = ("import sys, httpstatus\n"
              "httpstatus.check(404, {'Date': 'x'}, method='GET', content=b'', level='should')\n"
              "print('httpstatus._responses' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "False\n"


def test_reading_leaks_nothing(reader):
    import gc
    import tracemalloc

    response = Response(405, [DATE], method="GET", content=b"x", request_headers={})
    bad = Response(405, [DATE], method="GET ")

    def run(times):
        for _ in range(times):
            check(response)
            check(response, method="HEAD", lang="ko")
            for call in (lambda: check(response, [DATE]), lambda: check(bad), lambda: check(object())):
                try:
                    call()
                except (TypeError, ValueError):
                    pass
            reader.seen.clear()

    run(100)
    counts = [sys.getrefcount(x) for x in (response, bad, response.headers)]
    gc.collect()
    tracemalloc.start()
    try:
        run(5)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        run(1000)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 50_000, f"{grown} bytes more after 1000 rounds"
    assert [sys.getrefcount(x) for x in (response, bad, response.headers)] == counts
