"""Every predicate over -5..1000 against docs/reference.md's definition of it, written
out here, for the module function and for the members."""

import pytest

import httpstatus
from httpstatus import Status

CODES = range(-5, 1001)
KNOWN = {s.code for s in httpstatus.all()}
OFFICIAL = {s.code for s in httpstatus.all() if s.official}
# Unofficial codes the table marks transient (docs/reference.md: "such as 520-524, 598, 599").
TRANSIENT_UNOFFICIAL = {c for c in KNOWN - OFFICIAL if httpstatus.is_retryable(c)}

DEFINITIONS = {
    "is_valid": lambda c: 100 <= c <= 599,
    "is_known": lambda c: c in KNOWN,
    "is_official": lambda c: c in OFFICIAL,
    "is_informational": lambda c: 100 <= c <= 199,
    "is_success": lambda c: 200 <= c <= 299,
    "is_redirection": lambda c: 300 <= c <= 399,
    "is_client_error": lambda c: 400 <= c <= 499,
    "is_server_error": lambda c: 500 <= c <= 599,
    "is_error": lambda c: 400 <= c <= 599,
    "is_redirect": lambda c: c in {301, 302, 303, 307, 308},
    "preserves_method": lambda c: c in {307, 308},
    "is_cacheable": lambda c: c in {200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501, 451},
    "is_empty": lambda c: 100 <= c <= 199 or c in {204, 205, 304},
    "is_retryable": lambda c: c in {408, 421, 425, 429, 500, 502, 503, 504} or c in TRANSIENT_UNOFFICIAL,
}


def test_every_predicate_of_the_api_is_exported():
    assert set(DEFINITIONS) == set(httpstatus._PREDICATES)


@pytest.mark.parametrize("name", DEFINITIONS)
def test_predicate_over_every_code(name):
    predicate, definition = getattr(httpstatus, name), DEFINITIONS[name]
    wrong = [c for c in CODES if predicate(c) is not definition(c)]
    assert not wrong, f"{name} is wrong for {wrong[:20]}"


@pytest.mark.parametrize("name", DEFINITIONS)
def test_member_predicates_and_int_subclasses_agree(name):
    predicate = getattr(httpstatus, name)
    for member in Status:
        assert getattr(member, name) is predicate(member) is DEFINITIONS[name](member.code)


def test_the_transient_unofficial_codes():
    assert {520, 521, 522, 523, 524, 598, 599} <= TRANSIENT_UNOFFICIAL
    assert all(500 <= c <= 599 for c in TRANSIENT_UNOFFICIAL)


def test_the_table_has_the_codes_api_md_names():
    assert {m.value for m in httpstatus.Status} >= {104, 306, 418}
    assert {104, 306, 418} <= OFFICIAL  # temporary and unused registrations count
    unofficial = {444, 494, 495, 496, 497, 499, 509, *range(520, 528), 530, 598, 599}
    assert unofficial <= KNOWN and not unofficial & OFFICIAL


def test_category_for_every_valid_code():
    names = {1: "informational", 2: "success", 3: "redirection", 4: "client_error", 5: "server_error"}
    for c in CODES:
        assert httpstatus.category(c) == (names[c // 100] if 100 <= c <= 599 else None)
