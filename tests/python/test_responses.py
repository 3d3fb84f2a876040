"""check() on response objects: each client's response read from a real
exchange with a server on 127.0.0.1 (requests, httpx, urllib3, http.client,
urllib.request and its HTTPError), each test client's from a real
application (Flask's, Django's, Starlette's). A library that is not
installed skips its tests (Debian 12: python3-requests python3-httpx
python3-urllib3 python3-flask python3-django python3-starlette)."""

import http.client
import urllib.error
import urllib.request

import pytest

import httpstatus
from httpstatus import check
from httpstatus._responses import read
from webapps import django_setup, raw_server

DATE = "Tue, 15 Apr 2025 10:00:00 GMT"
PROBLEM = b'{"title":"Not Found","status":404,"detail":"No user 42"}'


def ids(findings):
    return [f.id for f in findings]


def pairs(fields):
    """The (name, value) pairs of fields in any shape check() takes."""
    if hasattr(fields, "multi_items"):
        return list(fields.multi_items())
    return list(fields.items() if hasattr(fields, "items") else fields)


def head(status_line, *fields):
    return (status_line + "\r\n" + "".join(f + "\r\n" for f in (f"Date: {DATE}", *fields))
            + "Connection: close\r\n\r\n").encode("latin-1")


def answer(request):
    """The server's answers, by path; each closes the connection after it."""
    path = request.target
    if path == "/405":  # what a hand-written 405 often is
        return head("HTTP/1.1 405 Method Not Allowed", "Content-Type: text/plain", "Content-Length: 2") + b"no"
    if path == "/405-allow":
        return head("HTTP/1.1 405 Method Not Allowed", "Allow: POST", "Content-Length: 0")
    if path == "/hello":  # content even for HEAD, which a client never reads
        return head("HTTP/1.1 200 OK", "Content-Type: text/plain", "Content-Length: 5") + b"hello"
    if path == "/etag":  # a 304 whatever was asked
        if request.fields.get("if-none-match") == '"v1"' or request.method == "POST":
            return head("HTTP/1.1 304 Not Modified", 'ETag: "v1"')
        return head("HTTP/1.1 200 OK", 'ETag: "v1"', "Content-Length: 2") + b"v1"
    if path == "/range":  # a 206 whether a range was asked for or not
        return head("HTTP/1.1 206 Partial Content", "Content-Range: bytes 0-3/10", "Content-Length: 4") + b"0123"
    if path == "/206-bare":
        return head("HTTP/1.1 206 Partial Content", "Content-Length: 4") + b"0123"
    if path == "/created":
        return head("HTTP/1.1 201 Created", "Content-Length: 0")
    if path == "/early-hints":  # a 1xx as the only response: clients give it as the final one
        return head("HTTP/1.1 103 Early Hints", "Link: </style.css>; rel=preload")
    if path == "/http10":
        return head("HTTP/1.0 200 OK", "Content-Length: 2") + b"ok"
    if path == "/problem":
        return head("HTTP/1.1 404 Not Found", "Content-Type: application/problem+json",
                    f"Content-Length: {len(PROBLEM)}") + PROBLEM
    if path == "/problem-400-as-404":  # a problem whose status member is not the response's
        mismatched = PROBLEM.replace(b"404", b"400")
        return head("HTTP/1.1 404 Not Found", "Content-Type: application/problem+json",
                    f"Content-Length: {len(mismatched)}") + mismatched
    if path == "/no-date":
        return b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    if path == "/two-dates":
        return head("HTTP/1.1 204 No Content", f"Date: {DATE}")
    return head("HTTP/1.1 404 Not Found", "Content-Length: 0")


@pytest.fixture(scope="module")
def server():
    with raw_server(answer) as (url, requests):
        yield url, requests


# ---- the network clients: fetch(url, method, headers) gives the response object

def fetch_requests(url, method="GET", headers=None, **kw):
    requests = pytest.importorskip("requests", reason="needs requests (python3-requests)")
    return requests.request(method, url, headers=headers, allow_redirects=False, **kw)


