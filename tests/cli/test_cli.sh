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
    if ! "$tool" --json "$@" 2>/dev/null | python3 -c '
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

# --json holds every field and predicate of core/httpstatus_surface.def, in
# the list's order, each of its kind; a line added there fails this test until
# the tool shows it.
surface=$(dirname "$0")/../../core/httpstatus_surface.def
checks=$((checks + 1))
if ! "$tool" --json 404 | python3 -c '
import json, re, sys
text = open(sys.argv[1]).read()
fields = re.findall(r"^HS_FIELD\((\w+), (\w+),", text, re.M)
predicates = re.findall(r"^HS_PREDICATE\((\w+),", text, re.M)
assert len(fields) >= 12 and len(predicates) >= 14, (fields, predicates)
want = [name for name, _ in fields] + predicates
(s,) = json.load(sys.stdin)
assert list(s) == want, (list(s), want)
kinds = {"INTEGER": int, "BOOLEAN": bool, "STRING": str, "STRINGS": list}
for name, kind in fields:
    assert type(s[name]) is kinds[kind], (name, kind, s[name])
for name in predicates:
    assert type(s[name]) is bool, name
assert s["usage"] == "common" and s["status_line"] == "404 Not Found", s
assert s["rules"] == [] and s["aliases"] == [], s
assert s["is_client_error"] and s["is_error"] and not s["is_success"], s
' "$surface"; then
    echo "FAIL: --json 404 does not hold every field of $surface"; failures=$((failures + 1))
fi
checks=$((checks + 1))
[ "$("$tool" --json --lang ko 404 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["description"])')" \
  = "$("$tool" --lang ko 404 | sed -n 's/^  description  //p')" ] \
    || { echo "FAIL: --json --lang ko 404: the description is not the Korean one"; failures=$((failures + 1)); }

# expect_codes WANT ARGS... : the exit status aside, stdout's status lines are
# exactly the codes of WANT (space-separated, in order).
expect_codes() {
    local want=$1; shift
    local got
    got=$("$tool" "$@" 2>/dev/null | grep -Eo '^[0-9]{3} ' | tr -d ' ' | tr '\n' ' ' | sed 's/ $//')
    checks=$((checks + 1))
    if [ "$got" != "$want" ]; then
        echo "FAIL: httpstatus $*: printed '$got', want '$want'"; failures=$((failures + 1))
    fi
}

# The detail view: every non-predicate field, empty lists left out, the
# predicates true for the status, the description last.
expect 0 '^  usage        common$' 404
expect 0 '^  usage        rare$' 306
expect 0 '^  true         is_valid, is_known, is_official, is_client_error, is_error, is_cacheable$' 404
expect 0 '^  origin       nginx \(unofficial\)$' 499
expect 0 '^  aliases      REQUEST_ENTITY_TOO_LARGE, PAYLOAD_TOO_LARGE$' 413
expect 0 '^  true         .*preserves_method' 308
checks=$((checks + 1))
detail=$("$tool" 404)
if grep -Eq '^  (aliases|rules|code|phrase|status_line|official) ' <<<"$detail" \
   || [ "$(tail -n 1 <<<"$detail" | cut -c1-14)" != "  description " ] \
   || [ "$(wc -l <<<"$detail")" != 8 ]; then
    echo "FAIL: httpstatus 404: the detail view is not the one expected"; echo "$detail"
    failures=$((failures + 1))
fi

# The list view: official rows as they were, unofficial ones with their origin.
expect 0 '^408 Request Timeout  \(REQUEST_TIMEOUT\)$' timeout
expect 0 '^520 Web Server Returned an Unknown Error  \(WEB_SERVER_RETURNED_AN_UNKNOWN_ERROR, Cloudflare\)$' cloudflare
expect_codes "520 521 522 523 524 525 526 527 530" cloudflare
expect 0 '^499 Client Closed Request  \(CLIENT_CLOSED_REQUEST, nginx\)$' 499 404

