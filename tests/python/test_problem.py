"""httpstatus.problem(), problem_json() and Problem: problem details (RFC
9457). The bytes are the core's (docs/reference.md, "The bytes"); these tests
write out what they must be, check that everything problem() refuses is
refused with the right exception naming the member, and that a Problem is
a read-only mapping that nothing a caller does can change."""

import collections.abc
import copy
import enum
import http
import inspect
import json
import pickle
import sys

import pytest

import httpstatus
from httpstatus import Problem, problem, problem_json


def compact(members):
    """members (a dict in body order) as the compact UTF-8 JSON the
    reference describes: Python's json writes strings exactly so (controls
    as \\b \\f \\n \\r \\t or lowercase \\u00xx, '"' and '\\' escaped, the rest as
    it is), which test_strings_are_escaped_as_the_reference_says checks."""
    return json.dumps(members, ensure_ascii=False, separators=(",", ":")).encode()


# ---- the bytes

def test_the_readme_problem():
    assert problem_json(404, "No user 42") == b'{"title":"Not Found","status":404,"detail":"No user 42"}'
    assert problem(404, "No user 42").json() == b'{"title":"Not Found","status":404,"detail":"No user 42"}'
    assert problem_json(404) == b'{"title":"Not Found","status":404}'


def test_members_come_in_the_order_of_the_reference_whatever_the_order_given():
    body = problem_json(403, instance="/account/12345/msgs/abc", zeta=1, Alpha=2, title="You do not have enough credit",
                        a_b=3, type="https://example.com/probs/out-of-credit", beta_2=4,
                        detail="Your current balance is 30, but that costs 50.")
    assert body == (b'{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit",'
                    b'"status":403,"detail":"Your current balance is 30, but that costs 50.",'
                    b'"instance":"/account/12345/msgs/abc","Alpha":2,"a_b":3,"beta_2":4,"zeta":1}')


def test_given_empty_strings_and_about_blank_are_written():
    assert problem_json(400, "", type="about:blank", instance="") == (
        b'{"type":"about:blank","title":"Bad Request","status":400,"detail":"","instance":""}')
    assert problem_json(400, title="") == b'{"title":"","status":400}'
    assert problem_json(400, None, type=None, title=None, instance=None) == b'{"title":"Bad Request","status":400}'


def test_strings_are_escaped_as_the_reference_says():
    short = {0x08: b"\\b", 0x0C: b"\\f", 0x0A: b"\\n", 0x0D: b"\\r", 0x09: b"\\t"}
    for c in range(0x20):
        escaped = short.get(c, b"\\u%04x" % c)  # lowercase hex
        assert problem_json(400, f"a{chr(c)}b") == b'{"title":"Bad Request","status":400,"detail":"a' + escaped + b'b"}'
    assert problem_json(400, "\0") == b'{"title":"Bad Request","status":400,"detail":"\\u0000"}'
    assert problem_json(400, '"\\') == b'{"title":"Bad Request","status":400,"detail":"\\"\\\\"}'
    # DEL, '/', U+2028, U+2029, non-ASCII and astral characters as they are, in UTF-8
    for text in ("\x7f", "a/b", "\u2028\u2029", "caf\u00e9 \uc5c6\uc74c", "\U0001f600", "\uffff\U0010ffff"):
        assert problem_json(400, text) == b'{"title":"Bad Request","status":400,"detail":"' + text.encode() + b'"}'
    # the oracle of the other tests agrees with all of this
    for c in [*range(0x80), 0x2028, 0x2029, 0xE9, 0x1F600]:
        text = f"x{chr(c)}y"
        assert problem_json(400, text) == compact({"title": "Bad Request", "status": 400, "detail": text})


def test_every_member_string_is_escaped_alike():
    text = 'q"b\\c\n\0\u2028\u00e9'
    body = problem_json(299, text, type=text, title=text, instance=text, ext=text, nested={text: [text]})
    assert body == compact({"type": text, "title": text, "status": 299, "detail": text, "instance": text, "ext": text,
                            "nested": {text: [text]}})


