"""httpstatus.check() and httpstatus.rules(): every response rule of the
reference fires on a minimal response and stays silent once the response is
fixed, whatever shape the headers come in. The expectations are written from
the rule tables of docs/reference.md, not read from the core."""

import http
import http.client
import io
from collections import OrderedDict
from collections.abc import Mapping, MutableMapping

import pytest

import httpstatus
from httpstatus import Finding, Rule, check

# The two rule tables, in their order: (id, level).
API_RULES = [
    ("status-invalid", "must"),
    ("status-unregistered", "info"),
    ("status-obsolete", "should"),
    ("upgrade-missing", "must"),
    ("www-authenticate-missing", "must"),
    ("proxy-authenticate-missing", "must"),
    ("allow-missing", "must"),
    ("content-range-missing", "must"),
    ("content-range-suggested", "should"),
    ("location-missing", "should"),
    ("location-suggested", "info"),
    ("retry-after-suggested", "info"),
    ("date-missing", "must"),
    ("content-length-forbidden", "must"),
    ("transfer-encoding-forbidden", "must"),
    ("content-forbidden", "must"),
    ("metadata-in-304", "should"),
    # rules that need the request
    ("informational-to-http10", "must"),
    ("switching-over-http2", "must"),
    ("upgrade-unrequested", "must"),
    ("continue-unexpected", "info"),
    ("created-by-safe-method", "should"),
    ("partial-unrequested", "should"),
    ("range-unrequested", "should"),
    ("not-modified-unconditional", "should"),
    ("precondition-unrequested", "should"),
    ("expectation-unrequested", "should"),
    ("method-in-allow", "should"),
    ("negotiation-unrequested", "info"),
    # rules on the values of the fields above
    ("location-invalid", "must"),
    ("location-undefined", "info"),
    ("allow-invalid", "must"),
    ("retry-after-invalid", "must"),
    ("date-invalid", "must"),
    ("content-length-invalid", "must"),
    ("content-range-invalid", "must"),
    ("content-range-unsatisfied-in-206", "must"),
    ("content-range-undefined", "info"),
    ("www-authenticate-invalid", "must"),
    ("proxy-authenticate-invalid", "must"),
    ("upgrade-invalid", "must"),
    # rules on a problem-details body
    ("problem-invalid", "must"),
    ("problem-status-mismatch", "must"),
    ("problem-member-type", "should"),
    ("problem-title-differs", "info"),
]
# The value rules that can apply to any code (location-undefined not to 201
# and 3xx, content-range-undefined not to 206 and 416).
VALUE_RULES = ("location-invalid", "location-undefined", "allow-invalid", "retry-after-invalid", "date-invalid",
               "content-length-invalid", "content-range-invalid", "content-range-undefined",
               "www-authenticate-invalid", "proxy-authenticate-invalid", "upgrade-invalid")
IDS = [id for id, _ in API_RULES]
PROBLEM_RULES = [id for id in IDS if id.startswith("problem-")]

DATE = ("Date", "Tue, 15 Apr 2025 10:00:00 GMT")
# The problem rules read the content itself (bytes or str) under this type.
PROBLEM_TYPE = ("Content-Type", "application/problem+json")


def ids(findings):
    return [f.id for f in findings]


def dated(*fields):
    """A list of header pairs with Date first."""
    return [DATE, *fields]


