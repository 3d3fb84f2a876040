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
try:
    from enum import _simple_enum
except ImportError:  # Python 3.10
    _simple_enum = None
from operator import itemgetter as _itemgetter
from types import MappingProxyType as _MappingProxyType

# The extension refuses to load in a subinterpreter (python.i), with an
# ImportError that leaves the main interpreter unharmed.
from . import _core

_core.seal_row_type()  # rows come only from lookups (python.i)

__version__ = _core.version()

# phrase, category and the predicates are C builtins (python.i): each takes
# any int (huge ones are simply not codes) and raises TypeError for bool,
# float and non-numbers. The predicates are the ones of the surface list
# (core/httpstatus_surface.def), named nowhere in Python.
_FIELDS = tuple(_core.field_name(i) for i in range(_core.field_count()))
_PREDICATES = tuple(_core.field_name(i) for i in range(_core.field_count()) if _core.field_is_predicate(i))
globals().update(_core.functions())


def _read_only(self, name, value=None):
    raise AttributeError(f"{type(self).__name__} members are read-only: cannot change {name!r}")


def _make_status():
    """Builds Status from the C table: one member per row, then its aliases."""
    rows = [_core.at(i) for i in range(_core.count())]
    body = {}
    for row in rows:
        body[row.name] = row.code
        i = 0
        while (alias := _core.alias(row.code, i)) is not None:
            body[alias] = row.code
            i += 1
    doc = ("An HTTP status code: an int, with the row of the table as read-only attributes.\n\n"
           + "".join(f"{name}: {_core.field_doc(i)}\n" for i, name in enumerate(_FIELDS)
                     if not _core.field_is_predicate(i))
           + "and every predicate (" + ", ".join(_PREDICATES) + ") as a bool.")
    names = {"__module__": __name__, "__qualname__": "Status", "__doc__": doc}
    if _simple_enum is not None:
        # 3.11+: how the standard library builds http.HTTPStatus, without
        # the metaclass's per-member work (a third of the import's time).
        cls = _simple_enum(_IntEnum)(type("Status", (), {**names, **body}))
    else:
        enum_type = type(_IntEnum)
        namespace = enum_type.__prepare__("Status", (_IntEnum,))
        for name, code in body.items():
            namespace[name] = code
        namespace.update(names)
        cls = enum_type("Status", (_IntEnum,), namespace)

    # Plain instance attributes (a read is one dict lookup, faster than a
    # property), put in by C; writes are refused from here on.
    for row in rows:
        _core.fill_member(getattr(cls, row.name).__dict__, row.code)
    cls.__setattr__ = _read_only
    cls.__delattr__ = _read_only
    return cls


Status = _make_status()
globals().update(Status.__members__)
_all = tuple(Status)
# get is C too (python.i): item c of the tuple is the member of code c.
get = _core.make_get(tuple(map(Status._value2member_map_.get, range(600))), dict(Status.__members__))
phrases = _MappingProxyType({member.code: member.phrase for member in _all})


def description(code, lang="en"):
    """The description of a code in lang ("en", the default, or "ko"), or None
    for a code not in the table. lang None is the default; any other lang is a
    ValueError."""
    if lang is None:
        lang = "en"
    text = _core.description(code, lang)  # TypeError for a bad code or a lang that is no str
    if text is None and lang != "en" and not _core.is_language(lang):
        raise ValueError(f"description() lang must be 'en' or 'ko', not {lang!r}")
    return text


def search(word):
    """Every Status whose name, alias, phrase or origin contains word,
    normalised as get() normalises ("timeout", "cloudflare"), ascending by
    code, in a new list. An empty word matches nothing."""
    if not isinstance(word, str):
        raise TypeError(f"search() argument must be str, not {type(word).__name__!r}")
    found, count, i = [], len(_all), _core.search(word, 0)
    while i < count:
        found.append(_all[i])
        i = _core.search(word, i + 1)
    return found


def all():
    """Every Status once, canonical names only, ascending by code."""
    return _all


