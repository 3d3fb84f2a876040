"""HTTP status codes: the IANA registry and widely deployed unofficial codes.

    >>> import httpstatus
    >>> httpstatus.get(404) is httpstatus.NOT_FOUND is httpstatus.get("not found")
    True
    >>> httpstatus.NOT_FOUND.status_line == "404 " + httpstatus.phrase(404)
    True
    >>> httpstatus.is_retryable(503), httpstatus.category(299)
    (True, 'success')

Every row comes from the C library; this module keeps no list of its own.
``Status`` is an ``IntEnum`` that answers to every name of ``http.HTTPStatus``,
so code written for that runs unchanged with this.
"""

import _thread
from _collections_abc import Mapping as _Mapping
from _operator import itemgetter as _itemgetter

# The extension refuses to load in a subinterpreter (python.i), with an
# ImportError that leaves the main interpreter unharmed. It is imported
# itself, not through SWIG's module httpstatus._core (which holds the same
# names by `from .__core import *`), to keep `import httpstatus` short.
from . import __core as _core

__version__ = _core.version()

# phrase, category and the predicates are C builtins (py_lookup.c): each
# takes any int (huge ones are simply not codes) and raises TypeError for
# bool, float and non-numbers. The predicates are the ones of the surface
# list (core/httpstatus_surface.def), named nowhere in Python.
_FIELDS = tuple(_core.field_name(i) for i in range(_core.field_count()))
_PREDICATES = tuple(_core.field_name(i) for i in range(_core.field_count()) if _core.field_is_predicate(i))
globals().update(_core.functions())

# What `from httpstatus import *` binds, with every member of Status.
_PUBLIC = ("Status", "get", "phrase", "phrases", "description", "category", "search", "check", "rules",
           "Finding", "Rule", "ResponseRuleError", "problem", "problem_json", "Problem", *_PREDICATES)


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
    members = all()
    found, count, i = [], len(members), _core.search(word, 0)
    while i < count:
        found.append(members[i])
        i = _core.search(word, i + 1)
    return found


def all():
    """Every Status once, canonical names only, ascending by code."""
    if not _loaded:
        _load()
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


# What check() and rules() hand out means the same to every caller: these
# classes cannot be changed (as C types cannot), and the builtins keep what
# they read in C, out of Python's reach (py_state.c).
_core.freeze(_Record, Finding, Rule)
check = _core.make_check(Finding)
rules = _core.make_rules(Rule)


# ---- problem details (RFC 9457): the core writes the body, in C ----
#
# problem() validates everything and keeps the bytes (py_problem.c); a
# Problem is a read-only Mapping of its members, and Problem(...) is
# problem(...).
Problem, problem, problem_json = _core.make_problem()
_Mapping.register(Problem)


# ---- Status, built on first use -------------------------------------------
#
# `import httpstatus` loads the C library and the functions above, and not
# enum: Status, its members as module attributes, get, phrases and __all__
# are made by _load() the first time one of them is asked for (PEP 562), in
# any thread, once.

_loaded = _building = False
_loading = _thread.RLock()


def _read_only(self, name, value=None):
    raise AttributeError(f"{type(self).__name__} members are read-only: cannot change {name!r}")


def _as_dict(self):
    """Every field as a new dict, lists as lists: the JSON shape of a status
    in every language (Lua's status table, `httpstatus --json`), so
    json.dumps(status.as_dict(), sort_keys=True) is the same text."""
    return _core.fields(self._value_, True)


def _make_status():
    """Builds Status from the C table: one member per row, then its aliases."""
    from enum import IntEnum

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
           + "and every predicate (" + ", ".join(_PREDICATES) + ") as a bool.\n\n"
           + "as_dict() gives them all as a new dict.")
    names = {"__module__": __name__, "__qualname__": "Status", "__doc__": doc, "as_dict": _as_dict}
    try:
        from enum import _simple_enum
    except ImportError:  # Python 3.10
        # EnumMeta makes the class with no members, which are then added as
        # its __new__ would add them (the same attributes, maps and order),
        # without its per-member checks: it looks for an alias's canonical
        # member among all members so far, 1 ms for this table.
        enum_type = type(IntEnum)
        namespace = enum_type.__prepare__("Status", (IntEnum,))
        namespace.update(names)
        cls = enum_type("Status", (IntEnum,), namespace)
        by_name, by_value, canonical = cls._member_map_, cls._value2member_map_, cls._member_names_
        for name, code in body.items():
            member = by_value.get(code)
            if member is None:  # the first name of a code: its member
                member = int.__new__(cls, code)
                member._value_ = code
                member._name_ = name
                member.__objclass__ = cls
                canonical.append(name)
                by_value[code] = member
            type.__setattr__(cls, name, member)  # EnumMeta's would refuse nothing here
            by_name[name] = member
    else:
        # 3.11+: how the standard library builds http.HTTPStatus, without
        # the metaclass's per-member work.
        cls = _simple_enum(IntEnum)(type("Status", (), {**names, **body}))

    # Plain instance attributes (a read is one dict lookup, faster than a
    # property), made in C; writes are refused from here on.
    _core.set_fields(tuple(cls))
    cls.__setattr__ = _read_only
    cls.__delattr__ = _read_only
    return cls


def _load():
    global _loaded, _building, _all, get, phrases, __all__, Status
    with _loading:
        if _loaded or _building:  # done, or under way in this very thread
            return
        _building = True
        # Building Status allocates a few thousand objects, none of them
        # garbage: the collector's passes over everything imported so far,
        # which they would set off, cost more than the build itself (0.5-0.8
        # ms on 3.10 and 3.11). It is paused for the build, as it was found.
        import gc

        collecting = gc.isenabled()
        gc.disable()
        try:
            from types import MappingProxyType

            status = _make_status()
            members = tuple(status)
            globals().update(status.__members__)
            _all = members
            # get is C (py_lookup.c): item c of the tuple is the member of code c.
            get = _core.make_get(tuple(map(status._value2member_map_.get, range(600))))
            phrases = MappingProxyType({member.code: member.phrase for member in members})
            __all__ = _Names([*_PUBLIC, *status.__members__])
            Status = status
            _loaded = True
        finally:
            _building = False  # a failure (MemoryError) leaves the next use to try again
            if collecting:
                gc.enable()


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


def __getattr__(name):
    # Only names that _load() makes: public UPPER_SNAKE names (the members),
    # Status, get, phrases and __all__. Anything else is missing at once.
    if not _loaded and (name in ("Status", "get", "phrases", "__all__") or name.isupper()):
        _load()
        if name in globals():
            return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    if not _loaded:
        _load()
    return sorted(globals())