# (rule, status, what makes it fire, what fixes it): each a dict of check()'s
# arguments besides the status. The firing response breaks that rule and no
# other; the fixed one breaks none.
CASES = [
    ("status-invalid", 600, dict(headers=dated()), None),
    ("status-invalid", 99, dict(headers=dated()), None),
    ("status-unregistered", 299, dict(headers=dated()), None),
    ("status-unregistered", 499, dict(headers=dated()), None),  # nginx's, not the registry's
    ("status-unregistered", 520, dict(), None),
    ("status-obsolete", 305, dict(headers=dated()), None),
    ("status-obsolete", 306, dict(headers=dated()), None),
    ("upgrade-missing", 101, dict(), dict(headers={"Upgrade": "websocket"})),
    ("upgrade-missing", 426, dict(headers=dated()), dict(headers=dated(("Upgrade", "HTTP/2.0")))),
    ("www-authenticate-missing", 401, dict(headers=dated()),
     dict(headers=dated(("WWW-Authenticate", 'Bearer realm="api"')))),
    ("proxy-authenticate-missing", 407, dict(headers=dated()),
     dict(headers=dated(("Proxy-Authenticate", 'Basic realm="proxy"')))),
    ("allow-missing", 405, dict(headers=dated()), dict(headers=dated(("Allow", "GET, HEAD")))),
    ("content-range-missing", 206, dict(headers=dated(("Content-Type", "text/plain"))),
     dict(headers=dated(("Content-Range", "bytes 0-99/1000")))),
    ("content-range-missing", 206, dict(headers=dated(("Content-Type", "multipart/mixed"))),
     dict(headers=dated(("Content-Type", "Multipart/ByteRanges; boundary=THIS")))),
    ("content-range-suggested", 416, dict(headers=dated()),
     dict(headers=dated(("Content-Range", "bytes */1000")))),
    *[("location-missing", code, dict(headers=dated()), dict(headers=dated(("Location", "/new"))))
      for code in (301, 302, 303, 307, 308)],
    *[("location-suggested", code, dict(headers=dated()), dict(headers=dated(("Location", "/items/7"))))
      for code in (201, 300)],
    ("retry-after-suggested", 413, dict(headers=dated()), dict(headers=dated(("Retry-After", "60")))),
    ("retry-after-suggested", 429, dict(headers=dated()), dict(headers=dated(("Retry-After", "60")))),
    ("retry-after-suggested", 503, dict(), dict(headers={"Retry-After": "120"})),  # a 5xx needs no Date
    ("date-missing", 200, dict(), dict(headers=dated())),
    ("date-missing", 204, dict(), dict(headers=dated())),
    ("date-missing", 304, dict(), dict(headers=dated())),
    ("date-missing", 404, dict(), dict(headers=dated())),
    ("date-missing", 418, dict(), dict(headers=dated())),
    ("content-length-forbidden", 204, dict(headers=dated(("Content-Length", "0"))), dict(headers=dated())),
    ("content-length-forbidden", 103, dict(headers={"Content-Length": "0"}), dict(headers={"Link": "</a.css>"})),
    ("content-length-forbidden", 200, dict(headers=dated(("Content-Length", "0")), method="CONNECT"),
     dict(headers=dated(("Content-Length", "0")), method="GET")),
    ("transfer-encoding-forbidden", 204, dict(headers=dated(("Transfer-Encoding", "chunked"))),
     dict(headers=dated())),
    ("transfer-encoding-forbidden", 100, dict(headers={"Transfer-Encoding": "chunked"}), dict()),
    ("transfer-encoding-forbidden", 200, dict(headers=dated(("Transfer-Encoding", "chunked")), method="CONNECT"),
     dict(headers=dated(("Transfer-Encoding", "chunked")), method="POST")),
    ("content-forbidden", 204, dict(headers=dated(), content=True), dict(headers=dated(), content=False)),
    ("content-forbidden", 205, dict(headers=dated(), content=True), dict(headers=dated(), content=False)),
    ("content-forbidden", 304, dict(headers=dated(), content=True), dict(headers=dated(), content=False)),
    ("content-forbidden", 100, dict(content=True), dict(content=False)),
    ("content-forbidden", 200, dict(headers=dated(("Content-Length", "10")), method="HEAD", content=True),
     dict(headers=dated(("Content-Length", "10")), method="HEAD", content=False)),
    ("content-forbidden", 404, dict(headers=dated(), method="HEAD", content=True),
     dict(headers=dated(), method="GET", content=True)),
    ("metadata-in-304", 304, dict(headers=dated(("Content-Type", "text/html"))), dict(headers=dated(("ETag", '"x"')))),
    ("informational-to-http10", 103, dict(version="1.0"), dict(version="1.1")),
    ("informational-to-http10", 100, dict(version="1.0"), dict(version="2")),
    ("switching-over-http2", 101, dict(headers={"Upgrade": "h2c"}, version="2"),
     dict(headers={"Upgrade": "h2c"}, version="1.1")),
    ("switching-over-http2", 101, dict(headers={"Upgrade": "websocket"}, version="3"),
     dict(headers={"Upgrade": "websocket"}, version="1.1")),
    ("upgrade-unrequested", 101, dict(headers={"Upgrade": "websocket"}, request_headers={}),
     dict(headers={"Upgrade": "websocket"}, request_headers={"Upgrade": "websocket", "Connection": "upgrade"})),
    ("continue-unexpected", 100, dict(request_headers={"Content-Length": "5"}),
     dict(request_headers={"Expect": "100-continue"})),
    ("continue-unexpected", 100, dict(request_headers={"Expect": "something-else"}),
     dict(request_headers={"expect": "100-Continue"})),
    *[("created-by-safe-method", 201, dict(headers=dated(("Location", "/x")), method=method),
       dict(headers=dated(("Location", "/x")), method="POST")) for method in ("GET", "HEAD", "OPTIONS", "TRACE")],
    ("partial-unrequested", 206, dict(headers=dated(("Content-Range", "bytes 0-9/99")), request_headers={}),
     dict(headers=dated(("Content-Range", "bytes 0-9/99")), request_headers={"Range": "bytes=0-9"})),
    ("range-unrequested", 416, dict(headers=dated(("Content-Range", "bytes */99")), request_headers={}),
     dict(headers=dated(("Content-Range", "bytes */99")), request_headers={"Range": "bytes=100-"})),
    ("not-modified-unconditional", 304, dict(headers=dated(), method="POST"),
     dict(headers=dated(), method="GET")),
    ("not-modified-unconditional", 304, dict(headers=dated(), request_headers={"Accept": "*/*"}),
     dict(headers=dated(), request_headers={"If-None-Match": '"x"'})),
    ("not-modified-unconditional", 304, dict(headers=dated(), method="GET", request_headers={}),
     dict(headers=dated(), method="HEAD", request_headers={"If-Modified-Since": DATE[1]})),
    *[("precondition-unrequested", 412, dict(headers=dated(), request_headers={}),
       dict(headers=dated(), request_headers={field: "x"}))
      for field in ("If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range")],
    ("expectation-unrequested", 417, dict(headers=dated(), request_headers={}),
     dict(headers=dated(), request_headers={"Expect": "100-continue"})),
    ("method-in-allow", 405, dict(headers=dated(("Allow", "GET, HEAD")), method="GET"),
     dict(headers=dated(("Allow", "GET, HEAD")), method="POST")),
    ("method-in-allow", 405, dict(headers=dated(("Allow", "HEAD"), ("allow", "PUT,GET")), method="GET"),
     dict(headers=dated(("Allow", "HEAD"), ("allow", "PUT,GET")), method="get")),  # methods are case-sensitive
    *[("negotiation-unrequested", 406, dict(headers=dated(), request_headers={}),
       dict(headers=dated(), request_headers={field: "x"}))
      for field in ("Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language")],
    # the values
    ("location-invalid", 302, dict(headers=dated(("Location", "/a path"))),
     dict(headers=dated(("Location", "/a%20path")))),
    ("location-invalid", 201, dict(headers=dated(("Location", "/a"), ("location", "/b"))),
     dict(headers=dated(("Location", "/a"), ("location", "/a")))),
    ("location-undefined", 200, dict(headers=dated(("Location", "/a"))), dict(headers=dated())),
    ("allow-invalid", 405, dict(headers=dated(("Allow", "GET POST"))), dict(headers=dated(("Allow", "GET, POST")))),
    ("allow-invalid", 405, dict(headers=dated(("Allow", "GET,"))), dict(headers=dated(("Allow", "")))),
    ("retry-after-invalid", 503, dict(headers={"Retry-After": "5s"}), dict(headers={"Retry-After": "5"})),
    ("retry-after-invalid", 503, dict(headers={"Retry-After": "Sat, 5 Dec 2026 10:00:00 +0000"}),
     dict(headers={"Retry-After": "Sat, 05 Dec 2026 10:00:00 GMT"})),
    ("date-invalid", 200, dict(headers={"Date": "Sat, 05 Dec 2026 06:00:00 UTC"}),
     dict(headers={"Date": "Sat, 05 Dec 2026 06:00:00 GMT"})),
    ("date-invalid", 200, dict(headers={"Date": "Fri, 05 Dec 2026 06:00:00 GMT"}),  # a Saturday
     dict(headers={"Date": "Sat, 05 Dec 2026 06:00:00 GMT"})),
    ("content-length-invalid", 200, dict(headers=dated(("Content-Length", "42"), ("Content-Length", "43"))),
     dict(headers=dated(("Content-Length", "42"), ("Content-Length", "42")))),
    ("content-range-invalid", 206, dict(headers=dated(("Content-Range", "bytes 0-99/50"))),
     dict(headers=dated(("Content-Range", "bytes 0-49/50")))),
    ("content-range-invalid", 416, dict(headers=dated(("Content-Range", "*/50"))),
     dict(headers=dated(("Content-Range", "bytes */50")))),
    ("content-range-unsatisfied-in-206", 206, dict(headers=dated(("Content-Range", "bytes */1234"))),
     dict(headers=dated(("Content-Range", "bytes 0-0/1234")))),
    ("content-range-undefined", 200, dict(headers=dated(("Content-Range", "bytes 0-0/1"))), dict(headers=dated())),
    ("www-authenticate-invalid", 401, dict(headers=dated(("WWW-Authenticate", 'realm="x"'))),
     dict(headers=dated(("WWW-Authenticate", 'Basic realm="x"')))),
    ("proxy-authenticate-invalid", 407, dict(headers=dated(("Proxy-Authenticate", 'Basic realm="x'))),
     dict(headers=dated(("Proxy-Authenticate", 'Basic realm="x"')))),
    ("upgrade-invalid", 426, dict(headers=dated(("Upgrade", "web socket"))),
     dict(headers=dated(("Upgrade", "websocket")))),
    # a problem-details body: the content itself, as bytes or str
    ("problem-invalid", 404, dict(headers=dated(PROBLEM_TYPE), content=b"[404]"),
     dict(headers=dated(PROBLEM_TYPE), content=b'{"title":"Not Found","status":404}')),
    ("problem-invalid", 500, dict(headers=[PROBLEM_TYPE], content="Internal Server Error"),
     dict(headers=[("Content-Type", "text/plain")], content="Internal Server Error")),
    ("problem-invalid", 400, dict(headers=dated(PROBLEM_TYPE), content=b'{"status":400'),
     dict(headers=dated(PROBLEM_TYPE), content=b'{"status":400}')),
    ("problem-status-mismatch", 404, dict(headers=dated(PROBLEM_TYPE), content=b'{"title":"Not Found","status":400}'),
     dict(headers=dated(PROBLEM_TYPE), content=b'{"title":"Not Found","status":404}')),
    ("problem-status-mismatch", 502, dict(headers=[("content-type", "Application/Problem+JSON; charset=utf-8")],
                                          content='{"status": 502, "status": 504}'),  # the last one counts
     dict(headers=[("content-type", "Application/Problem+JSON; charset=utf-8")], content='{"status":504,"status":502}')),
    ("problem-member-type", 404, dict(headers=dated(PROBLEM_TYPE), content=b'{"status":404.0}'),  # equal in value
     dict(headers=dated(PROBLEM_TYPE), content=b'{"status":404}')),
    ("problem-member-type", 404, dict(headers=dated(PROBLEM_TYPE), content=b'{"title":404}'),  # not title-differs
     dict(headers=dated(PROBLEM_TYPE), content=b'{"title":"Not Found"}')),
    ("problem-member-type", 409, dict(headers=dated(PROBLEM_TYPE), content=bytearray(b'{"detail":["x"]}')),
     dict(headers=dated(PROBLEM_TYPE), content=memoryview(b'{"detail":"x"}'))),
    ("problem-title-differs", 404, dict(headers=dated(PROBLEM_TYPE), content=b'{"title":"Missing"}'),
     dict(headers=dated(PROBLEM_TYPE), content=b'{"type":"https://example.com/missing","title":"Missing"}')),
    ("problem-title-differs", 404, dict(headers=dated(PROBLEM_TYPE),
                                        content=b'{"type":"about:blank","title":"Not here"}'),
     dict(headers=dated(PROBLEM_TYPE), content=b'{"type":"about:blank","title":"Not Found"}')),
]