def fetch_httpx(url, method="GET", headers=None):
    httpx = pytest.importorskip("httpx", reason="needs httpx (python3-httpx)")
    return httpx.request(method, url, headers=headers)


def fetch_urllib3(url, method="GET", headers=None, **kw):
    urllib3 = pytest.importorskip("urllib3", reason="needs urllib3 (python3-urllib3)")
    return urllib3.PoolManager().request(method, url, headers=headers, redirect=False, retries=False, **kw)


def fetch_http_client(url, method="GET", headers=None):
    host, _, path = url.removeprefix("http://").partition("/")
    conn = http.client.HTTPConnection(host, timeout=10)
    conn.request(method, "/" + path, headers=headers or {})
    return conn.getresponse()


def fetch_urllib(url, method="GET", headers=None):
    """urlopen's http.client.HTTPResponse, or the HTTPError it raises for a
    4xx or 5xx."""
    try:
        return urllib.request.urlopen(urllib.request.Request(url, method=method, headers=headers or {}), timeout=10)
    except urllib.error.HTTPError as error:
        return error


CLIENTS = [fetch_requests, fetch_httpx, fetch_urllib3, fetch_http_client, fetch_urllib]
# The clients whose response knows the request's fields.
KNOW_REQUEST_FIELDS = {fetch_requests, fetch_httpx}


def client_id(fetch):
    return fetch.__name__.removeprefix("fetch_")


clients = pytest.mark.parametrize("fetch", CLIENTS, ids=client_id)


@clients
def test_a_405_without_allow_is_found_and_the_method_read(server, fetch):
    url, _ = server
    r = fetch(url + "/405")
    status, _, options = read(r)
    assert status == 405 and options["method"] == "GET" and "ignore" not in options
    assert ids(check(r)) == ["allow-missing"]
    assert ids(check(r, level="must")) == ["allow-missing"]
    assert check(fetch(url + "/405-allow")) == []


@clients
def test_content_after_a_head_response_is_not_known_so_nothing_is_claimed(server, fetch):
    # The server sends five bytes after the head of its answer to HEAD; no
    # client reads them (they are not the response's), so whether content
    # came is not known: content-forbidden stays silent, not falsely clear.
    url, _ = server
    r = fetch(url + "/hello", "HEAD")
    status, _, options = read(r)
    assert status == 200 and options["method"] == "HEAD" and "content" not in options
    assert check(r) == []
    # given by the caller, it counts
    assert ids(check(r, content=True)) == ["content-forbidden"]


@clients
def test_a_304_to_a_conditional_get(server, fetch):
    url, requests = server
    r = fetch(url + "/etag", headers={"If-None-Match": '"v1"'})
    assert requests[-1].fields["if-none-match"] == '"v1"'
    status, _, options = read(r)
    assert status == 304 and "content" not in options  # a 304 has none to read
    assert check(r) == []
    # unconditional: found by the clients that know what was asked
    r = fetch(url + "/etag", "POST")
    assert read(r)[0] == 304
    assert ids(check(r)) == ["not-modified-unconditional"]


@clients
def test_a_206_with_and_without_content_range(server, fetch):
    url, _ = server
    r = fetch(url + "/range", headers={"Range": "bytes=0-3"})
    assert read(r)[0] == 206 and check(r) == []
    r = fetch(url + "/range")
    expected = ["partial-unrequested"] if fetch in KNOW_REQUEST_FIELDS else []
    assert ids(check(r)) == expected
    r = fetch(url + "/206-bare", headers={"Range": "bytes=0-3"})
    assert ids(check(r)) == ["content-range-missing"]


@clients
def test_a_201_without_location_is_info_only(server, fetch):
    url, _ = server
    r = fetch(url + "/created", "POST")
    assert ids(check(r)) == ["location-suggested"]
    assert check(r, level="should") == []


