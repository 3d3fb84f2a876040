"""Status.as_dict(): a status as data, the same keys and values as the
command line's --json object and Lua's status table, so the JSON texts are
the same."""

import json
import os
import subprocess

import pytest

import httpstatus
from httpstatus import Status

CLI = os.environ.get("HTTPSTATUS_CLI")


def test_as_dict_has_every_field_in_order_and_lists_as_lists():
    for member in Status:
        data = member.as_dict()
        assert type(data) is dict and list(data) == list(httpstatus._FIELDS)
        for name, value in data.items():
            attribute = getattr(member, name)
            if type(attribute) is tuple:
                assert type(value) is list and value == list(attribute), (member, name)
            else:
                assert type(value) is type(attribute) and value == attribute, (member, name)
        assert type(data["code"]) is int  # not the member itself: JSON gives a number either way
    data = httpstatus.NOT_FOUND.as_dict()
    assert data["code"] == 404 and data["name"] == "NOT_FOUND" and data["status_line"] == "404 Not Found"
    assert data["aliases"] == [] and data["rules"][:3] == ["date-missing", "content-forbidden", "location-invalid"]
    assert data["rules"] == list(httpstatus.NOT_FOUND.rules)
    assert data["is_client_error"] is True and data["is_success"] is False
    assert httpstatus.UNPROCESSABLE_CONTENT.as_dict()["aliases"] == ["UNPROCESSABLE_ENTITY"]


def test_as_dict_is_a_new_dict_every_call_and_changing_it_changes_nothing():
    first = httpstatus.NOT_FOUND.as_dict()
    assert first == httpstatus.NOT_FOUND.as_dict() and first is not httpstatus.NOT_FOUND.as_dict()
    first["phrase"] = "Gone"
    first["rules"].append("x")
    first["aliases"].append("X")
    assert httpstatus.NOT_FOUND.as_dict()["phrase"] == "Not Found" == httpstatus.NOT_FOUND.phrase
    assert httpstatus.NOT_FOUND.as_dict()["rules"] == list(httpstatus.NOT_FOUND.rules)
    assert httpstatus.NOT_FOUND.aliases == ()


def test_an_alias_gives_its_members_dict():
    assert Status.UNPROCESSABLE_ENTITY.as_dict() == Status.UNPROCESSABLE_CONTENT.as_dict()
    assert Status.REQUEST_ENTITY_TOO_LARGE.as_dict()["name"] == "CONTENT_TOO_LARGE"


def test_as_dict_encodes_as_json():
    text = json.dumps(httpstatus.IM_A_TEAPOT.as_dict(), sort_keys=True)
    assert json.loads(text) == httpstatus.IM_A_TEAPOT.as_dict()
    assert json.dumps(httpstatus.NOT_FOUND) == "404"  # a member is still an int


def tool_objects():
    """The command line's --json object of every row, by code."""
    objects = {}
    for status_class in "12345":
        out = subprocess.run([CLI, "--json", f"{status_class}xx"], capture_output=True, timeout=60)
        assert out.returncode == 0, out.stderr
        objects.update((o["code"], o) for o in json.loads(out.stdout))
    return objects, out.stdout


@pytest.mark.skipif(not CLI, reason="HTTPSTATUS_CLI (the C tool's path) is not set")
def test_every_row_is_the_json_object_the_command_line_prints():
    objects, _ = tool_objects()
    assert sorted(objects) == [member.code for member in httpstatus.all()]
    for member in httpstatus.all():
        ours, theirs = member.as_dict(), objects[member.code]
        assert list(ours) == list(theirs), member  # the same fields in the same order
        assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True), member


@pytest.mark.skipif(not CLI, reason="HTTPSTATUS_CLI (the C tool's path) is not set")
def test_the_command_lines_text_is_json_dumps_of_as_dict():
    out = subprocess.run([CLI, "--json", "404"], capture_output=True, timeout=60)
    assert out.stdout.decode() == "[" + json.dumps(httpstatus.NOT_FOUND.as_dict()) + "]\n"