def case_id(case):
    rule, status, fires, _ = case
    return f"{rule}-{status}-" + ",".join(k for k in fires if k != "headers")


def test_every_rule_of_the_reference_has_a_case():
    assert {case[0] for case in CASES} == set(IDS)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_rule_fires_alone_on_a_minimal_response_and_not_on_the_fixed_one(case):
    rule, status, fires, fixed = case
    assert ids(check(status, **fires)) == [rule]
    if fixed is not None:
        assert check(status, **fixed) == []


@pytest.mark.parametrize("rule", IDS)
def test_ignore_silences_exactly_that_rule(rule):
    _, status, fires, _ = next(case for case in CASES if case[0] == rule)
    assert check(status, **fires, ignore=[rule]) == []
    assert ids(check(status, **fires, ignore=[r for r in IDS if r != rule])) == [rule]


# ---- the problem rules read the content itself

def test_the_problem_rules_read_only_a_problem_body_given_as_content():
    wrong = b'{"title":"Not Found","status":400}'
    assert ids(check(404, dated(PROBLEM_TYPE), content=wrong)) == ["problem-status-mismatch"]
    assert ids(check(404, dated(PROBLEM_TYPE), content=wrong.decode())) == ["problem-status-mismatch"]
    # content that is not at hand, or another type: nothing to read
    assert check(404, dated(PROBLEM_TYPE), content=True) == []
    assert check(404, dated(PROBLEM_TYPE)) == []
    assert check(404, dated(("Content-Type", "application/json")), content=wrong) == []
    assert check(404, dated(("Content-Type", "application/problem+xml")), content=wrong) == []
    assert check(404, dated(), content=wrong) == []
    # empty content is none: not a problem body
    assert check(404, dated(PROBLEM_TYPE), content=b"") == []


def test_a_problem_body_past_64_kib_is_content_but_not_read():
    head = b'{"title":"Not Found","status":400,"detail":"'
    for size, read in ((64 * 1024, True), (64 * 1024 + 1, False)):
        body = head + b"x" * (size - len(head) - 2) + b'"}'
        assert len(body) == size
        assert ids(check(404, dated(PROBLEM_TYPE), content=body)) == (["problem-status-mismatch"] if read else [])
        assert ids(check(204, dated(PROBLEM_TYPE), content=body)) == (
            ["content-forbidden", "problem-status-mismatch", "problem-title-differs"] if read else ["content-forbidden"])


