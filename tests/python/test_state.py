"""No state reachable from Python can change later answers: what check, get
and rules carry is out of reach or immutable, the classes of what they hand
out cannot be changed, and the private module's functions make new things
without touching the package's. Each test tampers, then proves every answer
the same as before it."""

import copy
import gc
import inspect
import pickle
import pydoc
import types

import pytest

import httpstatus
from httpstatus import Finding, Rule, Status, _core, check, get, rules

DATE = ("Date", "Tue, 15 Apr 2025 10:00:00 GMT")
EXCHANGES = [
    (405, [DATE], {}),
    (405, [DATE, ("Allow", "GET")], {"method": "GET", "lang": "ko"}),
    (304, [("Content-Encoding", "gzip"), ("Content-Language", "en")], {"method": "POST", "content": b"x"}),
    (201, [], {"method": "GET"}),
    (600, [], {}),
    (101, [], {"version": "2", "request_headers": {}}),
]
LOOKUPS = [404, "not found", " 404\n", "UNPROCESSABLE_ENTITY", "im a teapot", 299, 99, "4 04"]


def answers():
    """Everything the tampering below could change, as plain data."""
    found = [[(tuple(f), type(f).__name__, repr(f), str(f), f.id, f.message, f._asdict())
              for f in check(code, headers, **options)]
             for code, headers, options in EXCHANGES]
    listed = [[(tuple(r), type(r).__name__, repr(r), r.codes) for r in rules(lang)] for lang in ("en", "ko")]
    looked_up = [(x, get(x), int(get(x)) if get(x) is not None else None) for x in LOOKUPS]
    rows = [member.as_dict() for member in httpstatus.all()]
    return found, listed, looked_up, rows, httpstatus.phrase(404), httpstatus.is_success(204)


BEFORE = answers()


def assert_unchanged():
    assert answers() == BEFORE


@pytest.mark.parametrize("function", [check, get, rules], ids=lambda f: f.__name__)
def test_the_builtins_carry_a_module_whose_state_python_cannot_reach(function):
    state = function.__self__
    assert inspect.ismodule(state) and state.__name__ == "httpstatus" and state is not httpstatus
    assert sorted(vars(state)) == ["__doc__", "__loader__", "__name__", "__package__", "__spec__"]
    for name in ("__closure__", "__globals__", "__dict__", "__code__", "__defaults__", "__wrapped__"):
        assert not hasattr(function, name), name
    with pytest.raises(AttributeError):
        function.tables = ()
    vars(state).clear()
    state.tables = {"en": ["junk"]}
    state.__dict__["_tables"] = None
    assert_unchanged()


@pytest.mark.parametrize("function", [check, rules, get], ids=lambda f: f.__name__)
def test_what_the_builtins_hold_is_immutable_all_the_way_down(function):
    """Everything gc can reach from them, classes and module namespaces aside:
    str, int, None, tuples of these, frozen classes; and for get, the members
    (the one kind of object every caller shares, by design)."""
    seen, pending, kinds = set(), [function], set()
    while pending:
        obj = pending.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, type):
            if obj in (Finding, Rule, httpstatus._Record):
                with pytest.raises(TypeError, match="immutable type"):
                    obj.extra = 1
            continue  # a class: its own dict is not what the function carries
        if isinstance(obj, types.ModuleType):
            # its state (m_traverse), not its namespace, which nothing reads
            pending += [r for r in gc.get_referents(obj) if r is not vars(obj)]
            continue
        kinds.add(type(obj))
        if not isinstance(obj, Status):
            pending += gc.get_referents(obj)
    assert tuple in kinds and str in kinds, "the walk reached the tables"
    assert kinds <= {str, int, bool, tuple, type(None), types.BuiltinFunctionType, Status}, kinds


