"""Status against CPython's http.HTTPStatus, the fields of every member,
identity, immutability, all(), module constants and lookups by name."""

import copy
import enum
import http
import pickle

import pytest

import httpstatus
from httpstatus import Status, _core

STDLIB = http.HTTPStatus
FIELDS = ("code", "name", "aliases", "phrase", "description", "category", "official", "origin",
          "reference", "usage", "status_line", "rules")
PREDICATES = ("is_valid", "is_known", "is_official", "is_informational", "is_success",
              "is_redirection", "is_client_error", "is_server_error", "is_error", "is_redirect",
              "preserves_method", "is_cacheable", "is_empty", "is_retryable")

# docs/reference.md: the canonical names are RFC 9110's, as CPython 3.13 has them; the
# names CPython 3.11 used are aliases.
RFC9110_NAMES = {413: ("CONTENT_TOO_LARGE", "REQUEST_ENTITY_TOO_LARGE"),
                 414: ("URI_TOO_LONG", "REQUEST_URI_TOO_LONG"),
                 416: ("RANGE_NOT_SATISFIABLE", "REQUESTED_RANGE_NOT_SATISFIABLE"),
                 422: ("UNPROCESSABLE_CONTENT", "UNPROCESSABLE_ENTITY")}


@pytest.mark.parametrize("name", list(STDLIB.__members__))
def test_every_stdlib_name_resolves_to_the_same_code(name):
    assert Status[name] == STDLIB[name]
    assert Status[name].value == STDLIB[name].value
    assert getattr(httpstatus, name) is Status[name]


@pytest.mark.parametrize("member", list(STDLIB), ids=lambda m: m.name)
def test_phrases_equal_where_the_stdlib_uses_the_same_name(member):
    ours = Status(member.value)
    if ours.name == member.name:
        assert ours.phrase == member.phrase
    else:  # an older name: ours has RFC 9110's name and wording
        assert member.name in Status.__members__ and Status[member.name] is ours
        assert member.value in RFC9110_NAMES


@pytest.mark.parametrize("code", sorted(RFC9110_NAMES))
def test_rfc9110_names_are_canonical_and_older_names_are_aliases(code):
    canonical, older = RFC9110_NAMES[code]
    assert Status(code).name == canonical
    assert Status[older] is Status[canonical] is Status(code)
    assert older not in [m.name for m in Status]


def test_code_written_for_http_status_runs_unchanged():
    def describe(status_enum, code):
        s = status_enum(code)
        # Before 3.11, str() of an IntEnum member names its class.
        text = str(s).replace(f"{status_enum.__name__}.", "")
        return (int(s), s.value, s == code, f"{s}", text, s.phrase, type(s.description),
                isinstance(s, enum.IntEnum), s in status_enum, status_enum[s.name] is s)

    for code in (200, 301, 404, 418, 503):
        ours, theirs = describe(Status, code), describe(STDLIB, code)
        assert ours == theirs
    with pytest.raises(ValueError):
        Status(299)
    with pytest.raises(ValueError):
        STDLIB(299)
    with pytest.raises(KeyError):
        Status["NO_SUCH_NAME"]
    assert sorted(Status) == list(Status)
    assert repr(Status.NOT_FOUND) == "<Status.NOT_FOUND: 404>"


@pytest.mark.skipif(not hasattr(STDLIB.OK, "is_success"), reason="http.HTTPStatus has class predicates from Python 3.12")
@pytest.mark.parametrize("predicate", ["is_informational", "is_success", "is_redirection",
                                       "is_client_error", "is_server_error"])
def test_class_predicates_agree_with_the_stdlib(predicate):
    for member in STDLIB:
        assert getattr(Status(member.value), predicate) is getattr(member, predicate)