def test_every_problem_that_problem_json_writes_passes_the_problem_rules():
    for status in httpstatus.all():
        body = httpstatus.problem_json(status, "d\u00e9tail \"quoted\"", instance="/x/1", trace_id=[1, None, {"a": True}])
        found = check(status, dated(PROBLEM_TYPE), content=body)
        assert [f.id for f in found if f.id.startswith("problem-")] == [], status
        # and the same body under another status is a mismatch
        other = 500 if status != 500 else 404
        assert "problem-status-mismatch" in ids(check(other, dated(PROBLEM_TYPE), content=body))
    assert check(404, dated(PROBLEM_TYPE), content=httpstatus.problem_json(404, title="Nicht gefunden"),
                 level="info") == check(404, dated(PROBLEM_TYPE), content=b'{"title":"Nicht gefunden","status":404}')
    assert ids(check(404, dated(PROBLEM_TYPE), content=httpstatus.problem_json(404, title="Nicht gefunden"))) == [
        "problem-title-differs"]


def test_the_problem_rules_speak_korean_too():
    found = check(404, dated(PROBLEM_TYPE), content=b'{"status":1}', lang="ko")
    assert [f.id for f in found] == ["problem-status-mismatch"]
    assert found[0].message == httpstatus.rules("ko")[IDS.index("problem-status-mismatch")].message
    assert found[0].message != check(404, dated(PROBLEM_TYPE), content=b'{"status":1}')[0].message


def test_findings_come_in_the_order_of_the_rule_table():
    found = ids(check(405, [("Content-Length", "3")], method="HEAD", content=True, request_headers={}))
    assert found == ["allow-missing", "date-missing", "content-forbidden"]
    assert ids(check(299)) == ["status-unregistered", "date-missing"]
    found = ids(check(101, version="2", request_headers={}))
    assert found == ["upgrade-missing", "switching-over-http2", "upgrade-unrequested"]
    found = ids(check(304, dated(("Content-Type", "text/html")), method="PUT", content=True))
    assert found == ["content-forbidden", "metadata-in-304", "not-modified-unconditional"]


def test_an_invalid_code_gets_status_invalid_and_nothing_else():
    for code in (-1, 0, 99, 600, 999, 2**31, -2**31 - 1, 2**63, 2**100, -2**100):
        found = check(code, {}, method="HEAD", content=True, version="1.0", request_headers={})
        assert ids(found) == ["status-invalid"], code


def test_date_missing_covers_200_to_499_unofficial_codes_included():
    for code in range(100, 600):
        assert ("date-missing" in ids(check(code))) is (200 <= code <= 499), code
        assert "date-missing" not in ids(check(code, {"date": ""})), code  # present, even empty


def test_status_unregistered_follows_the_registry():
    for code in range(100, 600):
        assert ("status-unregistered" in ids(check(code))) is (not httpstatus.is_official(code)), code


def test_metadata_in_304_names_the_field_present():
    for field in ("Content-Type", "Content-Encoding", "Content-Language"):
        found = check(304, dated((field.upper(), "x")))
        assert [(f.id, f.field) for f in found] == [("metadata-in-304", field)]
    assert check(304, dated(("Content-Type", "text/html")))[0].field == "Content-Type"


def test_request_rules_stay_silent_unless_the_request_is_described():
    # nothing known about the request: only the response's own rules
    assert check(101, {"Upgrade": "websocket"}) == []
    assert check(100) == []
    assert check(206, dated(("Content-Range", "bytes 0-0/1"))) == []
    assert check(416, dated(("Content-Range", "bytes */1"))) == []
    for code in (412, 417, 406):
        assert check(code, dated()) == []
    assert check(201, dated(("Location", "/x"))) == []
    assert check(304, dated()) == []
    assert check(405, dated(("Allow", "GET"))) == []
    # request_headers=None is "not known"; an empty mapping or list is "known: none"
    for empty in ({}, [], ()):
        assert ids(check(412, dated(), request_headers=empty)) == ["precondition-unrequested"]
    assert check(412, dated(), request_headers=None) == []


def test_expect_matches_100_continue_in_any_case_with_parameters():
    for value in ("100-continue", "100-CONTINUE", " 100-Continue ", "foo, 100-continue", "100-continue;x=y"):
        assert check(100, request_headers={"Expect": value}) == [], value
    for value in ("", "100-continuez", "200-continue"):
        assert ids(check(100, request_headers={"Expect": value})) == ["continue-unexpected"], value


def test_methods_are_case_sensitive_tokens():
    assert check(201, dated(("Location", "/x")), method="get") == []
    assert ids(check(201, dated(("Location", "/x")), method=b"GET")) == ["created-by-safe-method"]
    assert ids(check(200, dated(("Content-Length", "0")), method=b"CONNECT")) == ["content-length-forbidden"]
    assert check(200, dated(("Content-Length", "0")), method="connect") == []
    assert ids(check(405, dated(("Allow", "GET")), method=b"GET")) == ["method-in-allow"]
    assert ids(check(405, dated(("Allow", "GETX, XGET, G ET")), method="GET")) == ["allow-invalid"]  # "G ET": no token


def test_version_rules_read_only_the_version():
    assert ids(check(101, {"Upgrade": "h2c"}, version="1.0")) == ["informational-to-http10"]
    for version in ("1.1", "2", "3", None):
        assert "informational-to-http10" not in ids(check(100, version=version))
    for version in ("1.0", "1.1", None):
        assert "switching-over-http2" not in ids(check(101, {"Upgrade": "h2c"}, version=version))


def test_content_none_leaves_content_forbidden_silent():
    for code in (100, 204, 205, 304):
        assert "content-forbidden" not in ids(check(code, dated(), content=None))
        assert "content-forbidden" not in ids(check(code, dated()))
    assert check(200, dated(), method="HEAD") == []
    assert check(200, dated(), content=True, method="GET") == []


# ---- header shapes ----------------------------------------------------------

