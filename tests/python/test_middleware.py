"""httpstatus.wsgi.CheckMiddleware and httpstatus.asgi.CheckMiddleware:
inside real Flask, Django and Starlette applications (their test clients,
and real servers on 127.0.0.1 where the test must see bytes arrive), and
around bare WSGI and ASGI applications for the protocols' corners. A
framework that is not installed skips its tests."""

import asyncio
import http.client
import logging
import sys
import threading
import wsgiref.util
from pathlib import Path

import pytest

import httpstatus
from httpstatus import ResponseRuleError
from httpstatus import asgi as hs_asgi
from httpstatus import wsgi as hs_wsgi
from webapps import asgi_server, django_setup, wsgi_server

DATE = "Tue, 15 Apr 2025 10:00:00 GMT"
FIRST, SECOND = b"first piece\n", b"second piece\n"


def logged(caplog):
    """(method, path, status, level, id) of each finding logged."""
    return [(r.method, r.path, r.status, r.finding.level, r.finding.id)
            for r in caplog.records if r.name == "httpstatus" and hasattr(r, "finding")]


@pytest.fixture
def caplog(caplog):
    caplog.set_level(logging.WARNING, logger="httpstatus")
    return caplog


# ---- a bare WSGI server in the test's own thread: every piece as the app gives it

def call_wsgi(app, method="GET", path="/", headers=(), protocol="HTTP/1.1"):
    """Runs app as a WSGI server does; returns (status, headers, pieces),
    pieces being what write() and the iterable gave, in order."""
    environ = {}
    wsgiref.util.setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD=method, PATH_INFO=path, SERVER_PROTOCOL=protocol)
    for name, value in headers:
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    started, pieces = [], []

    def start_response(status, response_headers, exc_info=None):
        if exc_info is not None and pieces:
            raise exc_info[1].with_traceback(exc_info[2])
        started.append((status, response_headers))
        return pieces.append

    result = app(environ, start_response)
    try:
        for piece in result:
            pieces.append(piece)
    finally:
        if hasattr(result, "close"):
            result.close()
    return started[-1][0], started[-1][1], pieces


def wsgi_app(status, headers=(), pieces=(b"body",)):
    def app(environ, start_response):
        start_response(status, list(headers))
        return list(pieces)
    return app


def test_wsgi_logs_each_finding_once_with_method_path_status_level_id_message(caplog):
    app = hs_wsgi.CheckMiddleware(wsgi_app("405 Method Not Allowed", [("Content-Type", "text/plain")]))
    status, headers, pieces = call_wsgi(app, "DELETE", "/items/7")
    assert (status, pieces) == ("405 Method Not Allowed", [b"body"])
    assert logged(caplog) == [("DELETE", "/items/7", 405, "must", "allow-missing")]
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == ("DELETE /items/7 405 must allow-missing: "
                                   + httpstatus.check(405, level="must")[0].message)


def test_wsgi_a_correct_response_logs_nothing(caplog):
    app = hs_wsgi.CheckMiddleware(wsgi_app("405 Method Not Allowed", [("Allow", "GET")]))
    call_wsgi(app, "DELETE")
    app = hs_wsgi.CheckMiddleware(wsgi_app("200 OK", [("Content-Type", "text/plain")]))
    call_wsgi(app)
    assert caplog.records == []


def test_wsgi_options(caplog):
    created = wsgi_app("201 Created", [("Content-Type", "text/plain")])
    call_wsgi(hs_wsgi.CheckMiddleware(created), "POST")
    assert logged(caplog) == []  # info is below the default level, should
    call_wsgi(hs_wsgi.CheckMiddleware(created, level="info"), "POST")
    assert logged(caplog) == [("POST", "/", 201, "info", "location-suggested")]
    caplog.clear()
    call_wsgi(hs_wsgi.CheckMiddleware(created, level="info", ignore=["location-suggested"]), "POST")
    call_wsgi(hs_wsgi.CheckMiddleware(wsgi_app("405 Method Not Allowed"), level="must", ignore=("allow-missing",)))
    assert logged(caplog) == []
    mine = logging.getLogger("test_middleware.mine")
    call_wsgi(hs_wsgi.CheckMiddleware(wsgi_app("405 Method Not Allowed"), logger=mine))
    assert [(r.name, r.finding.id) for r in caplog.records] == [("test_middleware.mine", "allow-missing")]


