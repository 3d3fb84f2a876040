#!/usr/bin/env bash
# Runs a command under valgrind's memcheck and fails when valgrind finds an
# invalid read or write, a use of an uninitialised value, an invalid free or
# a block "definitely lost" at exit, or when the command itself fails.
#
#   tests/valgrind/run_valgrind.sh COMMAND [ARG...]
#
# Only definite leaks count: interpreters keep their static type objects and
# interned strings to the end, which memcheck calls "still reachable" or
# "possibly lost". What belongs to an interpreter or to SWIG's runtime, and
# not to httpstatus, is suppressed in interpreters.supp next to this script,
# with a reason for each entry. VALGRIND_EXTRA adds options, such as
# --gen-suppressions=all to print a suppression for each report.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind not found (scripts/deps test)" >&2; exit 2; }

log=$(mktemp "${TMPDIR:-/tmp}/httpstatus-valgrind.XXXXXX")
trap 'rm -f "$log"' EXIT
error_status=99 # what valgrind exits with when it found an error

status=0
# shellcheck disable=SC2086 # VALGRIND_EXTRA is a list of options
valgrind --tool=memcheck --error-exitcode=$error_status \
    --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --track-origins=yes --num-callers=40 \
    --suppressions="$here/interpreters.supp" --log-file="$log" \
    ${VALGRIND_EXTRA:-} "$@" || status=$?

# Both summaries must be there: a run that never reached its end (killed, or
# valgrind itself failing to start) proves nothing.
summary=$(grep -E 'ERROR SUMMARY|definitely lost:|All heap blocks were freed|no leaks are possible' "$log" || true)
if [ "$status" -eq 0 ] && grep -q 'ERROR SUMMARY: 0 errors' "$log" &&
    grep -qE 'definitely lost: 0 bytes|All heap blocks were freed|no leaks are possible' "$log"; then
    echo "valgrind: clean: $*"
    sed 's/^==[0-9]*== */  /' <<<"$summary"
    exit 0
fi

echo "== valgrind log"
cat "$log"
if [ "$status" -eq "$error_status" ]; then
    echo "FAIL: valgrind found errors in: $*"
elif [ "$status" -ne 0 ]; then
    echo "FAIL: exit status $status from: $*"
else
    echo "FAIL: valgrind's log has no clean summary for: $*"
fi
exit 1
