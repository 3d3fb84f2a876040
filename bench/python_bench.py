"""Speed of the Python package against the standard library, measured in one run.

    PYTHONPATH=build-py/bindings/python /usr/bin/python3 bench/python_bench.py [--tsv] [--repeat N] [--only web]

Each figure is the median of N runs (default 15) of the operation and its
baseline, taken in turns so that a busy machine slows both alike. Calls are
timed with timeit (each run long enough to take about 50 ms); imports are
timed with `python -X importtime` in a fresh interpreter per run, after
warm-up runs so both modules load from compiled bytecode, and the figure is
the cumulative import time of the module (its own imports, such as enum,
included for both).

The web figures time requests to a Flask application through Werkzeug's test
client, and to a Starlette application through its TestClient, with the
check middleware and without it (the target, at least 90% of the requests per
second, is a time per request of at most 1/0.9 of it), and check() of a
requests.Response against the hand-written check of its status, fields and
method. A library that is not installed leaves its figure out (said on
stderr).
"""

import argparse
import contextlib
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import timeit

import http

import httpstatus

GROUP = "python"

# (operation, baseline, target ratio): the statements timeit runs.
CALLS = [
    ("httpstatus.get(404)", "http.HTTPStatus(404)", 0.2),
    ("httpstatus.NOT_FOUND.phrase", "http.HTTPStatus.NOT_FOUND.phrase", 0.5),
    ("httpstatus.is_success(x)", "200 <= x < 300", 2.0),
    # Every response rule against the least a hand-written check of one rule
    # must do: fold the names' case and look for Date.
    ("httpstatus.check(200, headers)", '"date" in {k.lower() for k in headers}', 2.0),
]
# A realistic 10-field response of an origin server behind nginx, Date included.
HEADERS = {
    "Date": "Tue, 15 Apr 2025 10:00:00 GMT",
    "Server": "nginx/1.24.0",
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": "5120",
    "Connection": "keep-alive",
    "Cache-Control": "max-age=600",
    "ETag": '"5f3c-1a2b"',
    "Last-Modified": "Mon, 14 Apr 2025 08:00:00 GMT",
    "Vary": "Accept-Encoding",
    "Strict-Transport-Security": "max-age=31536000",
}
NAMES = {"httpstatus": httpstatus, "http": http, "x": 404, "headers": HEADERS}
IMPORTS = [("import httpstatus", "import http", 1.5)]
# (operation, statement, baseline, statement, target ratio), with the
# statements' names made by web_names().
WEB = [
    ("Flask + wsgi.CheckMiddleware: ns/request", "flask_checked.get('/items/7')",
     "Flask alone", "flask_plain.get('/items/7')", 1.111),  # >= 90% of the requests/s
    ("Starlette + asgi.CheckMiddleware: ns/request", "starlette_checked.get('/items/7')",
     "Starlette alone", "starlette_plain.get('/items/7')", 1.111),
    ("httpstatus.check(r), r a requests.Response", "httpstatus.check(r)",
     "check(r.status_code, r.headers, method=r.request.method)",
     "httpstatus.check(r.status_code, r.headers, method=r.request.method)", 2.0),
]


def time_call(stmt, number, names=NAMES):
    timer = timeit.Timer(stmt, globals=names)
    return timer.timeit(number) / number * 1e9