def test_wsgi_date_missing_is_checked_only_where_the_server_adds_no_date(caplog):
    undated = wsgi_app("200 OK")
    call_wsgi(hs_wsgi.CheckMiddleware(undated))
    call_wsgi(hs_wsgi.CheckMiddleware(undated, ignore=["date-missing"]))
    assert logged(caplog) == []
    call_wsgi(hs_wsgi.CheckMiddleware(undated, server_adds_date=False))
    assert logged(caplog) == [("GET", "/", 200, "must", "date-missing")]
    caplog.clear()
    call_wsgi(hs_wsgi.CheckMiddleware(wsgi_app("200 OK", [("Date", DATE)]), server_adds_date=False))
    assert logged(caplog) == []


@pytest.mark.parametrize("middleware", [hs_wsgi.CheckMiddleware, hs_asgi.CheckMiddleware])
def test_bad_options_are_refused_when_the_middleware_is_made(middleware):
    app = wsgi_app("200 OK")
    with pytest.raises(ValueError, match=r"^CheckMiddleware\(\) ignore: no rule has the id 'allow-mising'"):
        middleware(app, ignore=["allow-mising"])
    with pytest.raises(TypeError, match=r"^CheckMiddleware\(\) ignore must be an iterable of rule ids, not one 'str'"):
        middleware(app, ignore="date-missing")
    with pytest.raises(ValueError, match=r"^CheckMiddleware\(\) level must be 'info', 'should' or 'must'"):
        middleware(app, level="warning")
    # a generator is read once, when the middleware is made
    checked = middleware(app, ignore=(i for i in ["allow-missing"]))
    assert checked.app is app


def test_wsgi_request_fields_and_method_come_from_the_environ(caplog):
    not_modified = wsgi_app("304 Not Modified", [("ETag", '"v1"')], [])
    call_wsgi(hs_wsgi.CheckMiddleware(not_modified), headers=[("If-None-Match", '"v1"')])
    assert logged(caplog) == []
    call_wsgi(hs_wsgi.CheckMiddleware(not_modified))
    assert logged(caplog) == [("GET", "/", 304, "should", "not-modified-unconditional")]


def test_request_fields_are_gathered_only_for_the_codes_whose_findings_they_can_change():
    from httpstatus._middleware import _REQUEST_FIELD_CODES

    # the codes of the request-field rules of docs/reference.md
    assert _REQUEST_FIELD_CODES == {100, 101, 206, 304, 406, 412, 416, 417}
    asked = [[], [("Accept", "*/*"), ("User-Agent", "x"), ("Host", "x")],
             [("Upgrade", "h2c"), ("Expect", "100-continue"), ("Range", "bytes=0-1"), ("If-None-Match", "x"),
              ("If-Match", "x"), ("If-Modified-Since", DATE), ("If-Unmodified-Since", DATE), ("If-Range", "x"),
              ("Accept-Language", "ko")]]
    for code in set(range(90, 610)) - _REQUEST_FIELD_CODES:
        for fields in asked:
            assert httpstatus.check(code, request_headers=fields) == httpstatus.check(code), (code, fields)


def test_content_is_checked_again_only_for_the_codes_whose_findings_it_can_change():
    from httpstatus._middleware import _CONTENT_CODES

    # content-forbidden's codes in docs/reference.md, HEAD aside
    assert _CONTENT_CODES == {*range(100, 200), 204, 205, 304}


def test_wsgi_content_where_none_is_allowed_is_found_at_its_first_bytes(caplog):
    # an empty piece is no content; the first non-empty one is
    app = hs_wsgi.CheckMiddleware(wsgi_app("204 No Content", [], [b"", b"x", b"y"]))
    assert call_wsgi(app)[2] == [b"", b"x", b"y"]
    assert logged(caplog) == [("GET", "/", 204, "must", "content-forbidden")]
    caplog.clear()
    call_wsgi(hs_wsgi.CheckMiddleware(wsgi_app("204 No Content", [], [b"", b""])))
    assert logged(caplog) == []


