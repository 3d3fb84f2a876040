"""Drives every entry point of the httpstatus package once or more, for
valgrind (tests/valgrind/run_valgrind.sh): the import, every code from -5 to
1004 and the int edges, every name and alias, every lookup function, the
private _core functions the package and the command line use, the command
line itself (in process), check() with its options and with a response object
(read by a stand-in reader), rules(), as_dict(), and every row of
docs/reference.md's bad-input table.

valgrind is the judge of memory; the asserts here check that each call gave
the answer docs/reference.md promises, so that a call which silently did nothing (or
the wrong thing) fails too. Prints one line per section and "ok" at the end.
"""

import math
import os
import sys

import httpstatus
from httpstatus import Status, _core
from httpstatus.__main__ import main as cli_main

PREDICATE_NAMES = ("is_valid", "is_known", "is_official", "is_informational", "is_success",
                   "is_redirection", "is_client_error", "is_server_error", "is_error", "is_redirect",
                   "preserves_method", "is_cacheable", "is_empty", "is_retryable")  # docs/reference.md's
PREDICATES = [getattr(httpstatus, name) for name in PREDICATE_NAMES]
CODE_FUNCTIONS = [httpstatus.get, httpstatus.phrase, httpstatus.description, httpstatus.category,
                  *PREDICATES]
FIELDS = ("code", "name", "phrase", "description", "category", "official", "origin", "reference",
          "status_line", *PREDICATE_NAMES)
INT_EDGES = [-1, 0, 99, 600, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63 - 1, 2**63, -2**63,
             2**64, 2**100, -2**100, 10**400, sys.maxsize, -sys.maxsize - 1]


def section(name):
    print(name, flush=True)


def raises(kind, function, *args):
    """Calls function(*args), which must raise kind; returns the message."""
    try:
        function(*args)
    except kind as e:
        return str(e)
    except Exception as e:  # the wrong kind is a failure, not a pass
        raise AssertionError(f"{function.__name__}{args!r:.60} raised {type(e).__name__}: {e}") from e
    raise AssertionError(f"{function.__name__}{args!r:.60} raised nothing, expected {kind.__name__}")


section("every code")
known = set()
for code in [*range(-5, 1005), *INT_EDGES]:
    s = httpstatus.get(code)
    ko = httpstatus.description(code, "ko")
    answers = [p(code) for p in PREDICATES]
    assert all(type(a) is bool for a in answers)
    category = httpstatus.category(code)
    assert (category is not None) == httpstatus.is_valid(code) == (100 <= code <= 599), code
    if s is None:
        assert httpstatus.phrase(code) is None and httpstatus.description(code) is None and ko is None
        assert not httpstatus.is_known(code)
        continue
    known.add(code)
    assert s is Status(code) is httpstatus.get(str(code)) is httpstatus.get(s)
    assert s.code == code == int(s) and s.category == category
    assert s.phrase == httpstatus.phrase(code) and s.status_line == f"{code} {s.phrase}"
    assert s.description == httpstatus.description(code) == httpstatus.description(code, "en")
    assert isinstance(ko, str) and ko != s.description
    assert [getattr(s, p.__name__) for p in PREDICATES] == answers
    row = _core.get(code)
    assert (row.code, row.name, row.phrase, row.description, row.description_ko, row.origin,
            row.reference, row.official) == (code, s.name, s.phrase, s.description, ko, s.origin,
                                             s.reference, s.official)
    for field in FIELDS:
        getattr(s, field)
    str(s), repr(s), format(s), hash(s)
assert len(known) == _core.count() == len(httpstatus.all()), (len(known), _core.count())

section("every name, alias and phrase")
for name, member in Status.__members__.items():
    assert httpstatus.get(name) is member is getattr(httpstatus, name) is Status[name]
    for spelling in (name.lower(), name.replace("_", " ").title(), name.replace("_", "-"),
                     name.lower().replace("_", " ")):
        assert httpstatus.get(spelling) is member, spelling
    assert httpstatus.get(member.phrase) is not None, member.phrase
    assert _core.find(name).code == member.code and _core.find(name.encode()).code == member.code
