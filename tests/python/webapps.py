"""Real servers on 127.0.0.1 for the tests of response objects and of the
middleware, each in a thread of the test process and stopped at the end of
its with-block:

- raw_server(answer): a socket server that sends exactly the bytes
  answer(request) returns, one response per connection, and records each
  request (method, target, version, fields);
- wsgi_server(app): wsgiref's server, which writes and flushes each piece
  of the body as the application yields it;
- asgi_server(app): uvicorn (Debian's python3-uvicorn).

And the one Django configuration of the test process (django_setup()), whose
URLs are those the tests give it.
"""

import contextlib
import socket
import threading
import time
import types
import wsgiref.simple_server

import pytest


class Request(types.SimpleNamespace):
    """A request as the server received it: method, target, version
    ("HTTP/1.1") and fields (a dict of lower-case names)."""


def _read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        piece = conn.recv(65536)
        if not piece:
            return None
        data += piece
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ")
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    length = int(fields.get("content-length", 0))
    while len(rest) < length:
        rest += conn.recv(65536)
    return Request(method=method, target=target, version=version, fields=fields)


@contextlib.contextmanager
def raw_server(answer):
    """Yields (base URL, the list of requests received). answer(request)
    gives the bytes of the whole response; the connection closes after it."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)  # to see stop
    requests = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(10)
            with conn:
                request = _read_request(conn)
                if request is None:
                    continue
                requests.append(request)
                conn.sendall(answer(request))
                conn.shutdown(socket.SHUT_WR)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", requests
    finally:
        stop.set()
        listener.close()
        thread.join(5)


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def wsgi_server(app):
    """Yields (host, port) of wsgiref's server running app."""
    server = wsgiref.simple_server.make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextlib.contextmanager
def asgi_server(app):
    """Yields (host, port) of uvicorn running app (HTTP only)."""
    uvicorn = pytest.importorskip("uvicorn", reason="the ASGI server tests need uvicorn (python3-uvicorn)")
    listener = socket.create_server(("127.0.0.1", 0))
    config = uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # not the main thread
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield listener.getsockname()[:2]
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()


_django_urls = types.ModuleType("httpstatus_test_urls")  # ROOT_URLCONF: a module, or its name
_django_urls.urlpatterns = []


def django_setup(routes):
    """Django configured once for the whole test process (settings in code,
    no project), serving each view of routes ({"name": view}) at /name, in
    place of any view served there before. Returns the django module."""
    pytest.importorskip("django.http", reason="the Django tests need Django (python3-django) that imports on this "
                        "Python (3.2 needs cgi, gone in 3.13)")
    import django
    from django.conf import settings
    from django.urls import clear_url_caches, path

    if not settings.configured:
        settings.configure(ROOT_URLCONF=_django_urls, ALLOWED_HOSTS=["*"], SECRET_KEY="httpstatus tests",
                           MIDDLEWARE=[], INSTALLED_APPS=[], LOGGING_CONFIG=None, DEBUG=False, USE_TZ=True)
        django.setup()
    _django_urls.urlpatterns = [p for p in _django_urls.urlpatterns if p.name not in routes]
    _django_urls.urlpatterns += [path(name, view, name=name) for name, view in routes.items()]
    clear_url_caches()
    return django