def test_wsgi_content_sent_with_write_counts(caplog):
    closed = []

    class Rest(list):
        def close(self):
            closed.append(True)

    def app(environ, start_response):
        write = start_response("204 No Content", [])
        write(b"written")
        return Rest([b"returned"])

    assert call_wsgi(hs_wsgi.CheckMiddleware(app))[2] == [b"written", b"returned"]
    assert logged(caplog) == [("GET", "/", 204, "must", "content-forbidden")]
    assert closed == [True]
    # raised when the application returns, its iterable closed
    with pytest.raises(ResponseRuleError) as raised:
        call_wsgi(hs_wsgi.CheckMiddleware(app, raise_on_finding=True))
    assert [f.id for f in raised.value.findings] == ["content-forbidden"]
    assert closed == [True, True]


def test_wsgi_a_response_to_head_is_not_blamed_for_the_content_servers_drop(caplog):
    # Django, and any WSGI application that answers HEAD as GET, gives the
    # body; the server does not send it.
    app = hs_wsgi.CheckMiddleware(wsgi_app("200 OK", [("Content-Type", "text/plain")], [b"body"]))
    assert call_wsgi(app, "HEAD")[2] == [b"body"]
    assert logged(caplog) == []


def test_wsgi_start_response_with_exc_info_replaces_the_response_checked(caplog):
    def app(environ, start_response):
        start_response("405 Method Not Allowed", [])
        try:
            raise RuntimeError("the view failed")
        except RuntimeError:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")], sys.exc_info())
        return [b"try later"]

    assert call_wsgi(hs_wsgi.CheckMiddleware(app, level="info"))[:2] == (
        "503 Service Unavailable", [("Content-Type", "text/plain")])
    # the 405 was never sent: only the 503 is checked
    assert logged(caplog) == [("GET", "/", 503, "info", "retry-after-suggested")]


def test_wsgi_the_iterable_is_closed_once_and_its_length_kept(caplog):
    closed = []

    class Body(list):
        def close(self):
            closed.append(True)

    def app(environ, start_response):
        start_response("405 Method Not Allowed", [])
        return Body([b"no"])

    checked = hs_wsgi.CheckMiddleware(app)
    environ = {}
    wsgiref.util.setup_testing_defaults(environ)
    body = checked(environ, lambda status, headers, exc_info=None: None)
    assert len(body) == 1  # wsgiref sets Content-Length from a one-piece body
    assert list(body) == [b"no"]
    body.close()
    body.close()
    assert closed == [True]

    def generator_app(environ, start_response):
        start_response("200 OK", [])
        yield b"x"

    assert not hasattr(checked.__class__(generator_app)(environ, lambda *a: None), "__len__")

    # raising: closed before the error reaches the server, and not again after
    with pytest.raises(ResponseRuleError):
        call_wsgi(hs_wsgi.CheckMiddleware(app, raise_on_finding=True))
    assert closed == [True, True]


def test_wsgi_raise_on_finding_raises_at_the_first_piece_of_a_generator(caplog):
    produced = []

    def app(environ, start_response):
        start_response("405 Method Not Allowed", [])
        produced.append(1)
        yield b"one"
        produced.append(2)
        yield b"two"

    with pytest.raises(ResponseRuleError) as raised:
        call_wsgi(hs_wsgi.CheckMiddleware(app, raise_on_finding=True), "PUT", "/things")
    error = raised.value
    assert (error.method, error.path, error.status) == ("PUT", "/things", 405)
    assert [f.id for f in error.findings] == ["allow-missing"]
    assert produced == [1]
    assert str(error).startswith("PUT /things answered 405, which breaks 1 response rule:\n  must allow-missing: ")
    assert logged(caplog) == [("PUT", "/things", 405, "must", "allow-missing")]  # logged too