def test_every_extension_type():
    class Text(str):
        def __str__(self):
            return "not this"

    class Number(int):
        def __repr__(self):
            return "not this"

    body = problem_json(
        422,
        text="t", empty="", zero=0, negative=-7, largest=2**53 - 1, smallest=-(2**53 - 1), yes=True, nope=False,
        nothing=None, array=[1, "two", None, False], tuple_=(1, (2, 3)), empty_list=[], empty_dict={},
        object_={"k": "v", "n": [{}]}, member=httpstatus.NOT_FOUND, http_status=http.HTTPStatus.OK,
        subclassed=Text("text"), big=Number(5))
    assert body == (
        b'{"title":"Unprocessable Content","status":422,"array":[1,"two",null,false],"big":5,"empty":"",'
        b'"empty_dict":{},"empty_list":[],"http_status":200,"largest":9007199254740991,"member":404,'
        b'"negative":-7,"nope":false,"nothing":null,"object_":{"k":"v","n":[{}]},'
        b'"smallest":-9007199254740991,"subclassed":"text","text":"t","tuple_":[1,[2,3]],"yes":true,"zero":0}')


def test_keys_are_sorted_by_their_bytes_at_every_depth():
    # bytes order: "Z" < "_" < "a" < "aa" < "b" < "é" (C3 A9) < U+FFFF (EF BF BF) < U+1F600 (F0 ...);
    # UTF-16 order (JavaScript's) would put U+1F600 (D83D ...) before U+FFFF
    keys = ["\U0001f600", "b", "\uffff", "aa", "\u00e9", "_", "a", "Z"]
    ordered = ["Z", "_", "a", "aa", "b", "\u00e9", "\uffff", "\U0001f600"]
    nested = {k: {k2: i for i, k2 in enumerate(keys)} for k in keys}
    body = problem_json(400, ext=nested, arr=[dict.fromkeys(keys, 0)])
    expected_inner = "{" + ",".join(f'"{k}":{keys.index(k)}' for k in ordered) + "}"
    assert body.decode() == ('{"title":"Bad Request","status":400,"arr":[{' + ",".join(f'"{k}":0' for k in ordered)
                             + '}],"ext":{' + ",".join(f'"{k}":{expected_inner}' for k in ordered) + "}}")
    p = problem(400, ext=nested)
    assert list(p["ext"]) == ordered and all(list(v) == ordered for v in p["ext"].values())


def test_a_long_body_and_many_extensions_are_written_whole():
    detail = "x\u00e9\n" * 4000  # past any buffer on the stack
    many = {f"ext{i:03d}": i for i in range(100, 0, -1)}
    body = problem_json(500, detail, **many)
    expected = {"title": "Internal Server Error", "status": 500, "detail": detail, **dict(sorted(many.items()))}
    assert body == compact(expected)
    assert problem(500, detail, **many).json() == body and dict(problem(500, detail, **many)) == expected


def test_nesting_up_to_32_deep_is_written_and_deeper_refused():
    value = 1
    for depth in range(32):
        value = [value] if depth % 2 else {"k": value}
    assert json.loads(problem_json(400, deep=value))["deep"] == value
    with pytest.raises(ValueError, match=r"^problem\(\) extension 'deep'\[0\]\[0\]\['k'\]\[0\].*: arrays and objects "
                                         r"nested more than 32 deep$"):
        problem(400, deep=[value])
    loop = []
    loop.append(loop)
    with pytest.raises(ValueError, match="nested more than 32 deep"):
        problem_json(400, loop=loop)


@pytest.mark.parametrize("code", [c.code for c in httpstatus.all()])
def test_every_code_of_the_table_has_its_phrase_as_title(code):
    p = problem(code, "d")
    assert p.json() == compact({"title": httpstatus.phrase(code), "status": code, "detail": "d"})
    assert p.status == code and type(p.status) is int and p["title"] == httpstatus.phrase(code)


# ---- what is refused

def P(*args, **kwargs):
    """The arguments of a call of problem(): (args, kwargs, name)."""
    return args, kwargs, "problem"


def PJ(*args, **kwargs):
    """The same for problem_json()."""
    return args, kwargs, "problem_json"


def call(arguments, function=None):
    args, kwargs, name = arguments
    return {"problem": problem, "problem_json": problem_json}[function or name](*args, **kwargs)


