"""Reads a response object of a client or a test client into what check()
takes: read(obj) returns (status, headers, options), options holding what
the object knows of the exchange: method, request_headers, content (the
bytes, or True/False) and version, and ignore for a response that no server
has handled (a test client's, an application's own): ("date-missing",), as
the server in front adds Date. An ignore the caller gives is added to it
(check() merges the two); every other keyword replaces what was read.

No library is imported: a class is recognised by the module and name of a
class in its MRO (so subclasses are read too), and anything else that has a
status_code (or status) and headers is read by those two alone. Nothing is
read that would have a side effect: a body the user has not read stays
unread, and its content is not known.

Where a client never reads the content (HTTP/1.1 gives the response to HEAD,
and a 1xx, 204 or 304, no content, so http.client, h11 and the test clients
of Django and Starlette stop at the header section), an empty body says
nothing about what the server sent, so the content is not known either.
"""

import http.client as _http_client
from collections import OrderedDict as _OrderedDict

# Statuses whose content a client does not read (RFC 9112, Section 6.3).
_UNREAD = frozenset([*range(100, 200), 204, 304])
# What a response that no server has handled cannot be blamed for.
_NO_SERVER = ("date-missing",)
_VERSIONS = {"HTTP/1.0": "1.0", "HTTP/1.1": "1.1", "HTTP/2": "2", "HTTP/2.0": "2", "HTTP/3": "3", "HTTP/3.0": "3"}


def _unread(status, method):
    return status in _UNREAD or method == "HEAD"


def _message_fields(message):
    """The field lines of an http.client.HTTPMessage as received, (name,
    value) in order, repeated ones apart: its list of pairs, which check()
    reads without a call per field (items() makes each anew)."""
    fields = getattr(message, "_headers", None)
    return fields if type(fields) is list else message


def _requests_fields(headers):
    """requests' CaseInsensitiveDict as the (name, value) pairs it keeps."""
    store = getattr(headers, "_store", None)
    return store.values() if type(store) is _OrderedDict else headers


def _http_client_version():
    """The version in the request line http.client writes ("HTTP/1.1"; users
    who need HTTP/1.0 set HTTPConnection._http_vsn_str), as check() takes it.
    urllib, urllib3 and requests send their requests through it."""
    return _VERSIONS.get(getattr(_http_client.HTTPConnection, "_http_vsn_str", None))


def _read_requests(r):
    """requests.Response: the request that was sent (r.request), the header
    fields as http.client received them (requests' own r.headers joins
    repeated fields with commas), the content once read."""
    status, headers, options = r.status_code, r.headers, {}
    method = None
    request = r.request
    if request is not None:
        method = options["method"] = request.method
        options["request_headers"] = _requests_fields(request.headers)
    original = getattr(r.raw, "_original_response", None)
    if isinstance(original, _http_client.HTTPResponse):
        headers = _message_fields(original.headers)
        version = _http_client_version()
        if version is not None:
            options["version"] = version
    content = getattr(r, "_content", False)  # False until the body is read (stream=True)
    if type(content) is bytes and not _unread(status, method):
        options["content"] = content
    return status, headers, options


def _read_httpx(r):
    """httpx.Response, and Starlette's TestClient responses (httpx's): the
    request (r.request), r.http_version, the content once read."""
    status, options = r.status_code, {}
    method = None
    request = getattr(r, "_request", None)  # r.request raises when there is none
    if request is not None:
        method = options["method"] = request.method
        options["request_headers"] = request.headers
    # h11 writes every HTTP/1.x request as HTTP/1.1; HTTP/2 and 3 are the
    # protocol of the whole exchange. A response without the extension came
    # from a transport that calls the application in memory (Starlette's
    # TestClient, httpx's ASGITransport and WSGITransport), not a server.
    version = r.extensions.get("http_version")
    options["version"] = "2" if version == b"HTTP/2" else "3" if version == b"HTTP/3" else "1.1"
    if version is None:
        options["ignore"] = _NO_SERVER
    content = getattr(r, "_content", None)  # set once the body is read
    if content is not None and not _unread(status, method):
        options["content"] = content
    return status, r.headers, options


def _read_urllib3(r):
    """urllib3.HTTPResponse (1.26 and 2): the method from the http.client
    response under it, the content when it was preloaded (the default) or
    read with cache_content."""
    status, headers, options = r.status, r.headers, {}
    method = None
    original = getattr(r, "_original_response", None)
    if isinstance(original, _http_client.HTTPResponse):
        headers = _message_fields(original.headers)
        method = options["method"] = getattr(original, "_method", None)
        version = _http_client_version()
        if version is not None:
            options["version"] = version
    content = getattr(r, "_body", None)
    if type(content) is bytes and not _unread(status, method):
        options["content"] = content
    return status, headers, options


