#!/usr/bin/env bash
# The pip route, offline: build a wheel from a clean copy of the source tree
# with setup.py (SWIG runs inside build_ext), check that it holds everything
# the package needs, install it into a directory and import it from there.
#   test_wheel.sh SOURCE_DIR PYTHON
set -euo pipefail
src=$1 python=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A clean copy: the files git knows or would add, or the tree without build
# output when this is no git checkout.
mkdir "$work/src"
if git -C "$src" rev-parse --show-toplevel >/dev/null 2>&1; then
    git -C "$src" ls-files -z --cached --others --exclude-standard |
        (cd "$src" && xargs -0 tar -cf - --) | tar -xf - -C "$work/src"
else
    tar -C "$src" --exclude='./build*' --exclude='./dist' -cf - . | tar -xf - -C "$work/src"
fi

export PIP_NO_INDEX=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore
"$python" -m pip wheel --no-build-isolation --no-deps -q -w "$work/dist" "$work/src"

wheel=$(ls "$work"/dist/httpstatus-*.whl)
echo "built $(basename "$wheel")"
"$python" - "$wheel" <<'EOF'
import fnmatch, sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
want = ["httpstatus/__init__.py", "httpstatus/__main__.py", "httpstatus/_core.py",
        "httpstatus/__core.*.so", "httpstatus/py.typed", "httpstatus/__init__.pyi",
        "httpstatus/_responses.py", "httpstatus/_middleware.py", "httpstatus/wsgi.py", "httpstatus/asgi.py",
        "httpstatus/wsgi.pyi", "httpstatus/asgi.pyi"]
missing = [w for w in want if not fnmatch.filter(names, w)]
if missing:
    sys.exit(f"wheel lacks {missing}; it holds {names}")
print("wheel holds", ", ".join(want))
EOF

"$python" -m pip install --no-deps -q --target "$work/site" "$wheel"
cd "$work"  # away from the source tree: only the installed package can be found
"$python" -I -c '
import sys
sys.path.insert(0, sys.argv[1])
import httpstatus
assert httpstatus.__file__.startswith(sys.argv[1]), httpstatus.__file__
assert httpstatus.get(404) is httpstatus.NOT_FOUND is httpstatus.Status(404)
assert httpstatus.get("unprocessable entity") is httpstatus.Status.UNPROCESSABLE_ENTITY
assert httpstatus.is_retryable(503) and not httpstatus.is_success(2**100)
assert [f.id for f in httpstatus.check(405, {"Date": "Sun, 06 Nov 1994 08:49:37 GMT"}, lang="ko")] == ["allow-missing"]
assert httpstatus.rules()[0].id == "status-invalid"
import httpstatus.asgi, httpstatus.wsgi
assert httpstatus.wsgi.__file__.startswith(sys.argv[1]) and httpstatus.asgi.__file__.startswith(sys.argv[1])
class Reply:
    status_code, headers = 405, {"Date": "Tue, 15 Apr 2025 10:00:00 GMT"}
assert [f.id for f in httpstatus.check(Reply())] == ["allow-missing"]
print("imported", httpstatus.__file__, "version", httpstatus.__version__)
' "$work/site"

# pip's metadata carries the licence and the project's facts.
PYTHONPATH="$work/site" "$python" -m pip show httpstatus >"$work/show.txt"
grep -qx 'License: MIT' "$work/show.txt" || { cat "$work/show.txt"; echo "FAIL: pip show has no MIT licence" >&2; exit 1; }
grep -qx 'Author: the httpstatus authors' "$work/show.txt" || { cat "$work/show.txt"; echo "FAIL: pip show has no author" >&2; exit 1; }
echo "pip show: License: MIT"

# The console script pip installed is the C tool compiled into the
# extension: the same output and exit status as the C tool itself.
script="$work/site/bin/httpstatus"
[ -x "$script" ] || { echo "FAIL: the wheel installs no httpstatus command ($script)" >&2; exit 1; }
if [ -n "${HTTPSTATUS_CLI:-}" ]; then
    for args in "404" "--json 4xx" "not found" "--common" "nonsense" "--lang ko 418" "--bogus" "--problem 404 --detail x --extension abc=true" "--problem 299"; do
        # shellcheck disable=SC2086 # word splitting of the argument list is meant
        want=$("$HTTPSTATUS_CLI" $args 2>&1; echo "exit $?")
        # shellcheck disable=SC2086
        got=$(PYTHONPATH="$work/site" "$script" $args 2>&1; echo "exit $?")
        [ "$got" = "$want" ] || { echo "FAIL: pip's httpstatus $args differs from the C tool" >&2; diff <(echo "$want") <(echo "$got") >&2; exit 1; }
    done
    echo "pip's httpstatus command prints what the C tool prints"
else
    PYTHONPATH="$work/site" "$script" 404 | grep '^404 Not Found$' >/dev/null # all of it read: grep -q would close the pipe early (EPIPE)
    echo "pip's httpstatus command runs (HTTPSTATUS_CLI unset: not compared with the C tool)"
fi

# The README's routes into a venv, offline: a plain venv (no system packages)
# installs the built wheel; one that sees Debian's packages builds from source.
if "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    "$python" -m venv "$work/venv"
    "$work/venv/bin/pip" install --no-deps -q "$wheel"
    "$work/venv/bin/python" -I -c 'import httpstatus; assert httpstatus.get("not found").code == 404'
    "$work/venv/bin/httpstatus" 404 | grep '^404 Not Found$' >/dev/null # all of it read: grep -q would close the pipe early (EPIPE)
    echo "a plain venv installs the wheel: import and the httpstatus command work"
    "$python" -m venv --system-site-packages "$work/venv-system"
    "$work/venv-system/bin/pip" install --no-build-isolation --no-deps -q "$work/src"
    (cd "$work" && "$work/venv-system/bin/python" -I -c 'import httpstatus, sys; assert httpstatus.__file__.startswith(sys.prefix), httpstatus.__file__')
    echo "a venv with --system-site-packages builds and installs from source"
else
    echo "venv: skipped ($python has no venv/ensurepip: apt install python3-venv)"
fi
