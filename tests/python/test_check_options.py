"""check()'s level and content options: level drops the findings below it,
and content takes the content itself (bytes, bytearray, memoryview or str)
as well as True or False."""

import array

import pytest

import httpstatus
from httpstatus import check

from test_check import CASES, DATE, dated, ids

RANK = {"info": 0, "should": 1, "must": 2}

# Responses with findings at every level at once.
MIXED = [
    (201, dict(headers={}, method="GET")),  # info location-suggested, must date-missing, should created-by-safe-method
    (503, dict(headers={})),  # info retry-after-suggested
    (304, dict(headers={"Content-Type": "text/html"}, method="POST", content=True)),
    (520, dict(headers={})),  # info status-unregistered, no Date rule for 5xx
    (405, dict(headers=dated(("Allow", "GET")), method="GET")),  # should method-in-allow
]


def all_responses():
    yield from MIXED
    for _, status, fires, fixed in CASES:
        yield status, fires
        if fixed is not None:
            yield status, fixed


@pytest.mark.parametrize("level", ["info", "should", "must"])
def test_level_keeps_the_findings_at_it_and_above_in_order(level):
    seen = set()
    for status, options in all_responses():
        everything = check(status, **options)
        kept = check(status, **options, level=level)
        assert kept == [f for f in everything if RANK[f.level] >= RANK[level]], (status, options)
        seen.update(f.level for f in everything)
    assert seen == set(RANK)


def test_the_default_level_and_none_report_everything():
    for status, options in MIXED:
        assert check(status, **options) == check(status, **options, level="info") == \
            check(status, **options, level=None)
    assert [f.level for f in check(201, {}, method="GET")] == ["info", "must", "should"]
    assert [f.level for f in check(201, {}, method="GET", level="should")] == ["must", "should"]
    assert [f.level for f in check(201, {}, method="GET", level="must")] == ["must"]


def test_the_pytest_line_passes_on_a_response_with_only_info_findings():
    headers = {"Date": DATE[1]}
    assert ids(check(201, headers)) == ["location-suggested"]
    assert not check(201, headers, level="should")
    assert ids(check(503, headers)) == ["retry-after-suggested"]
    assert not check(503, headers, level="should")
    assert ids(check(405, headers, level="should")) == ["allow-missing"]


def test_level_and_ignore_together():
    assert ids(check(201, {}, method="GET", level="should", ignore=["date-missing"])) == ["created-by-safe-method"]
    assert check(201, {}, method="GET", level="must", ignore=["date-missing"]) == []


@pytest.mark.parametrize("bad", ["", "INFO", "Must", "must ", " should", "warning", "error", "must\0",
                                 "\ud800", "\uff4d\uff55\uff53\uff54"], ids=ascii)
def test_an_unknown_level_is_a_value_error(bad):
    with pytest.raises(ValueError, match=r"^check\(\) level must be 'info', 'should' or 'must', not "):
        check(200, level=bad)


@pytest.mark.parametrize("bad", [1, 2, True, b"must", ["must"], httpstatus.OK], ids=repr)
def test_a_level_that_is_no_str_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^check\(\) level must be str, not "):
        check(200, level=bad)


def test_a_str_subclass_is_a_level():
    class Level(str):
        pass

    assert ids(check(201, {}, level=Level("must"))) == ["date-missing"]


# ---- content ---------------------------------------------------------------

SOME = [True, b"x", bytearray(b"{}"), memoryview(b"abc"), "x", "\u00e9", b"\0", array.array("i", [1, 2])]
NONE = [False, b"", bytearray(), memoryview(b""), ""]


def as_content(value):
    # array.array is read through a memoryview of it
    return memoryview(value) if isinstance(value, array.array) else value


@pytest.mark.parametrize("content", SOME, ids=repr)
def test_content_itself_is_content(content):
    content = as_content(content)
    for status in (100, 204, 205, 304):
        assert ids(check(status, dated(), content=content, level="must")) == ["content-forbidden"]
    assert ids(check(200, dated(), method="HEAD", content=content)) == ["content-forbidden"]
    assert check(200, dated(), method="GET", content=content) == []


@pytest.mark.parametrize("content", NONE, ids=repr)
def test_empty_content_is_no_content(content):
    for status in (100, 204, 205, 304):
        assert "content-forbidden" not in ids(check(status, dated(), content=content))
    assert check(200, dated(), method="HEAD", content=content) == []


def test_content_none_is_not_known():
    assert check(204, dated(), content=None) == check(204, dated()) == []
    assert check(200, dated(), method="HEAD") == []


def test_a_str_with_no_utf8_form_is_a_value_error():
    with pytest.raises(ValueError, match=r"^check\(\) content is a str with no UTF-8 form"):
        check(204, content="\ud800")


def test_a_memoryview_that_cannot_be_read_in_place_is_a_value_error():
    with pytest.raises(ValueError, match=r"^check\(\) content: a memoryview that is not contiguous"):
        check(204, content=memoryview(b"abcd")[::2])
    released = memoryview(b"abcd")
    released.release()
    with pytest.raises(ValueError, match=r"^check\(\) content: a memoryview that is not contiguous or was released"):
        check(204, content=released)


def test_a_bytearray_is_held_while_the_check_reads_it_and_let_go_after():
    body = bytearray(b"{}")

    def fields():
        yield DATE
        body.extend(b"more")  # a resize while the check holds the buffer

    with pytest.raises(BufferError):
        check(204, fields(), content=body)
    body.extend(b"!")  # released again, on the error path too
    assert ids(check(204, iter([DATE]), content=body)) == ["content-forbidden"]
    body.clear()
    assert check(204, dated(), content=body) == []


def test_a_memoryview_is_held_while_the_check_reads_it():
    view = memoryview(bytearray(b"x"))

    def fields():
        yield DATE
        view.release()

    with pytest.raises(BufferError):
        check(204, fields(), content=view)
    view.release()  # possible once the check let go
