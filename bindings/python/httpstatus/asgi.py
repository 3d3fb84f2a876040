"""Checks every HTTP response of an ASGI application against the response
rules, and logs what it breaks.

    from httpstatus.asgi import CheckMiddleware
    app = CheckMiddleware(app)                                # any ASGI app
    app = Starlette(routes=..., middleware=[Middleware(CheckMiddleware)])

It imports no framework, and every message passes through unchanged and at
once; lifespan and websocket scopes pass through unchecked.
"""

from ._middleware import Policy, Response

__all__ = ["CheckMiddleware"]

_VERSIONS = frozenset(["1.0", "1.1", "2", "3"])


class CheckMiddleware:
    """An ASGI application that runs app and checks each HTTP response it
    sends.

    The method, the request's fields and its version (scope["http_version"],
    "2" for HTTP/2) come from the scope; the status and fields from
    http.response.start, which is checked as it passes; whether content
    came, from the http.response.body messages that follow (checked again
    at the first bytes where that can change a finding: a 1xx, 204, 205 or
    304 with content). A problem-details body (application/problem+json)
    is also kept, up to 64 KiB, and checked again at its end. The content
    of a response to HEAD is not counted: servers drop it (uvicorn,
    Hypercorn), and frameworks (Starlette) send it on purpose.

    Each finding at level or above ("should" by default; "info" or "must"),
    and not in ignore, is logged once, at WARNING, to logger (by default
    logging.getLogger("httpstatus")): method, path, status, level, id and
    message, with the Finding as the record's `finding`.

    date-missing is ignored: ASGI servers (uvicorn, Hypercorn) add Date to
    what the application sends. server_adds_date=False checks it,
    for a server that does not.

    raise_on_finding=True (for tests) raises httpstatus.ResponseRuleError
    with the findings when the application returns, after the whole
    response has passed on: never from inside the application's send(). A
    test client (Starlette's TestClient, httpx's ASGITransport) raises it to
    the test.
    """

    def __init__(self, app, *, level="should", ignore=(), logger=None, raise_on_finding=False,
                 server_adds_date=True):
        self.app = app
        self._policy = Policy(level, ignore, logger, raise_on_finding, server_adds_date)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        response = _Response(self._policy, scope)

        async def checked_send(message):
            await send(response.message(message))

        await self.app(scope, receive, checked_send)
        if response.error is not None:
            raise response.error


class _Response(Response):
    __slots__ = ("scope",)

    def __init__(self, policy, scope):
        version = scope.get("http_version")
        super().__init__(policy, scope.get("method"), version if version in _VERSIONS else None)
        self.scope = scope

    def path(self):
        return self.scope.get("path", "")

    def request_fields(self):
        return self.scope.get("headers", ())

    def message(self, message):
        """Checks a message the application sends, and returns it to send.
        Those of extensions that send a file (zerocopysend, pathsend) say
        nothing of content: it stays not known."""
        kind = message.get("type")
        if kind == "http.response.body":
            body = message.get("body", b"")
            if body:
                self.content(body)
            if not message.get("more_body", False):
                self.end()
        elif kind == "http.response.start":
            headers = message.get("headers", ())
            if not isinstance(headers, (list, tuple)):  # an iterator, read by check() and by the server
                headers = list(headers)
                message = {**message, "headers": headers}
            self.head(message.get("status"), headers, None)
        return message