def test_findings_rules_and_their_classes_cannot_be_changed():
    finding, rule = check(405)[0], rules()[0]

    class Other(tuple):
        __slots__ = ()

        def __repr__(self):
            return "changed"

    for obj in (finding, rule):
        with pytest.raises(TypeError, match="__class__ assignment"):
            obj.__class__ = Other
        with pytest.raises(AttributeError):
            obj.id = "x"
    for cls in (Finding, Rule, httpstatus._Record):
        for name, value in [("__repr__", lambda self: "changed"), ("__str__", lambda self: "changed"),
                            ("id", property(lambda self: "changed")), ("_asdict", None), ("extra", 1)]:
            with pytest.raises(TypeError, match="immutable type"):
                setattr(cls, name, value)
        with pytest.raises(TypeError, match="immutable type"):
            del cls.__repr__
    with pytest.raises(TypeError, match="immutable type"):
        Finding.message = property(lambda self: "changed")
    assert_unchanged()


def test_what_is_handed_out_is_new_every_call():
    found = check(405)
    found.append("junk")
    found[0] = None
    table = rules()
    assert table is not rules() and table == rules()
    assert check(405) == check(405) and check(405)[0] is not check(405)[0]
    assert_unchanged()


def test_subclasses_of_finding_may_still_be_made_and_changed():
    class Mine(Finding):
        __slots__ = ()

    Mine.note = "mine"
    made = _core.make_check(Mine)(405)
    assert type(made[0]) is Mine and made[0].note == "mine" and made == check(405)
    assert_unchanged()


def test_the_private_modules_functions_make_new_things_and_change_nothing():
    assert _core.make_check(tuple)(405) == [tuple(f) for f in check(405)]
    assert _core.make_rules(tuple)("ko")[0] == tuple(rules("ko")[0])
    junk_get = _core.make_get(tuple(range(600)))
    assert junk_get(404) == 404 and junk_get("not found") == 404
    row = _core.fields(404, True)
    row["phrase"], row["aliases"][:] = "changed", ["X"]
    _core.fields(404, False)["rules"] = ()
    functions = _core.functions()
    functions["phrase"] = None
    functions.clear()

    class Other:
        pass

    _core.freeze(Other)
    for name in dir(_core):
        function = getattr(_core, name)
        if name.startswith("__") or not callable(function) or isinstance(function, type) or name == "main":
            continue
        for args in [(), (None,), (404,), (404, True), (tuple,), (Finding,), (tuple(range(600)),), ("x", "y", "z")]:
            try:
                function(*args)
            except Exception:
                pass
    assert_unchanged()


@pytest.mark.parametrize("function, signature", [
    (check, "(status, headers=(), *, method=None, request_headers=None, content=None, version=None, ignore=(), "
            "level='info', lang='en')"),
    (get, "(x, /)"),
    (rules, "(lang='en')"),
])
def test_help_and_inspect_show_functions_with_their_signatures(function, signature):
    assert str(inspect.signature(function)) == signature
    text = pydoc.render_doc(function, renderer=pydoc.plaintext)
    assert text.startswith(f"Python Library Documentation: built-in function {function.__name__} in module httpstatus")
    # 3.13 writes a long signature over several lines
    assert "".join(f"{function.__name__}{signature}".split()) in "".join(text.split())
    assert "method of" not in text and " instance" not in text
    assert function.__module__ == "httpstatus" and function.__name__ in httpstatus.__all__


@pytest.mark.parametrize("function", [check, get, rules], ids=lambda f: f.__name__)
def test_the_builtins_pickle_and_copy_by_name(function):
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(function, protocol)) is function
    assert copy.copy(function) is function and copy.deepcopy(function) is function


def test_members_are_the_same_objects_everywhere():
    # the one kind of shared object: every caller gets the same member
    assert get(404) is Status(404) is Status.NOT_FOUND is httpstatus.NOT_FOUND
    with pytest.raises(AttributeError, match="read-only"):
        httpstatus.NOT_FOUND.phrase = "changed"
    assert_unchanged()
