"""The surface that comes from the one list in core/httpstatus_surface.def:
the fields of every member, the predicates, search, phrases, and Python
signatures for every public function."""

import http.client
import inspect
import pydoc

import pytest

import httpstatus
from httpstatus import Status, _core

COMMON = {200, 201, 204, 301, 304, 401, 403, 404, 405, 503}
RARE = {102, 207, 305, 306, 402, 421, 423, 424, 510}


def c_fields():
    return [(_core.field_name(i), _core.field_is_predicate(i)) for i in range(_core.field_count())]


def test_every_field_of_the_c_list_is_an_attribute_in_its_order():
    names = [name for name, _ in c_fields()]
    assert [n for n in vars(Status.NOT_FOUND) if not n.startswith("_")] == names
    assert httpstatus._PREDICATES == tuple(name for name, predicate in c_fields() if predicate)


def test_every_predicate_of_the_c_list_is_a_module_function():
    for name, predicate in c_fields():
        if predicate:
            function = getattr(httpstatus, name)
            assert name in httpstatus.__all__
            assert function(99) is False and function(600) is False
            for member in Status:
                assert getattr(member, name) is function(member.code)


def test_aliases_and_rules_are_tuples_of_str():
    assert Status.UNPROCESSABLE_CONTENT.aliases == ("UNPROCESSABLE_ENTITY",)
    assert Status.NOT_FOUND.aliases == ()
    for member in Status:
        assert type(member.aliases) is tuple and all(type(a) is str for a in member.aliases)
        assert all(getattr(Status, a) is member for a in member.aliases)
        assert type(member.rules) is tuple and all(type(r) is str for r in member.rules)
        assert member.rules and len(set(member.rules)) == len(member.rules)
    # the ids of the response rules that can apply (core/rules.def), in the order of rules()
    # then the rules on field values, which apply to any code (Location and Content-Range are
    # "undefined" where the code gives them no meaning), then the problem rules
    values = ("location-invalid", "location-undefined", "allow-invalid", "retry-after-invalid", "date-invalid",
              "content-length-invalid", "content-range-invalid", "content-range-undefined",
              "www-authenticate-invalid", "proxy-authenticate-invalid", "upgrade-invalid")
    problem = ("problem-invalid", "problem-status-mismatch", "problem-member-type", "problem-title-differs")
    assert Status.NOT_FOUND.rules == ("date-missing", "content-forbidden", *values, *problem)
    assert Status.UNAUTHORIZED.rules == ("www-authenticate-missing", "date-missing", "content-forbidden", *values,
                                         *problem)
    assert Status.USE_PROXY.rules == ("status-obsolete", "date-missing", "content-forbidden",
                                      *(v for v in values if v != "location-undefined"), *problem)


def test_usage_marks_the_common_and_the_rare_codes():
    assert {m.code for m in Status if m.usage == "common"} == COMMON
    assert {m.code for m in Status if m.usage == "rare"} == RARE
    assert {m.usage for m in Status} == {"common", "normal", "rare"}


@pytest.mark.parametrize("text", ["0404", "040", "4", "4040", "+404", "4 04", " 0404 ", "\uff14\uff10\uff14"])
def test_a_code_string_is_exactly_three_ascii_digits(text):
    assert httpstatus.get(text) is None


@pytest.mark.parametrize("text", [" 404", "404 ", " 404\n", "\t404\r\n", "Not Found ", " not_found\n",
                                  "404" + " " * 1000])
def test_surrounding_ascii_white_space_is_ignored(text):
    assert httpstatus.get(text) is httpstatus.NOT_FOUND
    assert httpstatus.get(text.encode().decode()) is httpstatus.NOT_FOUND


def test_every_spelling_of_every_row_is_found_with_white_space_around_it():
    for member in Status:
        spellings = [member.name, *member.aliases, member.phrase, str(member.code)]
        for text in spellings:
            for padded in (f" {text}", f"{text} ", f" {text}\n", f"\t{text}\r\n", f"\v\f{text}\f\v"):
                assert httpstatus.get(padded) is member, repr(padded)


