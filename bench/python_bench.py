"""Speed of the Python package against the standard library, measured in one run.

    PYTHONPATH=build-py/bindings/python /usr/bin/python3 bench/python_bench.py [--tsv] [--repeat N]

Each figure is the median of N runs (default 15) of the operation and its
baseline, taken in turns so that a busy machine slows both alike. Calls are
timed with timeit (each run long enough to take about 50 ms); imports are
timed with `python -X importtime` in a fresh interpreter per run, after
warm-up runs so both modules load from compiled bytecode, and the figure is
the cumulative import time of the module (its own imports, such as enum,
included for both).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
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


def time_call(stmt, number):
    timer = timeit.Timer(stmt, globals=NAMES)
    return timer.timeit(number) / number * 1e9


def bench_call(stmt, baseline, repeat):
    # Calibrate the loop count on the slower baseline so a run takes ~50 ms.
    number, _ = timeit.Timer(baseline, globals=NAMES).autorange()
    number = max(1000, number * 250 // 1000)
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(time_call(stmt, number))
        theirs.append(time_call(baseline, number))
    return statistics.median(ours), statistics.median(theirs)


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
    args = parser.parse_args()

    rows = []
    for stmt, baseline, target in CALLS:
        rows.append((stmt, baseline, *bench_call(stmt, baseline, args.repeat), target))
    for stmt, baseline, target in IMPORTS:
        rows.append((stmt, baseline, *bench_import(stmt, baseline, args.repeat), target))

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