def test_wsgi_what_check_cannot_read_is_logged_and_passed_on(caplog):
    app = hs_wsgi.CheckMiddleware(wsgi_app("200 OK", [("X-Count", 3)]))
    assert call_wsgi(app)[2] == [b"body"]
    [record] = caplog.records
    assert record.getMessage().startswith("GET / 200: httpstatus cannot check this response: check() headers")
    caplog.clear()
    call_wsgi(hs_wsgi.CheckMiddleware(wsgi_app("2OO OK")))
    assert logged(caplog) == [("GET", "/", 0, "must", "status-invalid")]


def test_wsgi_a_problem_body_passes_unchanged_whatever_its_length(caplog):
    for size in (10, 64 * 1024, 64 * 1024 + 1, 200 * 1024):
        pieces = [b"{" + b" " * (size - 2) + b"}"[:size]] if size < 1000 else [b"x" * 1000] * (size // 1000)
        app = hs_wsgi.CheckMiddleware(wsgi_app("404 Not Found", [("Content-Type", "application/problem+json")],
                                               pieces))
        assert call_wsgi(app)[2] == pieces
    # "{ ... }" is a problem object (no finding); 65 KB of "x" is read and is no JSON;
    # past 64 KiB the problem rules do not read the body
    assert logged(caplog) == [("GET", "/", 404, "must", "problem-invalid")] * 2


def test_wsgi_the_path_is_read_as_utf8(caplog):
    app = hs_wsgi.CheckMiddleware(wsgi_app("405 Method Not Allowed"))
    call_wsgi(app, path="/caf\u00c3\u00a9")  # WSGI's latin-1 view of the UTF-8 bytes of /café
    assert logged(caplog)[0][1] == "/café"


# ---- real servers: the first piece reaches the client before the second is made

def read_stream(host, port, path, release):
    """The first piece read from a real connection, before release lets
    the application make the second, and the rest."""
    conn = http.client.HTTPConnection(host, port, timeout=15)
    conn.request("GET", path)
    response = conn.getresponse()
    first = response.read(len(FIRST))
    release.set()
    rest = response.read()
    conn.close()
    return response.status, first, rest


def gated_pieces(release):
    """FIRST, then SECOND once release is set (or a word saying the client
    never got FIRST)."""
    yield FIRST
    yield SECOND if release.wait(10) else b"the client never got the first piece\n"


# ---- Flask

@pytest.fixture
def flask_app():
    flask = pytest.importorskip("flask", reason="needs Flask (python3-flask)")
    app = flask.Flask(__name__)
    app.release = threading.Event()

    @app.route("/hand-made-405", methods=["GET", "DELETE"])
    def hand_made_405():
        return "no", 405

    @app.route("/item", methods=["GET", "POST"])
    def item():
        return "an item"

    @app.route("/stream")
    def stream():
        return app.response_class(gated_pieces(app.release), mimetype="text/plain")

    return app


def test_flask_a_405_without_allow_is_logged_once(flask_app, caplog):
    flask_app.wsgi_app = hs_wsgi.CheckMiddleware(flask_app.wsgi_app)
    client = flask_app.test_client()
    assert client.delete("/hand-made-405").data == b"no"
    assert logged(caplog) == [("DELETE", "/hand-made-405", 405, "must", "allow-missing")]


def test_flask_correct_routes_log_nothing(flask_app, caplog):
    flask_app.wsgi_app = hs_wsgi.CheckMiddleware(flask_app.wsgi_app)
    client = flask_app.test_client()
    assert client.get("/item").status_code == 200
    assert client.head("/item").status_code == 200
    assert client.delete("/item").status_code == 405  # Flask's own, with Allow
    assert client.get("/nowhere").status_code == 404
    assert logged(caplog) == []


def test_flask_raise_on_finding(flask_app, caplog):
    flask_app.wsgi_app = hs_wsgi.CheckMiddleware(flask_app.wsgi_app, raise_on_finding=True)
    client = flask_app.test_client()
    with pytest.raises(ResponseRuleError) as raised:
        client.get("/hand-made-405")
    assert [f.id for f in raised.value.findings] == ["allow-missing"]
    assert (raised.value.method, raised.value.path, raised.value.status) == ("GET", "/hand-made-405", 405)
    assert client.get("/item").data == b"an item"  # and nothing for a correct one


def test_flask_a_streamed_body_arrives_unchanged_and_unbuffered(flask_app, caplog):
    flask_app.wsgi_app = hs_wsgi.CheckMiddleware(flask_app.wsgi_app)
    with wsgi_server(flask_app) as (host, port):
        assert read_stream(host, port, "/stream", flask_app.release) == (200, FIRST, SECOND)
    assert logged(caplog) == []


# ---- Django, a real WSGI application: settings in the test, no project

@pytest.fixture
def django_wsgi():
    pytest.importorskip("django.http", reason="needs Django (python3-django) that imports on this Python "
                        "(3.2 needs cgi, gone in 3.13)")
    from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse

    release = threading.Event()
    django_setup({
        "mw-405": lambda request: HttpResponse("no", status=405),
        "mw-not-allowed": lambda request: HttpResponseNotAllowed(["POST"]),
        "mw-ok": lambda request: HttpResponse("fine"),
        "mw-stream": lambda request: StreamingHttpResponse(gated_pieces(release)),
    })
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    application.release = release
    return application


def test_django_a_405_without_allow_is_logged_once(django_wsgi, caplog):
    app = hs_wsgi.CheckMiddleware(django_wsgi)
    with wsgi_server(app) as (host, port):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/mw-405")
        assert conn.getresponse().read() == b"no"
    assert logged(caplog) == [("GET", "/mw-405", 405, "must", "allow-missing")]


def test_django_correct_views_log_nothing(django_wsgi, caplog):
    app = hs_wsgi.CheckMiddleware(django_wsgi)
    assert call_wsgi(app, path="/mw-ok")[::2] == ("200 OK", [b"fine"])
    assert call_wsgi(app, path="/mw-not-allowed")[0] == "405 Method Not Allowed"
    assert call_wsgi(app, "HEAD", "/mw-ok")[2] == [b"fine"]  # Django leaves HEAD to the server
    assert logged(caplog) == []


def test_django_raise_on_finding(django_wsgi):
    app = hs_wsgi.CheckMiddleware(django_wsgi, raise_on_finding=True)
    with pytest.raises(ResponseRuleError) as raised:
        call_wsgi(app, "POST", "/mw-405")
    assert [f.id for f in raised.value.findings] == ["allow-missing"]
    assert (raised.value.method, raised.value.path, raised.value.status) == ("POST", "/mw-405", 405)


def test_django_a_streamed_body_arrives_unchanged_and_unbuffered(django_wsgi, caplog):
    with wsgi_server(hs_wsgi.CheckMiddleware(django_wsgi)) as (host, port):
        assert read_stream(host, port, "/mw-stream", django_wsgi.release) == (200, FIRST, SECOND)
    assert logged(caplog) == []


# ---- a bare ASGI server in the test's own thread

def call_asgi(app, scope=None, **fields):
    """Runs app for one request; returns the messages it sent, in order."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "path": "/",
             "raw_path": b"/", "query_string": b"", "headers": [], **(scope or {}), **fields}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def asgi_app(*messages):
    async def app(scope, receive, send):
        for message in messages:
            await send(message)
    return app


def start(status, headers=()):
    return {"type": "http.response.start", "status": status, "headers": list(headers)}


def body(data=b"", more=False):
    return {"type": "http.response.body", "body": data, "more_body": more}


def test_asgi_logs_each_finding_once_and_passes_every_message_unchanged(caplog):
    messages = [start(405, [(b"content-type", b"text/plain")]), body(b"n", True), body(b"o", True), body()]
    sent = call_asgi(hs_asgi.CheckMiddleware(asgi_app(*messages)), method="DELETE", path="/items/7")
    assert sent == messages and all(a is b for a, b in zip(sent, messages))
    assert logged(caplog) == [("DELETE", "/items/7", 405, "must", "allow-missing")]


def test_asgi_content_in_a_later_body_message_is_found_once(caplog):
    messages = [start(204), body(b"", True), body(b"late", True), body(b"later", True), body()]
    assert call_asgi(hs_asgi.CheckMiddleware(asgi_app(*messages))) == messages
    assert logged(caplog) == [("GET", "/", 204, "must", "content-forbidden")]
    caplog.clear()
    call_asgi(hs_asgi.CheckMiddleware(asgi_app(start(204), body(b"", True), body())))
    call_asgi(hs_asgi.CheckMiddleware(asgi_app(start(200), body(b"all", True), body())), method="HEAD")
    assert logged(caplog) == []


def test_asgi_http2_and_the_request_fields_come_from_the_scope(caplog):
    upgrade = asgi_app(start(101, [(b"upgrade", b"websocket"), (b"connection", b"upgrade")]), body())
    asked = [(b"upgrade", b"websocket"), (b"connection", b"upgrade")]
    call_asgi(hs_asgi.CheckMiddleware(upgrade), headers=asked)
    assert logged(caplog) == []
    call_asgi(hs_asgi.CheckMiddleware(upgrade), headers=asked, http_version="2")
    assert logged(caplog) == [("GET", "/", 101, "must", "switching-over-http2")]
    caplog.clear()
    call_asgi(hs_asgi.CheckMiddleware(upgrade))
    assert logged(caplog) == [("GET", "/", 101, "must", "upgrade-unrequested")]


def test_asgi_headers_given_as_an_iterator_still_reach_the_server(caplog):
    def fields():
        yield (b"allow", b"POST")

    sent = call_asgi(hs_asgi.CheckMiddleware(asgi_app({"type": "http.response.start", "status": 405,
                                                        "headers": fields()}, body())))
    assert sent[0]["headers"] == [(b"allow", b"POST")]
    assert logged(caplog) == []


def test_asgi_other_scopes_pass_through_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append((scope["type"], receive, send))

    async def receive():
        return {}

    async def send(message):
        pass

    checked = hs_asgi.CheckMiddleware(app)
    for kind in ("lifespan", "websocket"):
        asyncio.run(checked({"type": kind}, receive, send))
    assert seen == [("lifespan", receive, send), ("websocket", receive, send)]


def test_asgi_raise_on_finding_raises_when_the_application_returns(caplog):
    messages = [start(405), body(b"no")]
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.disconnect"}

    checked = hs_asgi.CheckMiddleware(asgi_app(*messages), raise_on_finding=True)
    with pytest.raises(ResponseRuleError) as raised:
        asyncio.run(checked({"type": "http", "method": "PATCH", "path": "/x", "headers": []}, receive, send))
    assert sent == messages  # the whole response went out first
    assert (raised.value.method, raised.value.path, raised.value.status) == ("PATCH", "/x", 405)


# ---- Starlette

@pytest.fixture
def starlette_app():
    pytest.importorskip("starlette", reason="needs Starlette (python3-starlette)")
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, StreamingResponse
    from starlette.routing import Route, WebSocketRoute

    release = threading.Event()
    started = []

    async def hand_made_405(request):
        return PlainTextResponse("no", status_code=405)

    async def item(request):
        return PlainTextResponse("an item")

    async def stream(request):
        async def pieces():
            yield FIRST
            for _ in range(1000):  # up to 10 s for the client to read the first piece
                if release.is_set():
                    break
                await asyncio.sleep(0.01)
            yield SECOND if release.is_set() else b"the client never got the first piece\n"
        return StreamingResponse(pieces(), media_type="text/plain")

    async def echo(websocket):
        await websocket.accept()
        await websocket.send_text(await websocket.receive_text())
        await websocket.close()

    app = Starlette(routes=[Route("/hand-made-405", hand_made_405, methods=["GET", "DELETE"]),
                            Route("/item", item, methods=["GET", "POST"]),
                            Route("/stream", stream),
                            WebSocketRoute("/echo", echo)],
                    on_startup=[lambda: started.append(True)])
    app.release, app.started = release, started
    return app


def test_starlette_a_405_without_allow_is_logged_once(starlette_app, caplog):
    from starlette.testclient import TestClient

    client = TestClient(hs_asgi.CheckMiddleware(starlette_app))
    assert client.delete("/hand-made-405").text == "no"
    assert logged(caplog) == [("DELETE", "/hand-made-405", 405, "must", "allow-missing")]


def test_starlette_correct_routes_log_nothing_and_other_scopes_work(starlette_app, caplog):
    from starlette.middleware import Middleware
    from starlette.testclient import TestClient

    # as Starlette's own middleware, with options
    starlette_app.user_middleware.insert(0, Middleware(hs_asgi.CheckMiddleware, level="info"))
    starlette_app.middleware_stack = starlette_app.build_middleware_stack()
    with TestClient(starlette_app) as client:  # lifespan: startup runs through it
        assert starlette_app.started == [True]
        assert client.get("/item").text == "an item"
        assert client.head("/item").status_code == 200  # Starlette sends the body; servers drop it
        assert client.delete("/item").status_code == 405  # Starlette's own, with Allow
        with client.websocket_connect("/echo") as websocket:
            websocket.send_text("hello")
            assert websocket.receive_text() == "hello"
    assert logged(caplog) == []


def test_starlette_raise_on_finding(starlette_app):
    from starlette.testclient import TestClient

    client = TestClient(hs_asgi.CheckMiddleware(starlette_app, raise_on_finding=True))
    with pytest.raises(ResponseRuleError) as raised:
        client.get("/hand-made-405")
    assert [f.id for f in raised.value.findings] == ["allow-missing"]
    assert (raised.value.method, raised.value.path, raised.value.status) == ("GET", "/hand-made-405", 405)
    assert client.get("/item").text == "an item"


def test_starlette_a_streamed_body_arrives_unchanged_and_unbuffered(starlette_app, caplog):
    with asgi_server(hs_asgi.CheckMiddleware(starlette_app)) as (host, port):
        assert read_stream(host, port, "/stream", starlette_app.release) == (200, FIRST, SECOND)
    assert logged(caplog) == []


# ---- docs/reference.md's examples, run as they are written

def reference_examples():
    text = (Path(__file__).resolve().parents[2] / "docs" / "reference.md").read_text()
    marker = "<!-- tested: tests/python/test_middleware.py runs this block -->\n```python\n"
    return [part.split("\n```\n", 1)[0] for part in text.split(marker)[1:]]


def test_the_reference_examples_run():
    pytest.importorskip("flask", reason="the examples need Flask (python3-flask)")
    examples = reference_examples()
    assert len(examples) == 2
    for example in examples:
        exec(compile(example, "docs/reference.md", "exec"), {"__name__": "reference_example"})


# ---- types: the stubs wsgi.pyi and asgi.pyi, as mypy --strict reads them

def test_mypy_accepts_the_middleware_around_typed_applications(tmp_path):
    pytest.importorskip("mypy")
    from test_types import mypy

    status, out = mypy("""
        import logging
        from typing import Any, Awaitable, Callable, Iterable, MutableMapping
        from _typeshed.wsgi import StartResponse, WSGIEnvironment
        import httpstatus
        from httpstatus import asgi, wsgi

        def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]

        async def asgi_app(scope: MutableMapping[str, Any], receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
                           send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": []})

        checked = wsgi.CheckMiddleware(app, level="must", ignore=["allow-missing"], raise_on_finding=True)
        body: Iterable[bytes] = checked({}, lambda status, headers, exc_info=None: lambda data: None)
        wsgi.CheckMiddleware(checked, logger=logging.getLogger("x"), server_adds_date=False)
        asgi.CheckMiddleware(asgi_app, level=None, ignore=("date-missing",))
        try:
            pass
        except httpstatus.ResponseRuleError as error:
            ids = [finding.id for finding in error.findings]
            where: str = error.path
            status: int = error.status
        """, tmp_path)
    assert status == 0, out


def test_mypy_rejects_misuse_of_the_middleware(tmp_path):
    pytest.importorskip("mypy")
    from test_types import mypy

    status, out = mypy("""
        from httpstatus import asgi, wsgi

        def app(environ: dict, start_response: object) -> list:
            return []

        wsgi.CheckMiddleware(app, level="warning")
        wsgi.CheckMiddleware(app, ignore="date-missing")
        asgi.CheckMiddleware(app, "should")
        """, tmp_path)
    assert status == 1
    for line in (7, 8, 9):
        assert f"program.py:{line}: error:" in out, (line, out)