TYPE_ERRORS = [
    (P(None), r"problem\(\) argument must be int, not 'NoneType'"),
    (P(True), r"problem\(\) argument must be int, not 'bool'"),
    (P(404.0), r"problem\(\) argument must be int, not 'float'"),
    (P("404"), r"problem\(\) argument must be int, not 'str'"),
    (PJ(b"404"), r"problem_json\(\) argument must be int, not 'bytes'"),
    (P(404, b"detail"), r"problem\(\) detail must be str or None, not 'bytes'"),
    (P(404, type=1), r"problem\(\) type must be str or None, not 'int'"),
    (P(404, title=["x"]), r"problem\(\) title must be str or None, not 'list'"),
    (P(404, instance=object()), r"problem\(\) instance must be str or None, not 'object'"),
    (P(404, ratio=0.5), r"problem\(\) extension 'ratio': a float is not allowed: numbers in a problem "
                                      r"are integers"),
    (P(404, ratio=float("nan")), r"problem\(\) extension 'ratio': a float is not allowed"),
    (P(404, ratio=float("inf")), r"problem\(\) extension 'ratio': a float is not allowed"),
    (P(404, ratio=1.0), r"problem\(\) extension 'ratio': a float is not allowed"),
    (P(404, tags={"a"}), r"problem\(\) extension 'tags': 'set' is not allowed: values are str, int, "
                                       r"bool, None, and lists, tuples and dicts of these"),
    (P(404, raw=b"x"), r"problem\(\) extension 'raw': 'bytes' is not allowed"),
    (P(404, raw=bytearray()), r"problem\(\) extension 'raw': 'bytearray' is not allowed"),
    (P(404, obj=object()), r"problem\(\) extension 'obj': 'object' is not allowed"),
    (P(404, fn=len), r"problem\(\) extension 'fn': 'builtin_function_or_method' is not allowed"),
    (P(404, num=1j), r"problem\(\) extension 'num': 'complex' is not allowed"),
    (P(404, errors=[{"at": [1, 2.5]}]), r"problem\(\) extension 'errors'\[0\]\['at'\]\[1\]: a float"),
    (P(404, keys={1: "one"}), r"problem\(\) extension 'keys': dict keys must be str, not 'int'"),
    (P(404, keys={"a": {b"b": 1}}), r"problem\(\) extension 'keys'\['a'\]: dict keys must be str, "
                                                  r"not 'bytes'"),
    (P(404, gen=(x for x in [])), r"problem\(\) extension 'gen': 'generator' is not allowed"),
    (P(), r"problem\(\) missing required argument 'code' \(pos 1\)"),
    (P(404, "a", "b"), r"problem\(\) takes from 1 to 2 positional arguments but 3 were given"),
    (P(404, "a", detail="b"), r"problem\(\) got multiple values for argument 'detail'"),
]

VALUE_ERRORS = [
    (P(600), r"problem\(\) code 600: the status code is outside 100\.\.599"),
    (P(99, title="Custom"), r"problem\(\) code 99: the status code is outside 100\.\.599"),
    (P(-1), r"problem\(\) code -1: the status code is outside"),
    (P(2**63), r"problem\(\) code 9223372036854775808: the status code is outside"),
    (P(2**100), r"problem\(\) code 1267650600228229401496703205376: the status code is outside"),
    (P(299), r"problem\(\) code 299: the status code is not in the table, so the problem needs a title "
                           r"\(title=\.\.\.\)"),
    (PJ(597, "x"), r"problem_json\(\) code 597: the status code is not in the table"),
    (P(404, "\ud800"), r"problem\(\) detail is not valid UTF-8: a lone surrogate at index 0"),
    (P(404, type="a\udfff"), r"problem\(\) type is not valid UTF-8: a lone surrogate at index 1"),
    (P(299, title="ok \udc80"), r"problem\(\) title is not valid UTF-8: a lone surrogate at index 3"),
    (P(404, instance="\udc80"), r"problem\(\) instance is not valid UTF-8"),
    (P(404, ext="\ud83d"), r"problem\(\) extension 'ext': a str is not valid UTF-8: a lone surrogate "
                                         r"at index 0"),
    (P(404, ext={"ok": ["", "x\udc00"]}), r"problem\(\) extension 'ext'\['ok'\]\[1\]: a str is not "
                                                        r"valid UTF-8: a lone surrogate at index 1"),
    (P(404, ext={"\udc00": 1}), r"problem\(\) extension 'ext': a key is not valid UTF-8"),
    (P(404, big=2**53), r"problem\(\) extension 'big': an integer outside -\(2\^53-1\)\.\.2\^53-1"),
    (P(404, big=-(2**53)), r"problem\(\) extension 'big': an integer outside"),
    (P(404, big=[2**64]), r"problem\(\) extension 'big'\[0\]: an integer outside"),
    (P(404, big={"n": 10**100}), r"problem\(\) extension 'big'\['n'\]: an integer outside"),
    (P(404, ab=1), r"problem\(\) extension 'ab': an extension name is an ASCII letter, then ASCII "
                                 r"letters, digits or '_', three characters or more"),
    (P(404, _private=1), r"problem\(\) extension '_private': an extension name is an ASCII letter"),
    (P(404, **{"1st": 1}), r"problem\(\) extension '1st': an extension name is"),
    (P(404, **{"trace-id": 1}), r"problem\(\) extension 'trace-id': an extension name is"),
    (P(404, **{"caf\u00e9": 1}), r"problem\(\) extension 'café': an extension name is"),
    (P(404, **{"bad\udc80": 1}), r"problem\(\) extension 'bad\\udc80': an extension name is"),
    (P(404, **{"x\0yz": 1}), r"problem\(\) extension 'x\\x00yz': an extension name is"),
    (P(404, status=404), r"problem\(\) extension 'status': an extension cannot take the name of a "
                                       r"standard member \(type, title, status, detail, instance\)"),
]


