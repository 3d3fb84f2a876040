"""docs/reference.md's table of bad input, row by row: a clear error or "nothing",
never a crash, an OverflowError or a wrong answer."""

import math
import sys
from decimal import Decimal
from fractions import Fraction

import pytest

import httpstatus

PREDICATES = [getattr(httpstatus, name) for name in httpstatus._PREDICATES]
LOOKUPS = [httpstatus.phrase, httpstatus.description, httpstatus.category]
CODE_FUNCTIONS = [httpstatus.get, *LOOKUPS, *PREDICATES]


def ko_description(code):
    return httpstatus.description(code, "ko")


WRONG_TYPES = [None, True, False, [], [404], (404,), {404: 404}, b"404", bytearray(b"404"),
               len, object(), 404j, Decimal(404), Fraction(404)]
FLOATS = [404.0, 404.5, 0.0, math.nan, math.inf, -math.inf]
OUT_OF_RANGE = [-1, 0, 99, 600, 1000, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63 - 1, 2**63,
                -2**63, -2**63 - 1, 2**64, 2**100, -2**100, 10**1000, sys.maxsize, -sys.maxsize - 1]
UNKNOWN_STRINGS = ["", " ", "nonsense", "NOT_FOUND\0x", "NOT_FOUND\0", "\0", "404\0", "\0" "404",
                   "A" * 2**20, "4" * 2**20, "4 04", "\u00a0404", "404\u3000", "\uff14\uff10\uff14",  # fullwidth 404
                   "\u0664\u0660\u0664", "\U0001d7d2\U0001d7ce\U0001d7d2",  # Arabic-Indic, math digits
                   "\ud800", "NOT_FOUND\udc80", "\udcff404", "-404", "404.0", "4O4", "NOT FOUND\n.",
                   "not\u00a0found", "ＮＯＴ＿ＦＯＵＮＤ", "600", "99"]


def name_of(f):
    return f.__name__


@pytest.mark.parametrize("function", CODE_FUNCTIONS, ids=name_of)
@pytest.mark.parametrize("bad", WRONG_TYPES + FLOATS, ids=repr)
def test_wrong_types_raise_type_error_naming_function_and_type(function, bad):
    with pytest.raises(TypeError) as error:
        function(bad)
    message = str(error.value)
    assert message.startswith(f"{function.__name__}()"), message
    assert type(bad).__name__ + "'" in message, message


@pytest.mark.parametrize("function", [httpstatus.phrase, httpstatus.category, *PREDICATES], ids=name_of)
def test_strings_are_no_codes(function):
    with pytest.raises(TypeError, match=r"'str'"):
        function("404")


@pytest.mark.parametrize("code", OUT_OF_RANGE, ids=lambda c: str(c)[:24])
def test_integers_out_of_range_are_not_codes(code):
    for predicate in PREDICATES:
        assert predicate(code) is False, predicate.__name__
    for lookup in (httpstatus.get, ko_description, *LOOKUPS):
        assert lookup(code) is None, lookup.__name__


class Code(int):
    """An int subclass that is not a Status."""


class Indexable:
    """Not an int, but usable as one, as numpy.int64 is."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("make", [Code, Indexable], ids=name_of)
def test_int_subclasses_and_index_objects_are_codes(make):
    for code, huge in ((404, 2**100), (418, -2**70)):
        assert httpstatus.get(make(code)) is httpstatus.Status(code)
        assert httpstatus.phrase(make(code)) == httpstatus.phrase(code)
        assert httpstatus.description(make(code), "ko") == httpstatus.description(code, "ko")
        assert httpstatus.category(make(code)) == httpstatus.category(code)
        for predicate in PREDICATES:
            assert predicate(make(code)) is predicate(code)
            assert predicate(make(huge)) is False
        assert httpstatus.get(make(huge)) is None


@pytest.mark.parametrize("text", UNKNOWN_STRINGS, ids=lambda s: ascii(s)[:30])
def test_unknown_strings_give_none(text):
    assert httpstatus.get(text) is None


def test_a_str_subclass_is_a_str():
    class Name(str):
        pass

    assert httpstatus.get(Name("not found")) is httpstatus.NOT_FOUND
    assert httpstatus.get(Name("NOT_FOUND\0")) is None


@pytest.mark.parametrize("lang", ["fr", "", "EN", "Ko", "en\0", "ko\0x", "e", "english", "ko ",
                                  "\ud800", "\uff45\uff4e"])
def test_a_bad_lang_is_a_value_error(lang):
    for code in (404, 299, 2**100, -1):
        with pytest.raises(ValueError, match=r"^description\(\) lang must be 'en' or 'ko'"):
            httpstatus.description(code, lang)


def test_a_lang_of_none_is_the_default_as_in_lua():
    assert httpstatus.description(404, None) == httpstatus.description(404) == httpstatus.description(404, "en")
    assert httpstatus.description(299, None) is None


@pytest.mark.parametrize("lang", [1, b"en", ["en"], True])
def test_a_lang_that_is_no_str_is_a_type_error(lang):
    with pytest.raises(TypeError, match=r"^description\(\).*lang"):
        httpstatus.description(404, lang)


def test_good_langs():
    assert httpstatus.description(404) == httpstatus.description(404, "en") == httpstatus.NOT_FOUND.description
    assert httpstatus.description(404, lang="ko") != httpstatus.description(404)
    assert httpstatus.description(299, "ko") is None