class CaseInsensitiveDict(MutableMapping):
    """The shape of requests.structures.CaseInsensitiveDict: a mapping whose
    items() yields the names as they were set."""

    def __init__(self, data=()):
        self._store = OrderedDict()
        self.update(data)

    def __setitem__(self, key, value):
        self._store[key.lower()] = (key, value)

    def __getitem__(self, key):
        return self._store[key.lower()][1]

    def __delitem__(self, key):
        del self._store[key.lower()]

    def __iter__(self):
        return (casedkey for casedkey, _ in self._store.values())

    def __len__(self):
        return len(self._store)


class HttpxHeaders(Mapping):
    """The shape of httpx.Headers: items() joins repeated fields with ", ",
    multi_items() keeps them apart; both are counted here."""

    def __init__(self, pairs):
        self._list = [(k.encode() if isinstance(k, str) else k, v.encode() if isinstance(v, str) else v)
                      for k, v in pairs]
        self.calls = []

    def __getitem__(self, key):
        values = [v.decode() for k, v in self._list if k.decode().lower() == key.lower()]
        if not values:
            raise KeyError(key)
        return ", ".join(values)

    def __iter__(self):
        return iter(dict.fromkeys(k.decode().lower() for k, _ in self._list))

    def __len__(self):
        return len(set(k.lower() for k, _ in self._list))

    def items(self):
        self.calls.append("items")
        return [(key, self[key]) for key in self]

    def multi_items(self):
        self.calls.append("multi_items")
        return [(k.decode().lower(), v.decode()) for k, v in self._list]


def http_message(raw):
    return http.client.parse_headers(io.BytesIO(raw))


RESPONSE_405 = [("Date", DATE[1]), ("Content-Type", "text/plain"), ("Allow", "HEAD"), ("Allow", "GET, PUT")]


def shapes():
    """(name, headers) for the 405 above, in every shape check() takes."""
    raw = b"".join(f"{k}: {v}\r\n".encode() for k, v in RESPONSE_405) + b"\r\n"
    yield "list of str pairs", list(RESPONSE_405)
    yield "tuple of str pairs", tuple(RESPONSE_405)
    yield "list of bytes pairs (ASGI)", [[k.lower().encode(), v.encode()] for k, v in RESPONSE_405]
    yield "tuple of bytes tuples", tuple((k.encode(), v.encode()) for k, v in RESPONSE_405)
    yield "mixed str and bytes", [(k.encode(), v) if i % 2 else (k, v.encode()) for i, (k, v) in
                                  enumerate(RESPONSE_405)]
    yield "generator", (pair for pair in RESPONSE_405)
    yield "iterator", iter(RESPONSE_405)
    yield "http.client.HTTPMessage", http_message(raw)
    yield "httpx-shaped", HttpxHeaders(RESPONSE_405)
    yield "upper case names", [(k.upper(), v) for k, v in RESPONSE_405]
    yield "lower case names", [(k.lower(), v) for k, v in RESPONSE_405]


@pytest.mark.parametrize("name, headers", list(shapes()), ids=[name for name, _ in shapes()])
def test_every_shape_of_headers_gives_the_same_findings(name, headers):
    assert ids(check(405, headers, method="GET")) == ["method-in-allow"]


@pytest.mark.parametrize("make", [dict, OrderedDict, CaseInsensitiveDict, lambda d: d.items()],
                         ids=["dict", "OrderedDict", "requests-shaped", "dict items"])
def test_mappings_with_one_value_per_name(make):
    headers = make({"date": DATE[1], "ALLOW": "GET, HEAD", "Content-Type": "text/plain"})
    assert ids(check(405, headers, method="GET")) == ["method-in-allow"]
    assert check(405, headers, method="POST") == []
    assert ids(check(405, make({"Content-Type": "text/plain"}))) == ["allow-missing", "date-missing"]


def test_a_bytes_keyed_dict_and_a_dict_subclass():
    class Headers(dict):
        pass

    assert check(405, {b"date": DATE[1].encode(), b"allow": b"GET"}) == []
    assert ids(check(405, Headers(date=DATE[1]))) == ["allow-missing"]


def test_httpx_shaped_headers_are_read_through_multi_items():
    headers = HttpxHeaders([DATE, ("Allow", "HEAD"), ("Allow", "GET")])
    assert ids(check(405, headers, method="GET")) == ["method-in-allow"]
    assert headers.calls == ["multi_items"]


def test_http_message_with_repeated_fields_and_email_message():
    import email.message

    message = http_message(b"Date: " + DATE[1].encode() + b"\r\nallow: HEAD\r\nALLOW: GET\r\n\r\n")
    assert ids(check(405, message, method="GET")) == ["method-in-allow"]
    assert check(405, message, method="PUT") == []
    plain = email.message.Message()
    plain["Date"] = DATE[1]
    assert check(200, plain) == []
    assert ids(check(200, email.message.Message())) == ["date-missing"]


def test_request_headers_take_the_same_shapes():
    raw = b"Host: example.org\r\nRange: bytes=0-9\r\n\r\n"
    response = dated(("Content-Range", "bytes 0-9/99"))
    for request in ({"range": "bytes=0-9"}, [(b"range", b"bytes=0-9")], http_message(raw),
                    CaseInsensitiveDict({"Range": "bytes=0-9"}), HttpxHeaders([("Range", "bytes=0-9")]),
                    iter([("RANGE", "bytes=0-9")])):
        assert check(206, response, request_headers=request) == [], request
    assert ids(check(206, response, request_headers=http_message(b"Host: x\r\n\r\n"))) == ["partial-unrequested"]


def test_wsgi_and_asgi_style_use():
    status, response_headers = "405 Method Not Allowed", [("Date", DATE[1]), ("Content-Length", "0")]
    environ = {"REQUEST_METHOD": "GET", "HTTP_ACCEPT": "*/*"}
    found = check(int(status.split()[0]), response_headers, method=environ["REQUEST_METHOD"])
    assert ids(found) == ["allow-missing"]
    scope = {"method": "GET", "http_version": "1.1", "headers": [(b"host", b"x"), (b"if-none-match", b'"a"')]}
    message = {"status": 304, "headers": [(b"date", DATE[1].encode()), (b"etag", b'"a"')]}
    assert check(message["status"], message["headers"], method=scope["method"],
                 request_headers=scope["headers"], version=scope["http_version"]) == []


def test_the_pytest_one_liner_on_a_correct_200():
    class Response:  # what requests and httpx hand a test
        status_code = 200
        headers = CaseInsensitiveDict({"Content-Type": "application/json", "Content-Length": "2"})

    r = Response()
    assert not httpstatus.check(r.status_code, r.headers, method="GET", ignore=["date-missing"])
    assert ids(httpstatus.check(r.status_code, r.headers, method="GET")) == ["date-missing"]