@clients
def test_the_version_read_is_the_one_the_request_was_sent_with(server, fetch):
    url, requests = server
    r = fetch(url + "/http10")  # the server answers HTTP/1.0 ...
    assert requests[-1].version == "HTTP/1.1"  # ... to an HTTP/1.1 request
    assert read(r)[2]["version"] == "1.1"
    if fetch is not fetch_httpx:  # which waits for a final response that never comes
        r = fetch(url + "/early-hints")
        assert read(r)[0] == 103 and check(r) == []


HTTP_CLIENT_BASED = [fetch_requests, fetch_urllib3, fetch_http_client, fetch_urllib]


@pytest.mark.parametrize("fetch", HTTP_CLIENT_BASED, ids=client_id)
def test_an_http10_request_through_http_client(server, fetch, monkeypatch):
    # The way to make http.client (and so urllib, urllib3, requests) send
    # HTTP/1.0; the 103 it gets is then an answer no HTTP/1.0 client knows.
    monkeypatch.setattr(http.client.HTTPConnection, "_http_vsn", 10)
    monkeypatch.setattr(http.client.HTTPConnection, "_http_vsn_str", "HTTP/1.0")
    url, requests = server
    r = fetch(url + "/early-hints")
    assert requests[-1].version == "HTTP/1.0"
    assert read(r)[2]["version"] == "1.0"
    assert ids(check(r)) == ["informational-to-http10"]


@pytest.mark.parametrize("fetch", [fetch_requests, fetch_httpx], ids=client_id)
def test_the_request_fields_read_are_those_sent(server, fetch):
    url, requests = server
    r = fetch(url + "/hello", headers={"Accept-Language": "ko", "Range": "bytes=1-2"})
    _, _, options = read(r)
    sent = {name.lower(): value for name, value in pairs(options["request_headers"])}
    assert sent["accept-language"] == requests[-1].fields["accept-language"] == "ko"
    assert sent["range"] == "bytes=1-2"


@clients
def test_the_fields_are_read_as_received_not_joined(server, fetch):
    url, _ = server
    r = fetch(url + "/two-dates")
    if fetch is fetch_requests:
        assert r.headers["Date"] == f"{DATE}, {DATE}"  # requests' own mapping joins them
    _, headers, _ = read(r)
    assert [v for k, v in pairs(headers) if k.lower() == "date"] == [DATE, DATE]


def test_content_is_read_where_the_client_has_read_it(server):
    url, _ = server
    body = PROBLEM
    assert read(fetch_requests(url + "/problem"))[2]["content"] == body
    assert read(fetch_httpx(url + "/problem"))[2]["content"] == body
    assert read(fetch_urllib3(url + "/problem"))[2]["content"] == body
    # http.client and urllib keep no copy of what was read: not known
    for fetch in (fetch_http_client, fetch_urllib):
        r = fetch(url + "/problem")
        assert "content" not in read(r)[2]
        assert r.read() == body


def test_a_problem_body_read_from_a_response_is_checked(server):
    url, _ = server
    for fetch in (fetch_requests, fetch_httpx, fetch_urllib3):
        assert check(fetch(url + "/problem")) == [], fetch
        assert ids(check(fetch(url + "/problem-400-as-404"))) == ["problem-status-mismatch"], fetch
    # where the content is not known, the problem rules cannot read it
    assert check(fetch_urllib(url + "/problem-400-as-404")) == []


