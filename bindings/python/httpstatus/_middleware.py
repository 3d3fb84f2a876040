"""What the WSGI and the ASGI CheckMiddleware share: their options, and one
response on its way out, checked as its parts pass and reported once."""

import logging

from . import ResponseRuleError, _core, check
from ._responses import _VERSIONS

# A problem-details body is kept, up to as many bytes as the core reads of
# one (HS_PROBLEM_CONTENT_MAX, 64 KiB), for the rules that read it; a longer
# one counts only as content, and is not copied past that.
PROBLEM_COPY_LIMIT = _core.HS_PROBLEM_CONTENT_MAX

# The codes whose findings can change once it is known whether content came
# (to a method other than HEAD, whose content the middleware does not count),
# asked of the core.
_CONTENT_CODES = frozenset(code for code in range(100, 600)
                           if check(code, method="GET", content=True) != check(code, method="GET", content=False))
# The codes whose findings can depend on the request's fields, asked of the
# core: each rule about them fires on a request without the field it looks
# for (upgrade-unrequested, partial-unrequested, ...). For the others (a 200)
# the fields are not gathered at all.
_REQUEST_FIELD_CODES = frozenset(code for code in range(100, 600) if check(code, request_headers=()) != check(code))


class Policy:
    """A middleware's options, checked once when it is made."""

    __slots__ = ("level", "ignore", "logger", "raise_on_finding")

    def __init__(self, level, ignore, logger, raise_on_finding, server_adds_date):
        if isinstance(ignore, (str, bytes)):
            raise TypeError("CheckMiddleware() ignore must be an iterable of rule ids, not one "
                            f"{type(ignore).__name__!r}: write ignore=[{ignore!r}]")
        ignore = tuple(ignore)
        if server_adds_date and "date-missing" not in ignore:
            ignore += ("date-missing",)
        try:
            check(200, (), ignore=ignore, level=level)
        except (TypeError, ValueError) as error:
            # check()'s own words, naming the middleware: "ignore: no rule has the id 'x'"
            raise type(error)(str(error).replace("check()", "CheckMiddleware()", 1)) from None
        self.level, self.ignore = level, ignore
        self.logger = logging.getLogger("httpstatus") if logger is None else logger
        self.raise_on_finding = bool(raise_on_finding)


def version_of(protocol):
    """check()'s version for a WSGI SERVER_PROTOCOL ("HTTP/1.1"), or None."""
    return _VERSIONS.get(protocol)


def _is_problem(headers):
    """Whether the Content-Type of these fields (str or bytes pairs) is
    application/problem+json, parameters and case ignored."""
    for name, value in headers:
        if len(name) == 12 and name.lower() in ("content-type", b"content-type"):
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            return value.split(";", 1)[0].strip().lower() == "application/problem+json"
    return False


class Response:
    """One response of the application: the request it answers, what of it
    has been checked, and the findings reported so far. The WSGI and ASGI
    middleware call head() once the status and fields are known, content()
    at the first bytes of content and end() after the last; each checks
    only when its answer can differ from the last, and reports each finding
    once."""

    __slots__ = ("policy", "method", "version", "status", "headers", "has_content", "copy", "copied", "reported",
                 "error", "broken")

    def __init__(self, policy, method, version):
        self.policy, self.method, self.version = policy, method, version
        self.status = self.headers = self.copy = self.error = None
        self.has_content = None  # None: not known yet
        self.copied = 0
        self.reported = ()
        self.broken = False

    def path(self):
        """The request's path, for the log line and the error (the subclass's)."""
        raise NotImplementedError

    def request_fields(self):
        """The request's fields, in a shape check() takes (the subclass's)."""
        raise NotImplementedError

    def head(self, status, headers, content):
        """The status and fields are known, and content is True, False or
        None (not known yet, or never: a response to HEAD, whose content
        the server drops)."""
        self.status, self.headers = status, headers
        if self.method == "HEAD":
            content = None
        self.has_content = content
        self._check(content)
        if not self.broken and _is_problem(headers):  # fields check() could read
            self.copy = []

    def content(self, chunk):
        """A non-empty piece of the content, as it passes."""
        if self.copy is not None:
            if self.copied + len(chunk) <= PROBLEM_COPY_LIMIT:
                self.copy.append(bytes(chunk))
            else:
                self.copy = None  # too long to keep: it only counts as content
            self.copied += len(chunk)
        if self.has_content is None and self.method != "HEAD":
            self.has_content = True
            if self.status in _CONTENT_CODES:
                self._check(True)

    def end(self):
        """The content is complete."""
        if self.copy is not None and self.has_content:
            self._check(b"".join(self.copy))

    def _check(self, content):
        if self.broken or self.status is None:
            return
        try:
            request_fields = self.request_fields() if self.status in _REQUEST_FIELD_CODES else None
            findings = check(self.status, self.headers, method=self.method, request_headers=request_fields,
                             content=content, version=self.version, ignore=self.policy.ignore,
                             level=self.policy.level)
        except (TypeError, ValueError) as error:
            # A response (or request) check() cannot read is the server's to
            # refuse; the middleware says so once and lets it pass.
            self.broken = True
            self.policy.logger.warning("%s %s %s: httpstatus cannot check this response: %s", self.method, self.path(),
                                       self.status, error)
            return
        if not findings:
            return
        new = [finding for finding in findings if finding not in self.reported]
        if not new:
            return
        self.reported = findings
        method, path, status, logger = self.method, self.path(), self.status, self.policy.logger
        for finding in new:
            logger.warning("%s %s %s %s %s: %s", method, path, status, finding.level, finding.id, finding.message,
                           extra={"finding": finding, "method": method, "path": path, "status": status})
        if self.policy.raise_on_finding:
            found = new if self.error is None else self.error.findings + new
            self.error = ResponseRuleError(found, method, path, status)
