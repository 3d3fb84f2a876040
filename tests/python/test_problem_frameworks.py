"""The README's problem details in Flask, Django and Starlette: the code
block after `<!-- readme-problem: python -->` in README.md, cut into its
three handlers (one per paragraph, each naming its framework in a comment),
each run as it is written inside a real application of its framework and
asked for through the framework's test client."""

import re
from pathlib import Path

import pytest

import httpstatus
from webapps import django_setup

README = Path(__file__).resolve().parents[2] / "README.md"
BODY = b'{"title":"Not Found","status":404,"detail":"No user 42"}'


def readme_handlers():
    """{framework: the source of its handler}, exactly as README.md has them."""
    text = README.read_text()
    found = re.search(r"^<!-- readme-problem: python -->\n```python\n(.*?)^```$", text, re.S | re.M)
    assert found, "README.md has no block marked <!-- readme-problem: python -->"
    handlers = {}
    for snippet in found.group(1).strip("\n").split("\n\n"):
        framework = re.search(r"# (Flask|Django|Starlette)$", snippet.splitlines()[0])
        assert framework, f"a handler of the README names no framework on its first line:\n{snippet}"
        handlers[framework.group(1)] = snippet
    assert sorted(handlers) == ["Django", "Flask", "Starlette"]
    return handlers


def run(snippet, **names):
    """The names the snippet defines, run with names (what the user has
    imported or made) and httpstatus."""
    namespace = {"__name__": "readme", "httpstatus": httpstatus, **names}
    exec(compile(snippet, str(README), "exec"), namespace)
    return namespace


def assert_problem(status, content_type, body):
    assert status == 404
    assert content_type == "application/problem+json"
    assert body == BODY


def test_the_readme_block_has_the_three_handlers():
    handlers = readme_handlers()
    assert all("httpstatus.problem(404" in source for source in handlers.values())


def test_flask():
    flask = pytest.importorskip("flask", reason="needs Flask (python3-flask)")
    app = flask.Flask(__name__)
    run(readme_handlers()["Flask"], app=app)
    r = app.test_client().get("/users/42")
    assert_problem(r.status_code, r.headers["Content-Type"], r.data)
    assert r.headers.getlist("Content-Type") == ["application/problem+json"]
    assert httpstatus.check(r, level="info") == []


def test_django():
    pytest.importorskip("django.http", reason="needs Django (python3-django) that imports on this Python")
    from django.http import HttpResponse

    view = run(readme_handlers()["Django"], HttpResponse=HttpResponse)["user_view"]
    django_setup({"users/<int:id>": view})
    from django.test import Client

    r = Client().get("/users/42")
    assert_problem(r.status_code, r["Content-Type"], r.content)
    assert httpstatus.check(r, level="info") == []


def test_starlette():
    pytest.importorskip("starlette", reason="needs Starlette (python3-starlette)")
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route
    from starlette.testclient import TestClient

    endpoint = run(readme_handlers()["Starlette"], Response=Response)["user_endpoint"]
    client = TestClient(Starlette(routes=[Route("/users/{id:int}", endpoint)]))
    r = client.get("/users/42")
    assert_problem(r.status_code, r.headers["content-type"], r.content)
    assert r.headers.get_list("content-type") == ["application/problem+json"]
    assert httpstatus.check(r, level="info") == []