@pytest.mark.parametrize("arguments, message", TYPE_ERRORS, ids=[m[:60] for _, m in TYPE_ERRORS])
def test_a_value_of_the_wrong_type_is_a_type_error_naming_it(arguments, message):
    with pytest.raises(TypeError, match="^" + message):
        call(arguments)


@pytest.mark.parametrize("arguments, message", VALUE_ERRORS, ids=[m[:60] for _, m in VALUE_ERRORS])
def test_a_value_the_core_cannot_write_is_a_value_error_naming_it(arguments, message):
    with pytest.raises(ValueError, match="^" + message):
        call(arguments)


@pytest.mark.parametrize("arguments", [a for a, _ in TYPE_ERRORS + VALUE_ERRORS])
def test_problem_json_and_problem_refuse_the_same_in_the_same_words(arguments):
    with pytest.raises((TypeError, ValueError)) as with_problem:
        call(arguments, "problem")
    with pytest.raises(type(with_problem.value)) as with_json:
        call(arguments, "problem_json")
    assert str(with_json.value) == str(with_problem.value).replace("problem()", "problem_json()", 1)


def test_names_are_case_sensitive_and_code_may_be_an_extension():
    assert problem_json(404, Type="x", Status=1, code=7) == (
        b'{"title":"Not Found","status":404,"Status":1,"Type":"x","code":7}')


def test_the_code_is_taken_as_int_from_any_integer_type():
    class Index:
        def __index__(self):
            return 404

    for code in (404, httpstatus.NOT_FOUND, http.HTTPStatus.NOT_FOUND, Index()):
        assert problem(code).json() == b'{"title":"Not Found","status":404}' and type(problem(code).status) is int


# ---- the Problem object

def test_a_problem_is_a_read_only_mapping_of_its_members_in_body_order():
    p = problem(409, "Already there", type="https://example.com/conflict", instance="/items/7",
                existing=["/items/7"], retry=False)
    assert isinstance(p, collections.abc.Mapping) and not isinstance(p, collections.abc.MutableMapping)
    assert list(p) == ["type", "title", "status", "detail", "instance", "existing", "retry"]
    assert list(p.keys()) == list(p) and len(p) == 7
    assert list(p.values()) == ["https://example.com/conflict", "Conflict", 409, "Already there", "/items/7",
                                ["/items/7"], False]
    assert list(p.items()) == list(zip(p.keys(), p.values()))
    assert p.keys() == {"type", "title", "status", "detail", "instance", "existing", "retry"}  # set-like views
    assert ("retry", False) in p.items() and "Conflict" in p.values()
    assert p["status"] == 409 and p.get("detail") == "Already there"
    assert p.get("nothing") is None and p.get("nothing", 0) == 0
    assert "detail" in p and "nothing" not in p
    with pytest.raises(KeyError, match="nothing"):
        p["nothing"]
    assert json.loads(p.json()) == dict(p)
    assert dict(p) == {"type": "https://example.com/conflict", "title": "Conflict", "status": 409,
                       "detail": "Already there", "instance": "/items/7", "existing": ["/items/7"], "retry": False}