@pytest.mark.parametrize("text", ["4 04", "40 4", "4\t04", "4\n04", "\u00a0404", "404\u00a0", "404\u3000",
                                  "\u2003Not Found", "Not Found\u200b", "\x00404", "404\x00", " \x00 404"],
                         ids=ascii)
def test_white_space_inside_a_code_and_other_characters_around_it_are_misses(text):
    assert httpstatus.get(text) is None


def test_get_takes_int_subclasses_str_subclasses_and_index():
    class Code:
        def __index__(self):
            return 404

    class Text(str):
        pass

    assert httpstatus.get(Status.NOT_FOUND) is Status.NOT_FOUND
    assert httpstatus.get(Code()) is Status.NOT_FOUND
    assert httpstatus.get(Text("not found")) is Status.NOT_FOUND
    assert httpstatus.get(Text("NOT_FOUND")) is Status.NOT_FOUND
    for miss in (-1, 0, 99, 600, 999, 2**63, -2**100, 2**100):
        assert httpstatus.get(miss) is None
    for bad in (True, 404.0, b"404", None, [404]):
        with pytest.raises(TypeError, match=r"^get\(\) argument must be int or str, not "):
            httpstatus.get(bad)


def test_search_finds_names_aliases_phrases_and_origins_ascending():
    assert [s.code for s in httpstatus.search("timeout")] == [408, 504, 524, 598, 599]
    assert [s.code for s in httpstatus.search("cloudflare")] == [520, 521, 522, 523, 524, 525, 526, 527, 530]
    assert {460, 463, 464, 561} <= {s.code for s in httpstatus.search("aws")}
    assert [s.code for s in httpstatus.search("TeaPOT")] == [418]
    assert httpstatus.search("") == [] and httpstatus.search("zzz") == []
    assert httpstatus.search("NOT_FOUND\0") == []
    found = httpstatus.search("not")
    assert found == sorted(found) and len(set(found)) == len(found) and Status.NOT_FOUND in found
    assert httpstatus.search("error") is not httpstatus.search("error")


@pytest.mark.parametrize("bad", [None, 404, b"timeout", ["timeout"]])
def test_search_refuses_what_is_no_str(bad):
    with pytest.raises(TypeError, match=r"^search\(\) argument must be str, not "):
        httpstatus.search(bad)


def test_phrases_is_a_read_only_mapping_of_every_row():
    phrases = httpstatus.phrases
    assert dict(phrases) == {m.code: m.phrase for m in Status}
    assert phrases[404] == "Not Found" and phrases.get(299) is None and 999 not in phrases
    # the shape of http.client.responses: every code the stdlib has, with an int key
    assert set(http.client.responses) <= set(phrases) | {c for c in http.client.responses if not _core.is_known(c)}
    with pytest.raises(TypeError):
        phrases[404] = "Gone"
    with pytest.raises(AttributeError):
        phrases.clear()


PUBLIC_FUNCTIONS = ["get", "phrase", "description", "category", "all", "search", "check", "rules",
                    *httpstatus._PREDICATES]


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS)
def test_every_public_function_has_a_python_signature_and_docstring(name):
    function = getattr(httpstatus, name)
    signature = inspect.signature(function)
    assert "int" not in str(signature) and "char" not in str(signature)
    assert function.__doc__ and "->" not in function.__doc__.splitlines()[0]
    assert function.__module__ == "httpstatus"


def test_predicate_and_phrase_signatures():
    assert str(inspect.signature(httpstatus.phrase)) == "(code, /)"
    assert str(inspect.signature(httpstatus.is_retryable)) == "(code, /)"
    assert str(inspect.signature(httpstatus.get)) == "(x, /)"
    assert str(inspect.signature(httpstatus.description)) == "(code, lang='en')"
    assert str(inspect.signature(httpstatus.check)) == (
        "(status, headers=(), *, method=None, request_headers=None, content=None, version=None, ignore=(), "
        "level='info', lang='en')")
    assert str(inspect.signature(httpstatus.rules)) == "(lang='en')"


def test_help_shows_every_function_all_included():
    text = pydoc.render_doc(httpstatus, renderer=pydoc.plaintext)
    for name in PUBLIC_FUNCTIONS:
        assert f"\n    {name}(" in text, name