for i in range(_core.count()):
    row = _core.at(i)
    aliases = []
    while (alias := _core.alias(row.code, len(aliases))) is not None:
        aliases.append(alias)
    assert all(Status[a] is Status[row.name] for a in aliases)
assert _core.at(_core.count()) is None and _core.alias(404, 1000) is None

section("all() and search")
everything = httpstatus.all()
assert [s.code for s in everything] == sorted(known) and everything == httpstatus.all()
for word in (b"not", b"error", b"teapot", b"a", b"\xff", b"x" * 300):
    i = _core.search(word, 0)
    while i < _core.count():
        assert _core.at(i) is not None
        i = _core.search(word, i + 1)
assert _core.search(b"", 0) == _core.count()

section("the command line, in process")
for args, status in (([b"404"], 0), ([b"4xx"], 0), ([b"teapot"], 0), ([b"not_found", b"5xx"], 0),
                     ([b"--json", b"--lang", b"ko", b"unprocessable entity", b"1xx"], 0),
                     ([b"--lang=ko", b"--json", b"error"], 0), ([b"no such status"], 1),
                     ([b"\xff\xfe"], 1), ([b"--lang", b"fr", b"404"], 2),
                     ([b"--bogus"], 2), ([], 2), ([b"--help"], 0), ([b"--version"], 0)):
    # the C tool writes to file descriptors 1 and 2: keep them quiet
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 1)
        os.dup2(null.fileno(), 2)
        try:
            got = cli_main(args)
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    assert got == status, (args, got)
raises(ValueError, cli_main, [b"NOT_FOUND\0x"])  # no argv can carry a NUL

section("bad input: wrong types")
for bad in (None, True, False, [], [404], (404,), {404: 404}, b"404", bytearray(b"404"), len,
            object(), 404j, 404.0, 404.5, 0.0, -0.0, math.nan, math.inf, -math.inf):
    for function in CODE_FUNCTIONS:
        message = raises(TypeError, function, bad)
        assert function.__name__ in message and type(bad).__name__ in message, message
    if bad is not None:  # None is the default lang
        raises(TypeError, httpstatus.description, 404, bad)
    if type(bad) is not bytes:
        raises(TypeError, _core.find, bad)
for function in (httpstatus.phrase, httpstatus.category, *PREDICATES):
    raises(TypeError, function, "404")
raises(TypeError, _core.search, None, 0)

section("bad input: integers out of range")
for code in INT_EDGES:
    assert not any(p(code) for p in PREDICATES), code
    for lookup in (httpstatus.get, httpstatus.phrase, httpstatus.description, httpstatus.category):
        assert lookup(code) is None, (lookup.__name__, code)
    assert httpstatus.description(code, "ko") is None

section("bad input: strings")
megabyte = "A" * 2**20
for text in ("", " ", "nonsense", "NOT_FOUND\0x", "NOT_FOUND\0", "\0", "404\0", "\0404", megabyte,
             "NOT_FOUND" + megabyte, "4" * 2**20, "\uff14\uff10\uff14", "\u0664\u0660\u0664",
             "\ud800", "NOT_FOUND\udc80", "\udcff404", "-404", "404.0", "+404", "0x194", "600", "99",
             "not\u00a0found", "ＮＯＴ＿ＦＯＵＮＤ", "\U0001F600"):
    assert httpstatus.get(text) is None, ascii(text)[:40]
    assert _core.find(text) is None
    _core.search(text, 0)
for raw in (b"NOT_FOUND\0x", b"\0", b"\xff\xfe", megabyte.encode(), b"\xed\xa0\x80"):
    assert _core.find(raw) is None
assert httpstatus.get("not found") is httpstatus.NOT_FOUND  # still answers afterwards

section("bad input: lang")
for lang in ("fr", "", "EN", "Ko", "en\0", "ko\0x", "english", " ko", "\ud800", "x" * 2**20):
    for code in (404, 299, 2**100, -1):
        raises(ValueError, httpstatus.description, code, lang)
assert httpstatus.description(404, None) == httpstatus.description(404)  # None is the default
for lang in (1, b"en", ["en"], True, 1.5):
    raises(TypeError, httpstatus.description, 404, lang)
assert _core.is_language("ko") and not _core.is_language("fr")

