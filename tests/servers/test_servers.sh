#!/usr/bin/env bash
# No false finding on real servers: every response of tests/servers/fixtures/
# (captured from nginx, Apache, lighttpd and Python's http.server by
# capture.py) through `httpstatus --check --method M` and through the C API
# (check_fixture), each giving exactly the findings expected.txt lists for it.
# With --live, nginx and http.server are captured again now, into a
# temporary directory, and their responses must give the same findings.
#   tests/servers/test_servers.sh TOOL CHECK_FIXTURE [--live]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tool=$1 check_fixture=$2 live=${3:-}
checks=0 failures=0
out=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# check DIR FIXTURE METHOD WANT: both readers of DIR/FIXTURE.http give WANT
# (CODE:ID words joined by commas, or "-").
check() {
    local file=$1/$2.http method=$3 want=$4 got status
    checks=$((checks + 1))
    [ -f "$file" ] || { fail "$2: no fixture $file"; return; }
    "$tool" --check --method "$method" "$file" > "$out"
    status=$?
    got=$(awk '{ sub(/:$/, "", $3); printf "%s%s:%s", (NR > 1 ? "," : ""), $1, $3 }' "$out")
    [ -n "$got" ] || got=-
    [ "$got" = "$want" ] || fail "$2: httpstatus --check --method $method: '$got', want '$want'"
    case $status in 0 | 1) ;; *) fail "$2: httpstatus --check exited $status" ;; esac
    got=$("$check_fixture" "$method" "$file" | tr ' ' ',') || fail "$2: check_fixture failed"
    [ -n "$got" ] || got=-
    [ "$got" = "$want" ] || fail "$2: the C API: '$got', want '$want'"
}

# The expectations: FIXTURE METHOD FINDINGS REASON..., comments and blank
# lines skipped. Every one names a reason for its findings.
names=() methods=() wants=()
while read -r name method want reason; do
    case $name in '' | '#'*) continue ;; esac
    [ -n "$reason" ] || fail "expected.txt: $name gives no reason"
    names+=("$name") methods+=("$method") wants+=("$want")
done < "$here/expected.txt"
[ "${#names[@]}" -ge 40 ] || fail "expected.txt lists ${#names[@]} fixtures"

for i in "${!names[@]}"; do
    check "$here/fixtures" "${names[$i]}" "${methods[$i]}" "${wants[$i]}"
done
# every fixture is listed
for file in "$here"/fixtures/*.http; do
    name=$(basename "$file" .http)
    checks=$((checks + 1))
    printf '%s\n' "${names[@]}" | grep -qxF "$name" || fail "$name.http is not in expected.txt"
done

if [ "$live" = --live ]; then
    if python3 "$here/capture.py" "$work" nginx python 2>"$work/capture.log"; then
        live_count=0
        for i in "${!names[@]}"; do
            case ${names[$i]} in
                nginx-* | python-*) check "$work" "${names[$i]}" "${methods[$i]}" "${wants[$i]}"; live_count=$((live_count + 1)) ;;
            esac
        done
        echo "test_servers: $live_count responses captured live from nginx and http.server"
    else
        fail "capture.py nginx python: $(cat "$work/capture.log")"
    fi
fi

echo "test_servers: $checks checks, $failures failed"
[ "$failures" = 0 ]