def bench_call(stmt, baseline, repeat, names=NAMES, least=1000):
    # Calibrate the loop count on the slower baseline so a run takes ~50 ms.
    number, _ = timeit.Timer(baseline, globals=names).autorange()
    number = max(least, number * 250 // 1000)
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(time_call(stmt, number, names))
        theirs.append(time_call(baseline, number, names))
    return statistics.median(ours), statistics.median(theirs)


def flask_client(checked):
    """Werkzeug's test client of a small Flask application, behind the
    WSGI middleware or not."""
    import flask
    from httpstatus.wsgi import CheckMiddleware

    app = flask.Flask("bench")

    @app.route("/items/<int:number>")
    def item(number):
        return {"id": number, "name": "an item"}, 200, {"Cache-Control": "max-age=60", "ETag": f'"{number}"'}

    if checked:
        app.wsgi_app = CheckMiddleware(app.wsgi_app)
    return app.test_client()


def starlette_client(checked):
    """Starlette's TestClient (entered: one event loop for all requests) of
    the same application in Starlette, behind the ASGI middleware or not."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient
    from httpstatus.asgi import CheckMiddleware

    async def item(request):
        number = request.path_params["number"]
        return JSONResponse({"id": number, "name": "an item"},
                            headers={"Cache-Control": "max-age=60", "ETag": f'"{number}"'})

    app = Starlette(routes=[Route("/items/{number:int}", item)])
    return TestClient(CheckMiddleware(app) if checked else app)


class _Origin(http.server.BaseHTTPRequestHandler):
    """The origin server of the requests.Response: HEADERS and 5120 bytes."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response_only(200)
        for name, value in HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(b"x" * 5120)

    def log_message(self, *args):
        pass


def requests_response():
    """A requests.Response of a real exchange with a server on 127.0.0.1."""
    import requests

    server = http.server.HTTPServer(("127.0.0.1", 0), _Origin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with requests.Session() as session:
            return session.get(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def web_names(needed):
    """The names the web statements use (a Starlette TestClient entered, so
    that one event loop serves every request), or None when the library
    the figure needs is not installed."""
    try:
        if needed == "flask":
            names = {"flask_checked": flask_client(True), "flask_plain": flask_client(False)}
        elif needed == "starlette":
            names = {"starlette_checked": starlette_client(True), "starlette_plain": starlette_client(False)}
        else:
            names = {"r": requests_response()}
    except ImportError as error:
        print(f"python_bench.py: the {needed} figure is left out: {error}", file=sys.stderr)
        yield None
        return
    with contextlib.ExitStack() as stack:
        if needed == "starlette":
            for client in names.values():
                stack.enter_context(client)
        yield {"httpstatus": httpstatus, **names}


def bench_web(repeat):
    rows = []
    for (operation, stmt, baseline, baseline_stmt, target), needed in zip(WEB, ("flask", "starlette", "requests")):
        with web_names(needed) as names:
            if names is not None:
                # whole requests take 0.1-1 ms: at least 100 per run
                rows.append((operation, baseline, *bench_call(stmt, baseline_stmt, repeat, names, least=100), target))
    return rows


def import_ns(module, env):
    """Cumulative import time of module in a fresh interpreter, in ns."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                            env=env, capture_output=True, text=True, check=True)
    for line in result.stderr.splitlines():
        fields = [f.strip() for f in line.split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1]) * 1000
    raise RuntimeError(f"no import time for {module} in:\n{result.stderr}")


def bench_import(stmt, baseline, repeat):
    ours_module, their_module = stmt.split()[1], baseline.split()[1]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache  # bytecode for both, written outside the package
        env["PYTHONPATH"] = os.path.dirname(os.path.dirname(httpstatus.__file__))
        for _ in range(3):
            import_ns(ours_module, env)
            import_ns(their_module, env)
        ours, theirs = [], []
        for _ in range(repeat):
            ours.append(import_ns(ours_module, env))
            theirs.append(import_ns(their_module, env))
    return statistics.median(ours), statistics.median(theirs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", action="store_true", help="one tab-separated line per operation")
    parser.add_argument("--repeat", type=int, default=15, help="runs per figure (default 15)")
    parser.add_argument("--only", choices=["calls", "imports", "web"], help="one kind of figure only")
    args = parser.parse_args()

    rows = []
    if args.only in (None, "calls"):
        for stmt, baseline, target in CALLS:
            rows.append((stmt, baseline, *bench_call(stmt, baseline, args.repeat), target))
    if args.only in (None, "imports"):
        for stmt, baseline, target in IMPORTS:
            rows.append((stmt, baseline, *bench_import(stmt, baseline, args.repeat), target))
    if args.only in (None, "web"):
        rows += bench_web(args.repeat)

    missed = False
    if not args.tsv:
        print(f"httpstatus {httpstatus.__version__} from {os.path.dirname(httpstatus.__file__)}")
        print(f"Python {sys.version.split()[0]}, median of {args.repeat} runs\n")
        print(f"{'operation':30} {'baseline':40} {'ns/op':>10} {'base ns/op':>10} {'ratio':>6} {'target':>6}")
    for stmt, baseline, ours, theirs, target in rows:
        ratio = ours / theirs
        ok = "ok" if ratio <= target else "MISS"
        missed |= ok == "MISS"
        if args.tsv:
            print(f"{GROUP}\t{stmt}\t{baseline}\t{ours:.1f}\t{theirs:.1f}\t{ratio:.3f}\t{target}\t{ok}")
        else:
            print(f"{stmt:30} {baseline:40} {ours:10.1f} {theirs:10.1f} {ratio:6.2f} {target:6.2f}  {ok}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