def test_it_parses_back_to_its_own_mapping():
    cases = [problem(404), problem(500, "\0\x1f\x7f\u2028", instance="/\u00e9"),
             problem(299, title="Custom", nested={"b": [1, {"d": None, "c": True}], "a": ()}, num=-(2**53 - 1)),
             problem(400, errors=[{"field": "name", "problems": ["empty", "too short"]}], trace_id="4bf92f35")]
    for p in cases:
        assert json.loads(p.json()) == dict(p)
        assert list(json.loads(p.json())) == list(p)  # the same order, at the top
        assert compact(dict(p)) == p.json()  # and nested


def test_status_content_type_and_headers():
    p = problem(404, "No user 42")
    assert p.status == 404 and p.content_type == "application/problem+json"
    assert p.headers == [("Content-Type", "application/problem+json")]
    p.headers.append(("X", "y"))  # a new list each time: the problem does not change
    assert p.headers == [("Content-Type", "application/problem+json")]
    assert p.json() is p.json() and type(p.json()) is bytes  # made once, when the problem was


def test_a_problem_cannot_be_changed():
    p = problem(400, "bad", errors=[{"at": "name"}], meta={"tags": ["a"]})
    body = p.json()
    for name in ("status", "content_type", "headers", "json", "detail", "anything"):
        with pytest.raises(AttributeError):
            setattr(p, name, 1)
    with pytest.raises(AttributeError):
        del p.status
    with pytest.raises(TypeError):
        p["detail"] = "other"
    with pytest.raises(TypeError):
        del p["detail"]
    assert not hasattr(p, "__dict__")
    # nested values are handed out as copies
    p["errors"].append("x")
    p["errors"][0]["at"] = "other"
    p["meta"]["tags"].clear()
    p.get("meta")["new"] = 1
    list(p.values())[4]["tags"].append("b")
    dict(p.items())["errors"].clear()
    assert p["errors"] == [{"at": "name"}] and p["meta"] == {"tags": ["a"]}
    assert p.json() == body and json.loads(body) == dict(p)
    # and the values given are copied, not kept
    errors = [{"at": "name"}]
    q = problem(400, errors=errors)
    errors[0]["at"] = "changed"
    assert q["errors"] == [{"at": "name"}]
    # the class is as fixed as a built-in type
    with pytest.raises(TypeError):
        Problem.json = lambda self: b"{}"
    with pytest.raises(TypeError):
        class Sub(Problem):
            pass


def test_equality():
    p = problem(404, "No user 42")
    assert p == problem(404, detail="No user 42") == Problem(404, "No user 42")
    assert p != problem(404, "No user 43") and p != problem(404)
    assert p == {"title": "Not Found", "status": 404, "detail": "No user 42"}
    assert p != {"title": "Not Found", "status": 404}
    assert (p == p.json()) is False and p != 404
    # a title given equal to the phrase is the same problem
    assert problem(404, title="Not Found") == problem(404)
    with pytest.raises(TypeError, match="unhashable"):
        hash(p)  # as any Mapping equal to a dict


def test_repr_says_how_to_make_it_again():
    p = problem(403, "No credit", type="https://example.com/credit", balance=30, accounts=["/a/1"], code=7)
    assert repr(p) == ("Problem(403, type='https://example.com/credit', detail='No credit', accounts=['/a/1'], "
                       "balance=30, code=7)")
    assert eval(repr(p), {"Problem": Problem}) == p
    assert repr(problem(299, title="Custom")) == "Problem(299, title='Custom')"
    assert repr(problem(404)) == "Problem(404)"


def test_problem_and_the_class_make_the_same_objects():
    assert type(problem(404)) is Problem and Problem(404, "x", title="T", ext=[1]) == problem(404, "x", title="T",
                                                                                         ext=[1])
    assert problem_json(404, "x", ext=[1]) == problem(404, "x", ext=[1]).json()


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_problem_pickles_in_every_protocol(protocol):
    p = problem(299, "d", type="t", title="Custom", instance="i", code=1, ext={"b": [None, True], "a": "x"})
    q = pickle.loads(pickle.dumps(p, protocol))
    assert q == p and q.json() == p.json() and type(q) is Problem and repr(q) == repr(p)