def test_a_problem_body_from_a_test_client_is_checked():
    """A route of Flask, Django and Starlette that sends a problem whose
    status member is not the response's: check(r) reads the body."""
    flask = pytest.importorskip("flask", reason="needs Flask (python3-flask)")
    pytest.importorskip("django.http", reason="needs Django (python3-django) that imports on this Python")
    pytest.importorskip("starlette", reason="needs Starlette (python3-starlette)")
    from django.http import HttpResponse
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route
    from starlette.testclient import TestClient

    wrong, right = httpstatus.problem(400, "No user 42"), httpstatus.problem(404, "No user 42")
    app = flask.Flask(__name__)
    app.add_url_rule("/wrong", "wrong", lambda: (wrong.json(), 404, wrong.headers))
    app.add_url_rule("/right", "right", lambda: (right.json(), 404, right.headers))
    django_setup({"problem-wrong": lambda request: HttpResponse(wrong.json(), status=404, content_type=wrong.content_type),
                  "problem-right": lambda request: HttpResponse(right.json(), status=404, content_type=right.content_type)})
    from django.test import Client

    async def starlette_wrong(request):
        return Response(wrong.json(), 404, media_type=wrong.content_type)

    async def starlette_right(request):
        return Response(right.json(), 404, media_type=right.content_type)

    starlette = TestClient(Starlette(routes=[Route("/wrong", starlette_wrong), Route("/right", starlette_right)]))
    flask_client, django_client = app.test_client(), Client()
    for r in (flask_client.get("/wrong"), django_client.get("/problem-wrong"), starlette.get("/wrong")):
        # Flask's test client reads the body when asked (r.data), the others at once
        assert (r.data if hasattr(r, "data") else r.content) == wrong.json()
        assert ids(check(r, level="should")) == ["problem-status-mismatch"], type(r)
    for r in (flask_client.get("/right"), django_client.get("/problem-right"), starlette.get("/right")):
        assert (r.data if hasattr(r, "data") else r.content) == right.json()
        assert check(r, level="info") == [], type(r)


def test_a_stream_the_user_has_not_read_stays_unread(server):
    url, _ = server
    r = fetch_requests(url + "/hello", stream=True)
    assert "content" not in read(r)[2] and check(r) == []
    assert r.content == b"hello"  # still all there
    assert read(r)[2]["content"] == b"hello"

    httpx = pytest.importorskip("httpx")
    with httpx.Client() as client, client.stream("GET", url + "/hello") as r:
        assert "content" not in read(r)[2] and check(r) == []
        assert r.read() == b"hello"
        assert read(r)[2]["content"] == b"hello"

    r = fetch_urllib3(url + "/hello", preload_content=False)
    assert "content" not in read(r)[2] and check(r) == []
    assert r.read() == b"hello"


def test_closed_responses_are_read_without_error(server):
    url, _ = server
    for fetch in CLIENTS:
        r = fetch(url + "/405")
        r.close()
        assert ids(check(r)) == ["allow-missing"], fetch
    r = fetch_requests(url + "/405", stream=True)
    r.close()  # closed before its content was read
    assert "content" not in read(r)[2] and ids(check(r)) == ["allow-missing"]


def test_keyword_arguments_override_what_was_read(server):
    url, _ = server
    r = fetch_requests(url + "/created", "POST")
    assert ids(check(r, method="GET")) == ["location-suggested", "created-by-safe-method"]
    assert check(r, ignore=["location-suggested"]) == []


@clients
def test_a_servers_response_without_date_is_found(server, fetch):
    url, _ = server
    assert ids(check(fetch(url + "/no-date"))) == ["date-missing"]


# ---- test clients: the application is real, the exchange is in memory.
# No server has handled their responses, so none has added Date: date-missing
# is ignored, and an ignore given is added to that (every other keyword
# replaces what was read).

def test_flask_test_client_responses():
    flask = pytest.importorskip("flask", reason="needs Flask (python3-flask)")
    app = flask.Flask(__name__)

    @app.route("/hand-made-405", methods=["GET", "POST"])
    def hand_made_405():
        return "no", 405

    @app.route("/only-post", methods=["POST"])
    def only_post():
        return "ok"

    @app.route("/made", methods=["POST"])
    def made():
        return "", 201, {"Location": "/made/1"}

    client = app.test_client()
    r = client.get("/hand-made-405")
    assert ids(check(r)) == ["allow-missing"]
    assert read(r)[2]["method"] == "GET" and read(r)[2]["version"] == "1.1"
    assert check(client.get("/only-post")) == []  # Werkzeug's own 405 carries Allow
    assert read(r)[2]["ignore"] == ("date-missing",)
    assert check(r, ignore=["allow-missing"]) == []  # added to date-missing, not in its place
    assert check(r, ignore=["allow-missing", "date-missing"]) == []
    r = client.post("/made")
    assert check(r) == []
    assert ids(check(r, method="GET")) == ["created-by-safe-method"]
    # HTTP/1.0 as the environ says
    r = client.get("/hand-made-405", environ_overrides={"SERVER_PROTOCOL": "HTTP/1.0"})
    assert read(r)[2]["version"] == "1.0"
    # the body is not read ahead of the test; once it is, it is the content
    r = client.get("/hand-made-405", headers={"If-None-Match": "x"})
    assert "content" not in read(r)[2]
    assert r.data == b"no" and read(r)[2]["content"] == b"no"
    assert dict(read(r)[2]["request_headers"])["If-None-Match"] == "x"
    # Flask sends nothing after the head of a response to HEAD, and its
    # test client passes on what the application sent: no content
    r = client.head("/hand-made-405")
    assert r.data == b"" and read(r)[2]["content"] == b""
    assert ids(check(r)) == ["allow-missing"]
    assert ids(check(r, content=True)) == ["allow-missing", "content-forbidden"]


