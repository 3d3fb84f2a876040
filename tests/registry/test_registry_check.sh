#!/usr/bin/env bash
# scripts/registry-check against the pinned registry and altered copies of it.
# usage: test_registry_check.sh SOURCE_DIR
set -u
src=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
check="python3 $src/scripts/registry-check"
pinned=$src/tests/registry/http-status-codes.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect RC PATTERN LABEL FILE [ARGS...]: exit code RC and PATTERN in the output
expect() {
    local rc=$1 pattern=$2 label=$3
    shift 3
    local out got
    out=$($check "$@" 2>&1)
    got=$?
    if [ "$got" -ne "$rc" ] || ! grep -q -- "$pattern" <<<"$out"; then
        echo "FAIL: $label: exit $got (want $rc), output lacks '$pattern':"
        echo "$out"
        failures=$((failures + 1))
    else
        echo "ok: $label"
    fi
}

expect 0 'WARNING: 104' "pinned copy, 104 expired" "$pinned" --today 2026-12-01
out=$($check "$pinned" --today 2026-01-01 2>&1)
[ $? -eq 0 ] && [ -z "$out" ] || { echo "FAIL: pinned copy before expiry not silent: $out"; failures=$((failures + 1)); }

sed 's|<description>Not Found</description>|<description>Not There</description>|' "$pinned" >"$tmp/phrase.xml"
expect 1 '404: phrase' "phrase changed" "$tmp/phrase.xml" --today 2026-01-01

sed 's|<value>427</value>|<value>427</value><description>Hypothetical</description>|; /<value>427<\/value>/{n;d}' "$pinned" >"$tmp/added.xml"
expect 1 '427: in the registry' "code added" "$tmp/added.xml" --today 2026-01-01

python3 - "$pinned" "$tmp/removed.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s, n = re.subn(r"\s*<record[^>]*>\s*<value>423</value>.*?</record>", "", s, count=1, flags=re.S)
assert n == 1
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
expect 1 '423: OFFICIAL in the table but not in the registry' "code removed" "$tmp/removed.xml" --today 2026-01-01

sed 's|RFC9110, Section 15.5.5<|RFC9110, Section 15.5.6<|' "$pinned" >"$tmp/reference.xml"
expect 1 '404: reference' "reference changed" "$tmp/reference.xml" --today 2026-01-01

sed 's|id="http-status-codes"|id="media-types"|' "$pinned" >"$tmp/other.xml"
expect 2 'not the IANA' "another registry" "$tmp/other.xml"
echo "not xml" >"$tmp/plain.txt"
expect 2 'not XML' "not XML" "$tmp/plain.txt"

[ "$failures" -eq 0 ] && echo "registry-check: all passed" || echo "registry-check: $failures failed"
exit $((failures != 0))