def test_copy_and_deepcopy_give_equal_problems():
    p = problem(404, "x", ext=[{"a": 1}])
    assert copy.copy(p) == p and copy.deepcopy(p) == p


# ---- the module's surface

def test_they_are_public_names_of_the_module():
    for name in ("problem", "problem_json", "Problem"):
        assert name in httpstatus.__all__ and name in dir(httpstatus)
    namespace = {}
    exec("from httpstatus import *", namespace)
    assert namespace["problem"] is problem and namespace["Problem"] is Problem
    assert Problem.__module__ == "httpstatus" and problem.__module__ == "httpstatus"


def test_help_shows_the_signatures():
    for function in (problem, problem_json, Problem):
        signature = inspect.signature(function)
        assert str(signature) == ("(code, /, detail=None, *, type=None, title=None, instance=None, **extensions)"), \
            function
    assert "application/problem+json" in problem.__doc__ and "Problem(...) is problem(...)" in Problem.__doc__


def test_the_json_of_a_problem_is_what_a_json_library_reads_in_any_order():
    # many random problems, compared with json.dumps of the same members
    import random

    rng = random.Random(9457)
    alphabet = ["a", "Z", "_", "\0", "\n", '"', "\\", "/", "\x7f", "\u00e9", "\u2028", "\U0001f600", " "]

    def text():
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(6)))

    def value(depth=0):
        kind = rng.randrange(7 if depth < 4 else 4)
        if kind == 0:
            return text()
        if kind == 1:
            return rng.randrange(-(2**53) + 1, 2**53)
        if kind == 2:
            return rng.choice([True, False, None])
        if kind == 3:
            return rng.randrange(-5, 5)
        if kind == 4:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        if kind == 5:
            return tuple(value(depth + 1) for _ in range(rng.randrange(3)))
        return {text(): value(depth + 1) for _ in range(rng.randrange(4))}

    def canonical(v):
        if isinstance(v, (list, tuple)):
            return [canonical(x) for x in v]
        if isinstance(v, dict):
            return {k: canonical(v[k]) for k in sorted(v, key=lambda k: k.encode())}
        return v

    codes = [c.code for c in httpstatus.all()]
    for _ in range(300):
        code = rng.choice(codes)
        members = {name: text() for name in ("type", "detail", "instance") if rng.random() < 0.5}
        if rng.random() < 0.3:
            members["title"] = text()
        extensions = {f"ext{rng.randrange(1000)}": value() for _ in range(rng.randrange(5))}
        p = problem(code, **members, **extensions)
        expected = {name: members[name] for name in ("type",) if name in members}
        expected["title"] = members.get("title", httpstatus.phrase(code))
        expected["status"] = code
        expected.update({name: members[name] for name in ("detail", "instance") if name in members})
        expected.update({name: canonical(extensions[name]) for name in sorted(extensions)})
        assert p.json() == compact(expected)
        assert dict(p) == expected and list(p) == list(expected)
        assert problem_json(code, **members, **extensions) == p.json()


def test_no_reference_is_lost_or_leaked():
    if not hasattr(sys, "gettotalrefcount") and not hasattr(sys, "getrefcount"):
        pytest.skip("no reference counts")
    detail, ext = "d" * 50, {"k": ["v", 1]}
    before = sys.getrefcount(detail), sys.getrefcount(ext)
    for _ in range(1000):
        problem(404, detail, ext=ext).json()
        problem_json(404, detail, ext=ext)
        try:
            problem(404, detail, ext=ext, bad=1.5)
        except TypeError:
            pass
    assert (sys.getrefcount(detail), sys.getrefcount(ext)) == before


class Color(enum.Enum):
    RED = 1


def test_an_enum_that_is_not_an_int_is_refused():
    with pytest.raises(TypeError, match=r"^problem\(\) extension 'color': 'Color' is not allowed"):
        problem(404, color=Color.RED)


def test_the_reference_example_runs_as_written():
    """The >>> session of docs/reference.md, "Problem details", Python."""
    import doctest
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "reference.md").read_text()
    section = text[text.index("## Problem details (RFC 9457)"):]
    section = section[section.index("### Python"):]
    block = section[section.index("```python\n") + len("```python\n"):section.index("\n```\n")]
    assert block.startswith(">>> import httpstatus")
    test = doctest.DocTestParser().get_doctest(block, {}, "reference", "docs/reference.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 6