def test_flask_test_client_sees_content_where_content_is_forbidden():
    flask = pytest.importorskip("flask", reason="needs Flask (python3-flask)")
    werkzeug_test = pytest.importorskip("werkzeug.test")

    def raw_app(environ, start_response):  # no framework to drop it
        start_response("204 No Content", [("Date", DATE)])
        return [b"surprise"]

    r = werkzeug_test.Client(raw_app).get("/", buffered=True)
    assert ids(check(r)) == ["content-forbidden"]
    assert flask  # imported for the skip: Werkzeug comes with it


def test_django_test_client_responses():
    pytest.importorskip("django.http", reason="needs Django (python3-django) that imports on this Python "
                        "(3.2 needs cgi, gone in 3.13)")
    from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse

    django_setup({
        "resp-405": lambda request: HttpResponse("no", status=405),
        "resp-not-allowed": lambda request: HttpResponseNotAllowed(["POST"]),
        "resp-stream": lambda request: StreamingHttpResponse(word + " " for word in ("one", "two")),
    })
    from django.test import Client

    client = Client()
    r = client.get("/resp-405")
    assert ids(check(r)) == ["allow-missing"]
    status, headers, options = read(r)
    assert (status, options["method"], options["version"], options["content"]) == (405, "GET", "1.1", b"no")
    assert check(client.get("/resp-not-allowed")) == []  # HttpResponseNotAllowed carries Allow
    r = client.get("/resp-405", HTTP_IF_NONE_MATCH="x", SERVER_PROTOCOL="HTTP/1.0")
    assert dict(read(r)[2]["request_headers"])["If-None-Match"] == "x"
    assert read(r)[2]["version"] == "1.0"
    # the test client removes the content of a response to HEAD: not known
    r = client.head("/resp-405")
    assert "content" not in read(r)[2] and ids(check(r)) == ["allow-missing"]
    # a streaming response is not read ahead of the test
    r = client.get("/resp-stream")
    assert "content" not in read(r)[2]
    assert b"".join(r.streaming_content) == b"one two "


def test_starlette_test_client_responses():
    pytest.importorskip("starlette", reason="needs Starlette (python3-starlette)")
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route
    from starlette.testclient import TestClient

    async def hand_made_405(request):
        return PlainTextResponse("no", status_code=405)

    async def made(request):
        return Response(status_code=201)

    app = Starlette(routes=[Route("/405", hand_made_405, methods=["GET", "HEAD", "POST"]),
                            Route("/only-post", made, methods=["POST"])])
    client = TestClient(app)
    r = client.get("/405")
    assert ids(check(r)) == ["allow-missing"]
    _, _, options = read(r)
    assert (options["method"], options["version"], options["content"]) == ("GET", "1.1", b"no")
    assert options["ignore"] == ("date-missing",)  # no http_version: an in-memory transport
    assert check(client.get("/only-post")) == []  # Starlette's own 405 carries Allow
    assert ids(check(client.post("/only-post"))) == ["location-suggested"]
    r = client.head("/405")  # Starlette sends the body; its test client drops it
    assert "content" not in read(r)[2] and ids(check(r)) == ["allow-missing"]


