"""Checks every response of a WSGI application (PEP 3333) against the
response rules, and logs what it breaks.

    from httpstatus.wsgi import CheckMiddleware
    app.wsgi_app = CheckMiddleware(app.wsgi_app)            # Flask
    application = CheckMiddleware(get_wsgi_application())   # Django

It imports no framework, and the body passes through unchanged: each piece
the application yields (or write()s) goes on at once.
"""

from ._middleware import Policy, Response, version_of

__all__ = ["CheckMiddleware"]


class CheckMiddleware:
    """A WSGI application that runs app and checks each response it sends.

    The method, the request's fields and its version come from the environ;
    the status and fields from start_response; whether content came, from
    the body. The head is checked as soon as the application has given it:
    when the application returns having called start_response (Flask,
    Django), else at the first piece of its body (a generator); a later
    start_response with exc_info, before any content went out, replaces the
    response checked. It is checked again at the first bytes of content
    where they can be a finding (a 1xx, 204, 205 or 304), and a
    problem-details body (application/problem+json) is kept, up to 64 KiB,
    and checked again at its end. The content of a response to HEAD is not
    counted: frameworks (Django) send it on purpose, and servers (gunicorn)
    drop it.

    Each finding at level or above ("should" by default; "info" or "must"),
    and not in ignore, is logged once, at WARNING, to logger (by default
    logging.getLogger("httpstatus")): method, path, status, level, id and
    message, with the Finding as the record's `finding`.

    date-missing is ignored: WSGI servers (gunicorn, Werkzeug's, wsgiref) add
    Date to what the application sends. server_adds_date=False
    checks it, for a server that does not.

    raise_on_finding=True (for tests) raises httpstatus.ResponseRuleError
    with the findings, from the middleware's own code and never inside the
    application: when the application returns, or from the step of the body
    where the finding is known (its first piece, the first bytes of
    content, the end of a problem-details body), the application's iterable
    closed first. Werkzeug's test client raises it to the test.
    """

    def __init__(self, app, *, level="should", ignore=(), logger=None, raise_on_finding=False,
                 server_adds_date=True):
        self.app = app
        self._policy = Policy(level, ignore, logger, raise_on_finding, server_adds_date)

    def __call__(self, environ, start_response):
        response = _Response(self._policy, environ)

        def checked_start_response(status, headers, exc_info=None):
            response.start(status, headers)
            write = start_response(status, headers) if exc_info is None else start_response(status, headers, exc_info)

            def checked_write(data):
                response.piece(data)
                write(data)

            return checked_write

        result = self.app(environ, checked_start_response)
        body = (_SizedBody if hasattr(result, "__len__") else _Body)(result, response)
        response.check_head(None)
        if response.error is not None:
            body.close()
            raise response.error
        return body


class _Response(Response):
    __slots__ = ("environ", "started", "checked", "sent")

    def __init__(self, policy, environ):
        super().__init__(policy, environ.get("REQUEST_METHOD"), version_of(environ.get("SERVER_PROTOCOL")))
        self.environ = environ
        self.started = None  # (status, headers) of start_response
        self.checked = False  # whether the head in started was checked
        self.sent = False  # whether content went out (after which the head is final)

    def request_fields(self):
        environ = self.environ
        fields = [(name[5:].replace("_", "-"), value) for name, value in environ.items() if name[:5] == "HTTP_"]
        for name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if environ.get(name):  # an empty CONTENT_LENGTH is WSGI's way of saying none
                fields.append((name.replace("_", "-"), environ[name]))
        return fields

    def path(self):
        path = self.environ.get("SCRIPT_NAME", "") + self.environ.get("PATH_INFO", "")
        try:  # WSGI gives the path's bytes as latin-1
            return path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return path

    def start(self, status, headers):
        # Until content is sent, a later start_response (with exc_info)
        # replaces the response.
        if not self.sent:
            self.started = (status, headers)
            self.checked = False

    def check_head(self, content):
        """Checks the head start_response gave, once, content being True,
        False or None (not known yet)."""
        if self.checked or self.started is None:
            return  # done, or no start_response yet
        self.checked = True
        status, headers = self.started
        # "405 Method Not Allowed"; anything else is no code at all (status-invalid)
        valid = isinstance(status, str) and status[:3].isascii() and status[:3].isdigit() and status[3:4] in ("", " ")
        self.head(int(status[:3]) if valid else 0, headers, content)

    def piece(self, data):
        """A piece of the body, yielded or written."""
        if data:
            self.sent = True
            self.check_head(True)
            self.content(data)
        else:
            self.check_head(None)

    def finish(self):
        self.check_head(False)
        self.end()


class _Body:
    """The application's iterable, each piece checked as it passes."""

    __slots__ = ("_result", "_iterator", "_response", "_closed")

    def __init__(self, result, response):
        self._result, self._response = result, response
        self._closed = False
        try:
            self._iterator = iter(result)
        except BaseException:
            self.close()
            raise

    def __iter__(self):
        return self

    def __next__(self):
        response = self._response
        try:
            piece = next(self._iterator)
        except StopIteration:
            response.finish()
            if response.error is not None:
                self._raise()
            raise
        response.piece(piece)
        if response.error is not None:
            self._raise()
        return piece

    def _raise(self):
        error, self._response.error = self._response.error, None
        self.close()
        raise error

    def close(self):
        """Closes the application's iterable, once (PEP 3333)."""
        if not self._closed:
            self._closed = True
            close = getattr(self._result, "close", None)
            if close is not None:
                close()


class _SizedBody(_Body):
    """A body whose iterable has a length: a server (wsgiref) that reads it
    to set Content-Length for a one-piece body still can."""

    __slots__ = ()

    def __len__(self):
        return len(self._result)