def test_status_may_be_any_int_an_int_enum_or_an_index():
    class Index:
        def __index__(self):
            return 405

    for status in (httpstatus.METHOD_NOT_ALLOWED, http.HTTPStatus.METHOD_NOT_ALLOWED, Index(), 405):
        assert ids(check(status, dated())) == ["allow-missing"]
    assert check(httpstatus.NOT_FOUND, dated()) == []
    assert ids(check(status=405, headers=dated())) == ["allow-missing"]


def test_odd_names_and_values_are_fields_that_match_no_rule():
    for name in ("Date\0", "\0Date", "Dāte", "D\u0430te", "\ud800", "Date\udc80", b"Date\xff", b"\xff", "", b"",
                 "Date ", " Date"):
        assert ids(check(200, {name: "x"})) == ["date-missing"], ascii(name)
    for value in ("\ud800", "\0", b"\xff\x00", "é" * 1000, ""):
        assert check(200, dated(("X-Odd", value))) == [], ascii(value)
        assert ids(check(200, {"Date": value})) == ["date-invalid"], ascii(value)  # present, but no date
    # a lone surrogate in a value is kept, not dropped: Allow still lists GET (and is no list of tokens)
    assert ids(check(405, dated(("Allow", "\udc80, GET")), method="GET")) == ["method-in-allow", "allow-invalid"]

@pytest.mark.parametrize("method", ["", "GET ", " GET", "G\0ET", "GET\0", "G(ET", "GÉT", "\ud800", b"", b"GET ",
                                    b"G\0ET", b"\xff"])
def test_a_method_that_is_not_a_token_is_a_value_error(method):
    with pytest.raises(ValueError, match="method must be a token"):
        check(304, dated(), method=method)


@pytest.mark.parametrize("method", ["get", "M-SEARCH", "X!#$%&'*+-.^_`|~9", b"PATCH"])
def test_any_token_is_a_method_case_sensitive(method):
    assert ids(check(201, dated(("Location", "/")), method=method)) == []
    assert ids(check(201, dated(("Location", "/")), method="GET")) == ["created-by-safe-method"]


def test_many_fields():
    headers = [(f"X-Field-{i}", "x" * 100) for i in range(10_000)] + [DATE]
    assert check(200, headers) == []
    assert ids(check(200, headers[:-1])) == ["date-missing"]


# ---- Finding ------------------------------------------------------------------

def test_finding_fields_repr_and_str():
    [finding] = check(405, dated())
    assert type(finding) is Finding
    assert (finding.id, finding.level, finding.field, finding.reference) == (
        "allow-missing", "must", "Allow", "RFC 9110, Section 15.5.6")
    assert finding.message.startswith("A 405 response must carry Allow")
    assert repr(finding).startswith("Finding(id='allow-missing', level='must', field='Allow', message='A 405 ")
    assert eval(repr(finding), {"Finding": Finding}) == finding
    assert str(finding) == f"must allow-missing: {finding.message} (RFC 9110, Section 15.5.6)"
    assert finding._asdict() == {"id": "allow-missing", "level": "must", "field": "Allow",
                                 "message": finding.message, "reference": "RFC 9110, Section 15.5.6"}
    [invalid] = check(600)
    assert invalid.field is None and str(invalid).startswith("must status-invalid: ")


def test_a_finding_cannot_be_changed():
    [finding] = check(405, dated())
    for name in Finding._fields:
        with pytest.raises(AttributeError):
            setattr(finding, name, "x")
        with pytest.raises(AttributeError):
            delattr(finding, name)
    with pytest.raises(AttributeError):
        finding.extra = 1
    with pytest.raises(TypeError):
        finding[0] = "x"
    assert check(405, dated()) == [finding] and finding.id == "allow-missing"


def test_findings_compare_and_hash_by_value_and_the_list_is_new_every_call():
    first, second = check(405), check(405)
    assert first == second and first is not second
    assert {*first, *second} == set(first) and len(set(first)) == 2
    first.clear()
    assert ids(check(405)) == ["allow-missing", "date-missing"]
    made = Finding("allow-missing", "must", "Allow", second[0].message, "RFC 9110, Section 15.5.6")
    assert made == second[0] and hash(made) == hash(second[0])


def test_findings_pickle_and_match():
    import copy
    import pickle

    [finding] = check(401, dated())
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(finding, protocol))
        assert again == finding and type(again) is Finding
    assert copy.deepcopy(finding) == finding
    match finding:
        case Finding("www-authenticate-missing", level, field=field):
            assert (level, field) == ("must", "WWW-Authenticate")
        case _:
            pytest.fail("no match")


def test_lang_ko_gives_korean_messages_and_the_same_findings():
    def hangul(text):
        return any("\uac00" <= ch <= "\ud7a3" for ch in text)

    response = dict(headers=[("Allow", "GET")], method="GET", request_headers={})
    english, korean = check(405, **response), check(405, **response, lang="ko")
    assert ids(korean) == ids(english) == ["date-missing", "method-in-allow"]
    for en, ko in zip(english, korean):
        assert (en.id, en.level, en.field, en.reference) == (ko.id, ko.level, ko.field, ko.reference)
        assert hangul(ko.message) and not hangul(en.message)
    assert check(405, lang=None) == check(405, lang="en") == check(405)

    class Lang(str):
        pass

    assert check(405, lang=Lang("ko")) == check(405, lang="ko")


# ---- bad input ----------------------------------------------------------------

@pytest.mark.parametrize("argument", ["headers", "request_headers"])
@pytest.mark.parametrize("bad, item", [
    ([("a",)], "('a',)"), ([("a", 1)], "('a', 1)"), ({"a": None}, "('a', None)"), ([1], "1"),
    ([("a", "b", "c")], "('a', 'b', 'c')"), (["ab"], "'ab'"), ([b"ab"], "b'ab'"), ([None], "None"),
    ({1: "x"}, "(1, 'x')"), ({"Allow": ["GET"]}, "('Allow', ['GET'])"), ([("a", bytearray(b"x"))], "bytearray"),
    ([(None, "x")], "(None, 'x')"), ([["a"]], "['a']"), ([{"a": "b"}], "{'a': 'b'}"),
], ids=repr)
def test_a_field_that_is_no_pair_of_str_or_bytes_is_a_type_error_naming_it(argument, bad, item):
    with pytest.raises(TypeError) as error:
        check(200, **{argument: bad})
    message = str(error.value)
    assert message.startswith(f"check() {argument} must be (name, value) pairs of str or bytes, not "), message
    assert item in message


