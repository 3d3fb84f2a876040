"""HTTP status codes: the IANA registry and widely deployed unofficial codes.

    >>> import httpstatus
    >>> httpstatus.get(404) is httpstatus.NOT_FOUND is httpstatus.get("not found")
    True
    >>> httpstatus.NOT_FOUND.status_line == "404 " + httpstatus.phrase(404)
    True
    >>> httpstatus.is_retryable(503), httpstatus.category(299)
    (True, 'success')

Every row comes from the C library at import; this module keeps no list of
its own. ``Status`` is an ``IntEnum`` that answers to every name of
``http.HTTPStatus``, so code written for that runs unchanged with this.
"""

from enum import IntEnum as _IntEnum

def _refuse_subinterpreters():
    # The extension's types are static, shared by every interpreter of the
    # process: one built in a subinterpreter would be torn down with it and
    # break every later import. Refusing before the extension loads leaves
    # the main interpreter unharmed.
    import sys
    for name in ("_interpreters", "_xxsubinterpreters"):
        interpreters = sys.modules.get(name)
        if interpreters is None:
            try:
                interpreters = __import__(name)
            except ImportError:
                continue
        current, main = interpreters.get_current(), interpreters.get_main()
        if getattr(current, "id", current) != getattr(main, "id", main):
            raise ImportError("httpstatus cannot be imported in a subinterpreter; import it in the main interpreter")
        return


_refuse_subinterpreters()

from . import _core  # noqa: E402

_core.seal_row_type()  # rows come only from lookups (python.i)

__version__ = _core.version()

# The predicates of the API, in the order docs/reference.md lists them. Each is the C
# function itself: it takes any int (huge ones are simply not codes) and
# raises TypeError for bool, float and non-numbers (see python.i).
_PREDICATES = (
    "is_valid", "is_known", "is_official",
    "is_informational", "is_success", "is_redirection", "is_client_error", "is_server_error",
    "is_error", "is_redirect", "preserves_method", "is_cacheable", "is_empty", "is_retryable",
)
phrase = _core.phrase
category = _core.category
is_valid = _core.is_valid
is_known = _core.is_known
is_official = _core.is_official
is_informational = _core.is_informational
is_success = _core.is_success
is_redirection = _core.is_redirection
is_client_error = _core.is_client_error
is_server_error = _core.is_server_error
is_error = _core.is_error
is_redirect = _core.is_redirect
preserves_method = _core.preserves_method
is_cacheable = _core.is_cacheable
is_empty = _core.is_empty
is_retryable = _core.is_retryable


def _read_only(self, name, value=None):
    raise AttributeError(f"{type(self).__name__} members are read-only: cannot change {name!r}")


def _make_status():
    """Builds Status from the C table: one member per row, then its aliases."""
    rows = [_core.at(i) for i in range(_core.count())]
    enum_type = type(_IntEnum)
    body = enum_type.__prepare__("Status", (_IntEnum,))
    for row in rows:
        body[row.name] = row.code
        i = 0
        while (alias := _core.alias(row.code, i)) is not None:
            body[alias] = row.code
            i += 1
    body["__module__"] = __name__
    body["__qualname__"] = "Status"
    body["__doc__"] = (
        "An HTTP status code: an int, with the row of the table as read-only attributes\n"
        "(code, phrase, description, category, official, origin, reference, status_line)\n"
        "and every predicate (is_success, is_retryable, ...) as a bool attribute.")
    cls = enum_type("Status", (_IntEnum,), body)

    # Plain instance attributes (a read is one dict lookup, faster than a
    # property), put in by C; writes are refused from here on.
    for row in rows:
        _core.fill_member(getattr(cls, row.name).__dict__, row.code)
    cls.__setattr__ = _read_only
    cls.__delattr__ = _read_only
    return cls


Status = _make_status()
globals().update(Status.__members__)
_by_code = {member.code: member for member in Status}
_by_name = dict(Status.__members__)
_all = tuple(Status)


def get(x):
    """The Status for a code, a name, an alias or a phrase, or None.

    Names match case-insensitively, with spaces, hyphens and underscores alike
    and apostrophes ignored ("not found", "Not-Found", "NOT_FOUND"); a string
    of ASCII digits is a code ("404"). Any int is accepted (out of range gives
    None); bool, float, bytes and other types raise TypeError.
    """
    if type(x) is int:
        return _by_code.get(x)
    if isinstance(x, str):
        member = _by_name.get(x)
        if member is None:
            row = _core.find(x)
            member = None if row is None else _by_code[row.code]
        return member
    try:
        row = _core.get(x)
    except TypeError:
        raise TypeError(f"get() argument must be int or str, not {type(x).__name__!r}") from None
    return None if row is None else _by_code[row.code]


def description(code, lang="en"):
    """The description of a code in lang ("en" or "ko"), or None for a code
    not in the table. Any other lang is a ValueError."""
    text = _core.description(code, lang)  # TypeError for a bad code or a lang that is no str
    if text is None and lang != "en" and not _core.is_language(lang):
        raise ValueError(f"description() lang must be 'en' or 'ko', not {lang!r}")
    return text


def all():
    """Every Status once, canonical names only, ascending by code."""
    return _all


# `from httpstatus import *` leaves out all(), which would shadow the builtin.
__all__ = ["Status", "get", "phrase", "description", "category", *_PREDICATES, *Status.__members__]