section("read-only members")
for name in ("code", "phrase", "is_error", "new_attribute"):
    raises(AttributeError, setattr, httpstatus.NOT_FOUND, name, 1)
    raises(AttributeError, delattr, httpstatus.NOT_FOUND, name)

section("check and its options")
DATE = ("Date", "Tue, 15 Apr 2025 10:00:00 GMT")
assert [f.id for f in httpstatus.check(405, [DATE])] == ["allow-missing"]
assert [f.id for f in httpstatus.check(201, {}, method="GET", level="should")] == ["date-missing",
                                                                                 "created-by-safe-method"]
for content in (b"x", bytearray(b"{}"), memoryview(b"abc"), "\u00e9", True):
    assert [f.id for f in httpstatus.check(204, [DATE], content=content)] == ["content-forbidden"]
for content in (b"", bytearray(), memoryview(b""), "", False, None):
    assert httpstatus.check(204, [DATE], content=content) == []
assert [f.field for f in httpstatus.check(304, [("Content-Language", "en")], lang="ko")] == ["Date",
                                                                                           "Content-Language"]
for kwargs, kind in (({"level": "warning"}, ValueError), ({"level": 1}, TypeError), ({"content": 1}, TypeError),
                     ({"content": "\ud800"}, ValueError), ({"content": memoryview(b"abcd")[::2]}, ValueError),
                     ({"method": "GET "}, ValueError), ({"method": "G\0ET"}, ValueError)):
    raises(kind, lambda: httpstatus.check(200, [DATE], **kwargs))
body = bytearray(b"x")


def resizing():
    yield DATE
    body.extend(b"more")


raises(BufferError, lambda: httpstatus.check(204, resizing(), content=body))
body.extend(b"!")  # the buffer was let go

section("response objects")


class Reader(type(sys)):
    def read(self, obj):
        if not hasattr(obj, "status"):
            raise TypeError("no status")
        return obj.status, obj.headers, dict(obj.options)


class Response:
    def __init__(self, status, headers, **options):
        self.status, self.headers, self.options = status, headers, options


sys.modules["httpstatus._responses"] = Reader("httpstatus._responses")
response = Response(405, [DATE, ("Allow", "GET")], method="GET", content=b"x", request_headers={})
assert [f.id for f in httpstatus.check(response)] == ["method-in-allow"]
assert [f.id for f in httpstatus.check(response, method="HEAD", headers=[DATE])] == ["allow-missing",
                                                                                    "content-forbidden"]
raises(TypeError, lambda: httpstatus.check(response, [DATE]))
raises(TypeError, lambda: httpstatus.check(object()))
raises(TypeError, lambda: httpstatus.check("404"))
Reader.read = lambda self, obj: (404, [], {"nope": 1})
raises(TypeError, lambda: httpstatus.check(response))
del sys.modules["httpstatus._responses"]

section("rules, as_dict and the private makers")
for lang in ("en", "ko", None):
    table = httpstatus.rules(lang)
    assert table == httpstatus.rules(lang) and all(r.message for r in table)
raises(ValueError, httpstatus.rules, "fr")
for member in httpstatus.all():
    data = member.as_dict()
    assert data["code"] == member.code and data["rules"] == list(member.rules)
assert _core.make_check(tuple)(405)[0][0] == "allow-missing"
assert _core.make_rules(tuple)()[0][0] == "status-invalid"
assert _core.make_get(tuple(range(600)))("not found") == 404
raises(TypeError, _core.make_check, None)
raises(TypeError, _core.make_rules, list)
raises(TypeError, _core.make_get, [None] * 600)
raises(ValueError, _core.fields, 299, True)
raises(TypeError, _core.freeze, None)

section("repeated lookups")
# Enough calls that a per-call leak shows as hundreds of lost blocks.
for _ in range(200):
    httpstatus.get("not found"), httpstatus.get("Im A Teapot"), httpstatus.get("404")
    _core.get(404), _core.at(0), _core.find(b"NOT_FOUND"), _core.description(404, "ko")
    httpstatus.check(304, [("Content-Type", "x")], method="PUT", content=b"x", lang="ko", request_headers={})
    httpstatus.NOT_FOUND.as_dict(), httpstatus.rules()

print("ok")