@pytest.mark.parametrize("argument", ["headers", "request_headers"])
@pytest.mark.parametrize("bad", ["Date: x", b"Date: x", bytearray(b"x"), 5, object(), len] + [None], ids=repr)
def test_headers_that_are_no_mapping_or_iterable_are_a_type_error(argument, bad):
    if argument == "request_headers" and bad is None:
        assert check(200, request_headers=None) == check(200)
        return
    with pytest.raises(TypeError, match=rf"^check\(\) {argument} must be a mapping or an iterable of \(name, "
                                        rf"value\) pairs, not '{type(bad).__name__}'"):
        check(200, **{argument: bad})


def test_errors_raised_while_reading_headers_pass_through():
    class Broken(Mapping):
        def __getitem__(self, key):
            raise LookupError("broken mapping")

        def __iter__(self):
            return iter(["a"])

        def __len__(self):
            return 1

    def broken_pairs():
        yield DATE
        raise RuntimeError("broken iterator")

    with pytest.raises(LookupError, match="broken mapping"):
        check(200, Broken())
    with pytest.raises(RuntimeError, match="broken iterator"):
        check(200, broken_pairs())
    with pytest.raises(RuntimeError, match="broken iterator"):
        check(200, request_headers=broken_pairs())


def test_ignore_takes_an_iterable_of_known_ids():
    assert check(405, ignore=("allow-missing", "date-missing")) == []
    assert check(405, ignore={"allow-missing", "date-missing"}) == []
    assert check(405, ignore=iter(["allow-missing", "date-missing"])) == []
    assert check(405, ignore=dict.fromkeys(["allow-missing", "date-missing"])) == []
    assert ids(check(405, ignore=[])) == ids(check(405, ignore=None)) == ["allow-missing", "date-missing"]
    assert ids(check(405, ignore=["date-missing", "date-missing"])) == ["allow-missing"]
    assert check(405, ignore=[r.id for r in httpstatus.rules()]) == []


@pytest.mark.parametrize("bad", ["date-missing", b"date-missing"], ids=repr)
def test_a_lone_rule_id_for_ignore_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^check\(\) ignore must be an iterable of rule ids, not one "):
        check(200, ignore=bad)


@pytest.mark.parametrize("bad", ["nope", "DATE-MISSING", "date-missing\0", "date_missing", "", "\ud800",
                                 " date-missing"], ids=ascii)
def test_an_unknown_rule_id_in_ignore_is_a_value_error_naming_it(bad):
    with pytest.raises(ValueError) as error:
        check(200, ignore=["allow-missing", bad])
    assert str(error.value).startswith(f"check() ignore: no rule has the id {bad!r}")
    assert "httpstatus.rules()" in str(error.value)


@pytest.mark.parametrize("bad", [5, [1], [b"date-missing"], [None], 1.5], ids=repr)
def test_ignore_that_is_no_iterable_of_str_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^check\(\) ignore must "):
        check(200, ignore=bad)


@pytest.mark.parametrize("bad", ["HTTP/1.1", "1", "2.0", "1.1 ", "", "1.1\0", "\ud800", "\uff12"], ids=ascii)
def test_an_unknown_version_is_a_value_error(bad):
    with pytest.raises(ValueError, match=r"^check\(\) version must be '1.0', '1.1', '2' or '3', not "):
        check(200, version=bad)


@pytest.mark.parametrize("bad", [1.1, 2, b"1.1", ["1.1"]], ids=repr)
def test_a_version_that_is_no_str_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^check\(\) version must be str or None, not "):
        check(200, version=bad)


@pytest.mark.parametrize("bad", ["fr", "", "EN", "Ko", "en\0", "ko ", "\ud800"], ids=ascii)
def test_an_unknown_lang_is_a_value_error(bad):
    with pytest.raises(ValueError, match=r"^check\(\) lang must be 'en' or 'ko', not "):
        check(200, lang=bad)
    with pytest.raises(ValueError, match=r"^rules\(\) lang must be 'en' or 'ko', not "):
        httpstatus.rules(bad)


@pytest.mark.parametrize("bad", [1, b"en", ["en"], True], ids=repr)
def test_a_lang_that_is_no_str_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^check\(\) lang must be str, not "):
        check(200, lang=bad)
    with pytest.raises(TypeError, match=r"^rules\(\) lang must be str, not "):
        httpstatus.rules(bad)


@pytest.mark.parametrize("bad", [1, 0, 1.5, [], [b"x"], object()], ids=repr)
def test_content_of_another_type_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^check\(\) content must be True, False, None, bytes, bytearray, "
                                        r"memoryview or str, not "):
        check(204, content=bad)


@pytest.mark.parametrize("bad", [1, ["GET"], bytearray(b"GET"), http.HTTPMethod.GET if hasattr(http, "HTTPMethod")
                                 else 1.5], ids=repr)
def test_a_method_that_is_no_str_or_bytes_is_a_type_error(bad):
    if isinstance(bad, str):  # http.HTTPMethod (3.11+) is a str enum: a str
        assert ids(check(201, dated(("Location", "/")), method=bad)) == ["created-by-safe-method"]
        return
    with pytest.raises(TypeError, match=r"^check\(\) method must be str, bytes or None, not "):
        check(200, method=bad)


@pytest.mark.parametrize("bad", [None, True, False, 404.0, "404", b"404", [404], 404j], ids=repr)
def test_a_status_that_is_no_int_is_a_type_error_naming_check(bad):
    with pytest.raises(TypeError, match=rf"^check\(\) argument must be int or a response object, "
                                        rf"not '{type(bad).__name__}'"):
        check(bad)


