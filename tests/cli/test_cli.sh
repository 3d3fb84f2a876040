#!/usr/bin/env bash
# The httpstatus command: output, exit codes (0 found, 1 nothing, 2 usage)
# and valid JSON. Usage: test_cli.sh path/to/httpstatus
set -u
tool=$1
failures=0 checks=0

# expect WANT_STATUS PATTERN ARGS... : the exit status, and stdout+stderr
# matching an extended regex (or "" for anything).
expect() {
    local want=$1 pattern=$2; shift 2
    local out status
    out=$("$tool" "$@" 2>&1); status=$?
    checks=$((checks + 1))
    if [ "$status" != "$want" ]; then
        echo "FAIL: httpstatus $* exited $status, want $want"; echo "$out" | head -5
        failures=$((failures + 1))
    elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" <<<"$out"; then
        echo "FAIL: httpstatus $*: output does not match /$pattern/"; echo "$out" | head -5
        failures=$((failures + 1))
    fi
}

expect 0 '^404 Not Found$' 404
expect 0 'reference +RFC 9110, Section 15\.5\.5' 404
expect 0 '^404 Not Found$' not_found
expect 0 '^404 Not Found$' "Not Found"
expect 0 '^413 Content Too Large$' REQUEST_ENTITY_TOO_LARGE
expect 0 'aliases +.*REQUEST_ENTITY_TOO_LARGE' 413
expect 0 '^418 ' teapot
expect 0 '^451 Unavailable For Legal Reasons' 4xx
expect 0 '^599 ' 5XX
expect 0 '^100 Continue' 1xx
expect 0 '설명|니다' --lang ko 404
expect 0 '니다' --lang=ko 404
expect 0 '^408 .*\n?' timeout
expect 0 '^200 OK' 200 404
expect 0 'usage: httpstatus' --help
expect 0 '^httpstatus [0-9]+\.[0-9]+\.[0-9]+$' --version
expect 0 '^503 ' -- 503
expect 1 "nothing matches 'nonsense'" nonsense
expect 1 "nothing matches '299'" 299
expect 1 "nothing matches '6xx'" 6xx
expect 1 "nothing matches" 404 nonsense
expect 1 "nothing matches ''" ""
expect 2 'no query' 
expect 2 'unknown option: --bogus' --bogus 404
expect 2 'unknown language' --lang fr 404
expect 2 'needs a language' 404 --lang
expect 2 'unknown option' -x

# 4xx lists every known client error and nothing else.
lines=$("$tool" 4xx | grep -Evc '^4[0-9][0-9] ')
checks=$((checks + 1))
[ "$lines" = 0 ] || { echo "FAIL: 4xx printed a line that is not a 4xx status"; failures=$((failures + 1)); }

# --json is valid JSON, one object per status, with the fields users read.
json_check() {
    local want=$1; shift
    checks=$((checks + 1))
    if ! "$tool" --json "$@" | python3 -c '
import json, sys
want = int(sys.argv[1])
data = json.load(sys.stdin)
assert isinstance(data, list) and len(data) == want, (len(data), want)
for s in data:
    assert set(s) >= {"code", "name", "aliases", "phrase", "description", "category",
                      "official", "origin", "reference"}, s
    assert isinstance(s["official"], bool) and isinstance(s["code"], int)
' "$want"; then
        echo "FAIL: httpstatus --json $* is not the JSON expected"; failures=$((failures + 1))
    fi
}
json_check 1 404
json_check 1 --lang ko 418
json_check 2 200 404
json_check 0 nonsense
[ "$("$tool" --json 422 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["aliases"])')" = "['UNPROCESSABLE_ENTITY']" ] \
    || { echo "FAIL: --json 422 aliases"; failures=$((failures + 1)); }
checks=$((checks + 1))

# No claimed success without the output: a full disk, a closed stdout, and a
# closed pipe with SIGPIPE ignored are exit 2 with one line naming stdout.
write_fails() {
    local how=$1 message=$2; shift 2
    local err status
    case $how in
        full) err=$("$tool" "$@" 2>&1 >/dev/full); status=$? ;;
        closed) err=$("$tool" "$@" 2>&1 >&-); status=$? ;;
        pipe) # a pipe whose reader is gone before the tool starts
              err=$(python3 - "$tool" "$@" <<'PY'
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE,
                   preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
sys.stdout.write(p.stderr.decode().rstrip("\n"))
sys.exit(p.returncode)
PY
              ); status=$? ;;
    esac
    checks=$((checks + 1))
    if [ "$status" != 2 ] || [ "$err" != "httpstatus: stdout: $message" ]; then
        echo "FAIL: httpstatus $* to a $how stdout: exit $status, said '$err'"
        failures=$((failures + 1))
    fi
}
for args in --help --version 404 "--json 404"; do
    # shellcheck disable=SC2086
    write_fails full "No space left on device" $args
    # shellcheck disable=SC2086
    write_fails closed "Bad file descriptor" $args
done
write_fails pipe "Broken pipe" --json 1xx 2xx 3xx 4xx 5xx

echo "test_cli: $checks checks, $failures failed"
[ "$failures" = 0 ]