def _read_http_client(r):
    """http.client.HTTPResponse, which urllib.request.urlopen returns: the
    method it was read for. It keeps no copy of what was read, so the
    content is not known."""
    options = {"method": getattr(r, "_method", None)}
    version = _http_client_version()
    if version is not None:
        options["version"] = version
    return r.status, _message_fields(r.headers), options  # urlopen sets r.msg to the reason phrase


def _read_http_error(e):
    """urllib.error.HTTPError, which urlopen raises for a 4xx or 5xx: its
    status and fields, and the method of the http.client response in it."""
    options = {}
    fp = e.fp
    if isinstance(fp, _http_client.HTTPResponse):
        options["method"] = getattr(fp, "_method", None)
        version = _http_client_version()
        if version is not None:
            options["version"] = version
    return e.code, _message_fields(e.headers), options


def _read_werkzeug(r):
    """Werkzeug's (and so Flask's) responses, and their test client's
    TestResponse, whose request is r.request. The test client does not read
    the body ahead of the test: the content is known once it is a sequence
    (after r.data, r.get_data() or r.json, or with buffered=True)."""
    status, options = r.status_code, {"ignore": _NO_SERVER}
    request = getattr(r, "request", None)
    if request is not None:
        options["method"] = request.method
        options["request_headers"] = request.headers
        version = _VERSIONS.get(request.environ.get("SERVER_PROTOCOL"))
        if version is not None:
            options["version"] = version
    if r.is_sequence:
        options["content"] = r.get_data()
    return status, r.headers, options


def _read_django(r):
    """Django's HttpResponse and its subclasses; the test client adds the
    request (r.wsgi_request). A streaming response's content is not known,
    nor is it where the test client removes it (HEAD, 1xx, 204, 304)."""
    status, options = r.status_code, {"ignore": _NO_SERVER}
    method = None
    request = getattr(r, "wsgi_request", None)
    if request is not None:
        method = options["method"] = request.method
        options["request_headers"] = request.headers
        version = _VERSIONS.get(request.META.get("SERVER_PROTOCOL"))
        if version is not None:
            options["version"] = version
    if not r.streaming and not (request is not None and _unread(status, method)):
        options["content"] = r.content
    return status, r.items(), options


def _read_duck(obj):
    """Any other object with a status_code (or status) and headers."""
    status = getattr(obj, "status_code", None)
    if status is None:
        status = getattr(obj, "status", None)
    if status is None:
        raise TypeError(f"check() cannot read a {_name(type(obj))} as a response: it has no status_code or status "
                        "attribute (give check(status, headers, ...) instead)")
    headers = getattr(obj, "headers", None)
    if headers is None:
        raise TypeError(f"check() cannot read a {_name(type(obj))} as a response: it has no headers attribute "
                        "(give check(status, headers, ...) instead)")
    return status, headers, {}


# (module, qualname) of a class -> its reader; a subclass is read as the
# first of its bases found here.
_READERS = {
    ("requests.models", "Response"): _read_requests,
    ("httpx", "Response"): _read_httpx,
    ("httpx._models", "Response"): _read_httpx,
    ("urllib3.response", "HTTPResponse"): _read_urllib3,
    ("urllib3.response", "BaseHTTPResponse"): _read_urllib3,
    ("http.client", "HTTPResponse"): _read_http_client,
    ("urllib.error", "HTTPError"): _read_http_error,
    ("werkzeug.wrappers.response", "Response"): _read_werkzeug,
    ("django.http.response", "HttpResponseBase"): _read_django,
}
_by_type = {}


def _name(cls):
    return f"'{cls.__module__}.{cls.__qualname__}'"


def _reader(cls):
    for base in cls.__mro__:
        reader = _READERS.get((base.__module__, base.__qualname__))
        if reader is not None:
            return reader
    return _read_duck


def read(obj):
    """(status, headers, options) of a response object, options holding what
    it knows of method, request_headers, content and version (and ignore,
    for a response no server has handled). A TypeError names the object's
    type and what it lacks."""
    cls = type(obj)
    reader = _by_type.get(cls)
    if reader is None:
        if len(_by_type) >= 256:  # classes made per test client (Werkzeug's)
            _by_type.clear()
        reader = _by_type[cls] = _reader(cls)
    status, headers, options = reader(obj)
    if not isinstance(status, int) or isinstance(status, bool):
        raise TypeError(f"check() cannot read a {_name(cls)} as a response: its status is {status!r}, not an int")
    return status, headers, options