def test_arguments_are_checked_as_the_signature_says():
    with pytest.raises(TypeError, match=r"^check\(\) missing required argument 'status'"):
        check()
    with pytest.raises(TypeError, match=r"^check\(\) missing required argument 'status'"):
        check(headers={})
    with pytest.raises(TypeError, match=r"^check\(\) takes from 1 to 2 positional arguments but 3 were given"):
        check(200, {}, "GET")
    with pytest.raises(TypeError, match=r"^check\(\) got an unexpected keyword argument 'Method'"):
        check(200, Method="GET")
    with pytest.raises(TypeError, match=r"^check\(\) got multiple values for argument 'headers'"):
        check(200, {}, headers={})
    with pytest.raises(TypeError, match=r"^check\(\) got multiple values for argument 'status'"):
        check(200, status=200)
    assert check(**{"status": 200, "headers": dated(), "lang": "ko"}) == []


# ---- rules() --------------------------------------------------------------------

def test_rules_are_those_of_the_reference_in_its_order():
    assert [(r.id, r.level) for r in httpstatus.rules()] == API_RULES
    assert type(httpstatus.rules()) is tuple
    assert httpstatus.rules() == httpstatus.rules() and httpstatus.rules() is not httpstatus.rules()


def test_rule_fields():
    rules = {r.id: r for r in httpstatus.rules()}
    for rule in rules.values():
        assert type(rule) is Rule and rule._fields == ("id", "level", "field", "message", "reference", "codes")
        assert rule.reference.startswith("RFC ") and rule.message
        assert type(rule.codes) is tuple and list(rule.codes) == sorted(set(rule.codes))
        assert all(type(c) is int and 100 <= c <= 599 for c in rule.codes)
    assert rules["allow-missing"][:3] == ("allow-missing", "must", "Allow")
    assert rules["allow-missing"].reference == "RFC 9110, Section 15.5.6"
    assert rules["allow-missing"].codes == (405,) and rules["method-in-allow"].codes == (405,)
    assert rules["status-invalid"].codes == () and rules["status-invalid"].field is None
    assert rules["upgrade-missing"].codes == (101, 426)
    assert rules["location-missing"].codes == (301, 302, 303, 307, 308)
    assert rules["location-suggested"].codes == (201, 300)
    assert rules["retry-after-suggested"].codes == (413, 429, 503)
    assert rules["status-obsolete"].codes == (305, 306)
    assert rules["date-missing"].codes == tuple(range(200, 500))
    assert rules["content-forbidden"].codes == tuple(range(100, 600))  # any response to HEAD
    assert rules["informational-to-http10"].codes == tuple(range(100, 200))
    assert rules["switching-over-http2"].codes == rules["upgrade-unrequested"].codes == (101,)
    assert rules["status-unregistered"].codes == tuple(c for c in range(100, 600) if not httpstatus.is_official(c))
    assert rules["retry-after-suggested"].field == "Retry-After" and rules["date-missing"].field == "Date"
    for id in PROBLEM_RULES:  # any response can carry a problem body; a title is compared with a phrase
        assert rules[id].field is None
        assert rules[id].codes == (tuple(range(100, 600)) if id != "problem-title-differs"
                                   else tuple(c for c in range(100, 600) if httpstatus.is_known(c))), id


def test_every_finding_is_its_rule():
    rules = {r.id: r for r in httpstatus.rules()}
    for _, status, fires, _ in CASES:
        for finding in check(status, **fires):
            rule = rules[finding.id]
            assert (finding.level, finding.message, finding.reference) == (rule.level, rule.message, rule.reference)
            assert status in rule.codes or not httpstatus.is_valid(status)


def test_status_rows_list_the_rules_that_apply_to_them():
    rules = httpstatus.rules()
    for member in httpstatus.Status:
        assert member.rules == tuple(r.id for r in rules if member.code in r.codes), member
        assert "content-forbidden" in member.rules
    assert httpstatus.METHOD_NOT_ALLOWED.rules == ("allow-missing", "date-missing", "content-forbidden",
                                                   "method-in-allow", *VALUE_RULES, *PROBLEM_RULES)
    assert "status-unregistered" in httpstatus.get(499).rules and "status-invalid" not in httpstatus.OK.rules


def test_rules_in_korean_and_read_only():
    english, korean = httpstatus.rules(), httpstatus.rules("ko")
    assert httpstatus.rules(None) == english and httpstatus.rules(lang="en") == english
    assert [r.id for r in korean] == [r.id for r in english]
    assert all(k.message != e.message and k[:3] == e[:3] and k[4:] == e[4:] for k, e in zip(korean, english))
    with pytest.raises(AttributeError):
        english[0].codes = ()
    with pytest.raises(AttributeError):
        del english[0].id


# ---- no leak, on any path ---------------------------------------------------------

def test_check_leaks_nothing_on_success_or_error_paths():
    import gc
    import sys
    import tracemalloc

    class Lang(str):
        pass

    headers, method, lang = dict(dated(("Allow", "GET"))), "GET\udc80", Lang("ko")
    calls = [
        lambda: check(200, headers),
        lambda: check(405, headers, method=method, lang=lang, request_headers={}, version="1.1", content=True),
        lambda: check(405, RESPONSE_405, method="GET", lang="ko", ignore=["date-missing"]),
        lambda: check(304, [("Content-Language", "x"), (b"\xff", "\udc80"), ("\ud800", "x")], method=b"PUT"),
        lambda: check(206, HttpxHeaders(RESPONSE_405), request_headers=http_message(b"Range: x\r\n\r\n")),
        lambda: check(2**100, CaseInsensitiveDict(headers)),
        lambda: check(200, [("a", 1)]),
        lambda: check(200, {"a": None}),
        lambda: check(200, request_headers=[("a",)]),
        lambda: check(200, headers, ignore=["nope"]),
        lambda: check(200, headers, ignore="date-missing"),
        lambda: check(200, headers, version="HTTP/1.1"),
        lambda: check(200, headers, lang="fr", method=method),
        lambda: check(200, headers, content=1, method=b"GET"),
        lambda: check(200, 5),
        lambda: check(1.5),
        lambda: check(200, {}, "GET"),
        lambda: httpstatus.rules("ko"),
    ]

    def run(times):
        for _ in range(times):
            for call in calls:
                try:
                    call()
                except (TypeError, ValueError):
                    pass

    run(200)  # the finding caches, and the interpreter's own bounded ones, are filled
    counts = [sys.getrefcount(x) for x in (headers, method, lang, RESPONSE_405)]
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
    assert [sys.getrefcount(x) for x in (headers, method, lang, RESPONSE_405)] == counts
