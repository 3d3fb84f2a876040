#!/usr/bin/env bash
# The check has teeth: run_valgrind.sh must fail on broken.c, and report
# each of the three kinds of error it plants.
#   tests/valgrind/check_broken.sh BROKEN_EXECUTABLE
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$("$here/run_valgrind.sh" "$1" 2>&1)
status=$?
failures=0
if [ "$status" -eq 0 ]; then
    echo "FAIL: run_valgrind.sh passed a program with a leak, an invalid read and an uninitialised use"
    failures=1
fi
for report in 'Invalid read of size 1' 'depends on uninitialised value' 'definitely lost in loss record' \
    'FAIL: valgrind found errors'; do
    grep -q "$report" <<<"$out" || { echo "FAIL: no '$report' in the output"; failures=1; }
done
if [ "$failures" -ne 0 ]; then
    echo "== output"
    echo "$out"
    exit 1
fi
echo "ok: run_valgrind.sh fails on a leak, an invalid read and an uninitialised use"