# ---- response rules (core/rules.def): the core applies them, in C ----

class _Record(tuple):
    """A tuple whose items are named, read-only fields: the base of Finding
    and Rule. Written out rather than made by collections.namedtuple, which
    compiles code and would cost the import a tenth of its time."""

    __slots__ = ()
    _fields = ()

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self))})"

    def __getnewargs__(self):
        return tuple(self)

    def _asdict(self):
        """The fields as a new dict, in their order (for JSON, logging)."""
        return dict(zip(self._fields, self))


def _fields_of(*names):
    return tuple(property(_itemgetter(i), doc=f"Alias for field number {i}") for i in range(len(names)))


class Finding(_Record):
    """A rule that a response breaks, as check() reports it: a read-only tuple.

    id: the rule's stable id ("allow-missing")
    level: "must" (a MUST or MUST NOT is broken), "should" or "info"
    field: the header field it concerns ("Allow"), or None
    message: what is wrong, in the lang asked for
    reference: where the requirement is stated ("RFC 9110, Section 15.5.6")

    str() is one line: "must allow-missing: A 405 response must carry ...
    (RFC 9110, Section 15.5.6)"."""

    __slots__ = ()
    _fields = __match_args__ = ("id", "level", "field", "message", "reference")
    id, level, field, message, reference = _fields_of(*_fields)

    def __new__(cls, id, level, field, message, reference):
        return tuple.__new__(cls, (id, level, field, message, reference))

    def __str__(self):
        return f"{self.level} {self.id}: {self.message} ({self.reference})"


class Rule(_Record):
    """One response rule, as rules() lists it: a read-only tuple with the
    fields of Finding (message in the lang asked for), and codes: the codes in
    100..599 it can apply to, ascending (none for status-invalid, which
    applies only outside that range)."""

    __slots__ = ()
    _fields = __match_args__ = ("id", "level", "field", "message", "reference", "codes")
    id, level, field, message, reference, codes = _fields_of(*_fields)

    def __new__(cls, id, level, field, message, reference, codes):
        return tuple.__new__(cls, (id, level, field, message, reference, codes))


# check is C (python.i): it converts its arguments and feeds the core's
# checker; findings are made by calling Finding, once per rule, field and lang.
check = _core.make_check(Finding)
_rule_tables = {}


def rules(lang="en"):
    """Every response rule once, in table order (the order of check()'s
    findings), as a tuple of Rule with messages in lang ("en", the default,
    or "ko"; None is "en")."""
    key = "en" if lang is None else lang
    table = _rule_tables.get(key) if type(key) is str else None
    if table is None:
        table = _core.rule_table(Rule, lang)  # TypeError or ValueError for a bad lang
        if type(key) is str:
            _rule_tables[key] = table
    return table


class ResponseRuleError(Exception):
    """What httpstatus.wsgi.CheckMiddleware and httpstatus.asgi.CheckMiddleware
    raise with raise_on_finding=True: a response broke rules. findings is the
    list of Finding; method, path and status say which response it was."""

    def __init__(self, findings, method, path, status):
        super().__init__(list(findings), method, path, status)
        self.findings, self.method, self.path, self.status = self.args

    def __str__(self):
        rules = "rule" if len(self.findings) == 1 else "rules"
        return (f"{self.method} {self.path} answered {self.status}, which breaks {len(self.findings)} response {rules}:"
                + "".join(f"\n  {finding}" for finding in self.findings))


class _Names(list):
    """What `from httpstatus import *` binds: everything public but all(),
    which would shadow the builtin. `in` answers for all() too, so that
    help(httpstatus), which asks `name in __all__`, still lists it."""

    def __contains__(self, name):
        return name == "all" or list.__contains__(self, name)


__all__ = _Names(["Status", "get", "phrase", "phrases", "description", "category", "search", "check", "rules",
                  "Finding", "Rule", "ResponseRuleError", *_PREDICATES,
                  *Status.__members__])