def test_a_test_clients_date_missing_is_merged_with_the_callers_ignore():
    """A user's ignore= is added to the date-missing a test client's reader
    ignores, in every shape ignore takes; what check() refuses in ignore it
    still refuses, in its own words."""
    flask = pytest.importorskip("flask", reason="needs Flask (python3-flask)")
    app = flask.Flask(__name__)

    @app.get("/made")
    def made():
        return "made", 201  # no Location (info), no Date (the server's to add)

    r = app.test_client().get("/made")
    assert ids(check(r)) == ["location-suggested", "created-by-safe-method"]
    # without the merge each of these would bring date-missing back
    for ignore in (["location-suggested"], ("location-suggested",), {"location-suggested"},
                   iter(["location-suggested"]), (id for id in ["location-suggested"]),
                   {"location-suggested": 1}):
        assert ids(check(r, ignore=ignore)) == ["created-by-safe-method"], ignore
    assert ids(check(r, ignore=None)) == ids(check(r, ignore=())) == ids(check(r))
    assert check(r, ignore=["location-suggested", "created-by-safe-method"]) == []
    assert ids(check(r, level="info", ignore=["created-by-safe-method"])) == ["location-suggested"]
    with pytest.raises(TypeError, match=r"^check\(\) ignore must be an iterable of rule ids, not one 'str'"):
        check(r, ignore="location-suggested")
    with pytest.raises(TypeError, match=r"^check\(\) ignore must be an iterable of rule ids, not 'int'"):
        check(r, ignore=7)
    with pytest.raises(ValueError, match=r"^check\(\) ignore: no rule has the id 'nope'"):
        check(r, ignore=["nope"])
    with pytest.raises(TypeError, match=r"^check\(\) ignore must hold rule ids \(str\), not 1"):
        check(r, ignore=[1])
    # the same response given as status and fields has no reader: nothing is added
    assert "date-missing" in ids(check(r.status_code, r.headers, ignore=["location-suggested"]))


def test_the_merge_holds_for_django_and_starlette_test_clients():
    pytest.importorskip("django.http", reason="needs Django (python3-django) that imports on this Python")
    pytest.importorskip("starlette", reason="needs Starlette (python3-starlette)")
    from django.http import HttpResponse
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    django_setup({"merge-405": lambda request: HttpResponse("no", status=405)})
    from django.test import Client

    async def no_allow(request):
        return PlainTextResponse("no", status_code=405)

    for r in (Client().get("/merge-405"), TestClient(Starlette(routes=[Route("/", no_allow)])).get("/")):
        assert ids(check(r)) == ["allow-missing"]
        assert check(r, ignore=["allow-missing"]) == [], type(r)
        assert ids(check(r, ignore=["content-forbidden"])) == ["allow-missing"]


# ---- what cannot be read

class NoStatus:
    headers = {}


class NoHeaders:
    status_code = 200


@pytest.mark.parametrize("thing, lacking", [
    (object(), "'builtins.object' as a response: it has no status_code or status"),
    (NoStatus(), "'test_responses.NoStatus' as a response: it has no status_code or status"),
    (NoHeaders(), "'test_responses.NoHeaders' as a response: it has no headers"),
])
def test_an_object_that_is_no_response_is_a_type_error_naming_what_it_lacks(thing, lacking):
    with pytest.raises(TypeError, match=r"^check\(\) cannot read a " + lacking.replace("(", r"\(")):
        read(thing)


def test_an_empty_requests_response_is_a_type_error():
    requests = pytest.importorskip("requests")
    with pytest.raises(TypeError, match=r"'requests\.models\.Response' as a response: its status is None"):
        read(requests.Response())


def test_any_object_with_status_code_and_headers_is_read():
    class Reply:
        status_code = 405
        headers = {"Date": DATE}

    assert read(Reply()) == (405, {"Date": DATE}, {})
    assert ids(check(Reply())) == ["allow-missing"]