@pytest.mark.parametrize("member", list(Status), ids=lambda m: m.name)
def test_every_member_carries_its_row_of_the_c_table(member):
    row = _core.get(member.code)
    assert member.code == member.value == int(member) == row.code
    assert type(member.code) is int
    assert member.name == row.name
    assert member.phrase == row.phrase == httpstatus.phrase(member.code)
    assert member.description == row.description == httpstatus.description(member.code)
    assert httpstatus.description(member.code, "ko") == row.description_ko != member.description
    assert member.category == httpstatus.category(member.code)
    assert member.official is row.official
    assert member.official is (member.origin == "IANA")
    assert member.origin == row.origin and member.reference == row.reference
    assert member.status_line == f"{member.code} {member.phrase}"
    for text in (member.phrase, member.description, member.origin, member.reference):
        assert type(text) is str and text
    for predicate in PREDICATES:
        assert getattr(member, predicate) is getattr(httpstatus, predicate)(member.code)


def test_members_have_the_api_fields_and_nothing_else_public():
    assert {n for n in vars(Status.OK) if not n.startswith("_")} == set(FIELDS + PREDICATES)


def test_identity():
    member = Status(404)
    assert member is httpstatus.get("not found") is httpstatus.get(404) is httpstatus.get("404")
    assert member is httpstatus.NOT_FOUND is Status["NOT_FOUND"] is Status.NOT_FOUND
    assert httpstatus.get(member) is member
    assert pickle.loads(pickle.dumps(member)) is member
    assert copy.copy(member) is member and copy.deepcopy(member) is member


@pytest.mark.parametrize("name", FIELDS + PREDICATES + ("name", "value", "_value_", "brand_new"))
def test_members_cannot_be_modified(name):
    member = Status.NOT_FOUND
    before = getattr(member, name, None)
    with pytest.raises(AttributeError):
        setattr(member, name, "x")
    with pytest.raises(AttributeError):
        delattr(member, name)
    assert getattr(member, name, None) == before
    assert httpstatus.get(404).phrase == httpstatus.phrase(404)


def test_members_cannot_be_reassigned():
    with pytest.raises(AttributeError):
        Status.NOT_FOUND = 1
    with pytest.raises(AttributeError):
        del Status.NOT_FOUND
    assert Status.NOT_FOUND == 404


def test_all_is_every_row_once_ascending_by_code():
    statuses = httpstatus.all()
    assert list(statuses) == list(Status)
    assert len(statuses) == _core.count()
    codes = [s.code for s in statuses]
    assert codes == sorted(set(codes))
    assert [s.code for s in statuses] == [_core.at(i).code for i in range(_core.count())]
    assert all(s.name == _core.get(s.code).name for s in statuses)  # canonical names only
    assert httpstatus.all() == statuses


def test_every_name_and_alias_is_a_module_constant():
    aliases = [_core.alias(s.code, i) for s in Status for i in range(8) if _core.alias(s.code, i)]
    assert aliases, "the table has aliases"
    assert set(Status.__members__) == {s.name for s in Status} | set(aliases)
    for name, member in Status.__members__.items():
        assert getattr(httpstatus, name) is member
        assert name in httpstatus.__all__


def test_star_import_leaves_the_builtin_all_alone():
    namespace = {}
    exec("from httpstatus import *", namespace)
    assert "all" not in namespace
    assert namespace["NOT_FOUND"] is Status.NOT_FOUND and namespace["get"] is httpstatus.get


@pytest.mark.parametrize("text,code", [
    ("not found", 404), ("Not-Found", 404), ("NOT_FOUND", 404), ("Not Found", 404), ("404", 404),
    ("not_FOUND", 404), ("im a teapot", 418), ("I'm a Teapot", 418), ("IM_A_TEAPOT", 418),
    ("unprocessable entity", 422), ("Unprocessable Content", 422), ("REQUEST_URI_TOO_LONG", 414),
    ("payload too large", 413), ("200", 200),
])
def test_get_by_name_alias_phrase_or_digits(text, code):
    assert httpstatus.get(text) is Status(code)


def test_version_is_the_c_librarys():
    assert httpstatus.__version__ == _core.version()
    assert httpstatus.__version__.count(".") == 2


def test_the_examples_in_the_docstring_hold():
    import doctest

    failures, tried = doctest.testmod(httpstatus, verbose=False)
    assert tried >= 3 and failures == 0