# --common: alone, the ten common codes; with queries, their common matches.
common="200 201 204 301 304 401 403 404 405 503"
expect 0 '^404 Not Found  \(NOT_FOUND\)$' --common
expect_codes "$common" --common
expect_codes "$common" --common --lang ko
expect_codes "401 403 404 405" --common 4xx
expect_codes "404" --common not found
expect 0 '^  usage        common$' --common 404
expect 1 "nothing common matches '418'" --common 418
expect 1 "nothing common matches 'payment required'" --common payment required
expect 1 "nothing common matches '418'" --common 4xx 418
expect 2 'no query' --json
json_check 10 --common
json_check 4 --common 4xx
checks=$((checks + 1))
[ "$("$tool" --json --common | python3 -c 'import json,sys; print(" ".join(str(s["code"]) for s in json.load(sys.stdin) if s["usage"] == "common"))')" = "$common" ] \
    || { echo "FAIL: --json --common is not the ten common codes"; failures=$((failures + 1)); }

# Unquoted words are first one phrase; each status prints once.
expect 0 '^404 Not Found$' not found
expect_codes "404" not found
expect_codes "429" too many requests
expect 0 '^  name         TOO_MANY_REQUESTS$' too many requests
expect_codes "504" gateway time-out
expect_codes "418" "I'm" a teapot
expect_codes "505" http version not supported
expect_codes "404" -- not found
expect_codes "404" --lang ko not found
json_check 1 not found
expect 1 "nothing matches 'nonsense'" not found nonsense
expect_codes "404" 404 404
expect_codes "404" not_found 404 "Not Found"
expect_codes "404 405" 404 405 404
expect_codes "200 404" 200 404
json_check 2 404 200 404
# A query whose matches were all printed before still found something.
expect_codes "$("$tool" 4xx | grep -Eo '^[0-9]{3}' | tr '\n' ' ' | sed 's/ $//')" 4xx 404
expect 0 '' 4xx 404
# Words joined past hs_find's 128 bytes are queries one by one.
# shellcheck disable=SC2046
expect 0 '' $(printf 'a %.0s' $(seq 300))
# At hs_find's limit and one past it (128 and 129 bytes joined).
expect 1 "nothing matches 'x{124}'" not "$(printf 'x%.0s' $(seq 124))"
expect 1 "nothing matches 'x{125}'" not "$(printf 'x%.0s' $(seq 125))"

# No limit on the number of queries: every code once, and 1 for the unknown ones.
known=$("$tool" 1xx 2xx 3xx 4xx 5xx | grep -Eo '^[0-9]{3}' | tr '\n' ' ' | sed 's/ $//')
# shellcheck disable=SC2046
expect_codes "$known" $(seq 100 599)
# shellcheck disable=SC2046
expect 1 "nothing matches '599'|nothing matches '299'" $(seq 100 599)
# shellcheck disable=SC2046
expect_codes "$known" $(seq 599 -1 100 | sort -n) $(seq 100 599)
# shellcheck disable=SC2046
json_check "$(wc -w <<<"$known")" $(seq 100 599)
# shellcheck disable=SC2046
expect 0 '' $("$tool" 1xx 2xx 3xx 4xx 5xx | grep -Eo '^[0-9]{3}')
expect 1 "nothing matches '0404'" 0404
expect 1 "nothing matches '40'" 40

# The bash completion knows every option.
# expect_completion WANT WORD... : completing the last WORD offers WANT.
expect_completion() {
    local want=$1 got; shift
    got=$(bash -c '. "$1"; shift; COMP_WORDS=(httpstatus "$@"); COMP_CWORD=$#; _httpstatus; echo "${COMPREPLY[*]}"' \
          _ "$(dirname "$0")/../../cli/httpstatus.bash" "$@")
    checks=$((checks + 1))
    if [ "$got" != "$want" ]; then
        echo "FAIL: completing '$*' offered '$got', want '$want'"; failures=$((failures + 1))
    fi
}
expect_completion --common --co
expect_completion --json --js
expect_completion "en ko" --lang ""
expect_completion 4xx 4
expect_completion "" -- --co

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
for args in --help --version 404 "--json 404" --common "--json --common" "not found" "$known"; do
    # shellcheck disable=SC2086
    write_fails full "No space left on device" $args
    # shellcheck disable=SC2086
    write_fails closed "Bad file descriptor" $args
done
write_fails pipe "Broken pipe" --json 1xx 2xx 3xx 4xx 5xx

echo "test_cli: $checks checks, $failures failed"
[ "$failures" = 0 ]
