#!/usr/bin/env bash
# The Python suite on every CPython >= 3.10 this machine has: the extension is
# built for each one (a CMake build per interpreter, Python only) and
# tests/python runs against it, each against its own http.HTTPStatus. An
# interpreter that is absent, or has no pytest, is reported as skipped.
#   tests/python/test_versions.sh SOURCE_DIR BUILD_DIR
# Interpreters looked at: python3.10 .. python3.13 on PATH, and pyenv's.
set -uo pipefail
src=$1 out=$2
pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
passed=0 failed=0 skipped=0
for minor in 10 11 12 13; do
    python=""
    for candidate in "$pyenv_root"/versions/3.$minor.*/bin/python3.$minor "$(command -v python3.$minor)" "/usr/bin/python3.$minor"; do
        [ -x "$candidate" ] && { python=$candidate; break; }
    done
    if [ -z "$python" ]; then
        echo "SKIPPED 3.$minor: no interpreter found"; skipped=$((skipped + 1)); continue
    fi
    # Debian's pytest is pure Python: it serves any interpreter it supports.
    pythonpath=""
    "$python" -c 'import pytest' 2>/dev/null || pythonpath=/usr/lib/python3/dist-packages
    if ! PYTHONPATH=$pythonpath "$python" -c 'import pytest' 2>/dev/null; then
        echo "SKIPPED 3.$minor ($python): no pytest runs on it"; skipped=$((skipped + 1)); continue
    fi
    build="$out/python3.$minor"
    if ! { cmake -S "$src" -B "$build" -DHS_LUA=OFF -DBUILD_TESTING=OFF -DPython3_EXECUTABLE="$python" >/dev/null &&
           cmake --build "$build" --target httpstatus_python_types -j "$(nproc)" >/dev/null; }; then
        echo "FAILED 3.$minor ($python): the extension did not build"; failed=$((failed + 1)); continue
    fi
    # Debian's mypy is compiled for Debian's own python3: the .pyi tests run
    # where mypy itself runs.
    deselect=()
    PYTHONPATH=$pythonpath "$python" -m mypy --version >/dev/null 2>&1 || deselect=(-k "not mypy")
    # From the build directory, so that no other build's package is on sys.path.
    if (cd "$build/bindings/python" && PYTHONPATH="$build/bindings/python${pythonpath:+:$pythonpath}" "$python" -B -m pytest -p no:cacheprovider -q \
            -W ignore::DeprecationWarning "${deselect[@]}" "$src/tests/python") >"$build/pytest.log" 2>&1; then
        echo "PASSED 3.$minor ($python): $(tail -n 1 "$build/pytest.log")${deselect:+ (mypy tests left out: no mypy runs on it)}"; passed=$((passed + 1))
    else
        echo "FAILED 3.$minor ($python):"; tail -n 30 "$build/pytest.log"; failed=$((failed + 1))
    fi
done
echo "python versions: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
