#!/usr/bin/env bash
# httpstatus --problem: the exact bytes of the body (what hs_problem_json
# writes, then a newline), each refusal as one line on stderr with exit 2;
# and --check reading problem+json contents as curl -si prints them.
# Usage: test_cli_problem.sh path/to/httpstatus
set -u
tool=$1
failures=0 checks=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# body WANT ARGS... : httpstatus --problem ARGS prints exactly WANT (printf
# %b escapes) and a newline, nothing on stderr, exit 0; and what it prints
# parses as one JSON object (Python's json, strict) that writes back the
# same bytes with the same member order.
body() {
    body_of "$1" --problem "${@:2}"
}
# body_of WANT ARGS... : the same, with the whole command line given.
body_of() {
    local want=$1; shift
    checks=$((checks + 1))
    printf '%b\n' "$want" > "$work/want"
    "$tool" "$@" > "$work/got" 2> "$work/err"; local status=$?
    if [ "$status" != 0 ] || [ -s "$work/err" ] || ! cmp -s "$work/want" "$work/got"; then
        fail "httpstatus $(printf '%q ' "$@")exited $status: $(head -c 300 "$work/got") $(head -c 300 "$work/err")"
        printf '  want: '; head -c 300 "$work/want"
        return
    fi
    /usr/bin/python3 - "$work/got" <<'EOF' || fail "httpstatus $(printf '%q ' "$@"): Python reads it otherwise"
import json, sys
def members(pairs):
    assert len({k for k, _ in pairs}) == len(pairs), ("a key twice", pairs)
    return dict(pairs)
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\n") and b"\n" not in raw[:-1], raw
doc = json.loads(raw, object_pairs_hook=members)
assert isinstance(doc, dict), doc
again = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
# Python escapes controls as \u00xx and the short forms alike; DEL and
# non-ASCII pass as they are: the same bytes when the key order is kept.
assert again == raw[:-1], (again, raw)
EOF
}

# refused WANT_STDERR ARGS... : exit 2, nothing on stdout, exactly the line
# WANT_STDERR (a usage error also its "Try" line).
refused() {
    local want=$1; shift
    checks=$((checks + 1))
    "$tool" "$@" > "$work/got" 2> "$work/err"; local status=$?
    if [ "$status" != 2 ] || [ -s "$work/got" ] || [ "$(cat "$work/err")" != "$want" ]; then
        fail "httpstatus $(printf '%q ' "$@")exited $status, stdout '$(head -c 200 "$work/got")', stderr '$(cat "$work/err")'; want '$want'"
    fi
}
usage() {
    refused "$1"$'\n'"Try 'httpstatus --help'." "${@:2}"
}

# ---- the bytes ---------------------------------------------------------------

body '{"title":"Not Found","status":404}' 404
body '{"title":"Not Found","status":404,"detail":"No user 42"}' 404 --detail "No user 42"
body_of '{"title":"Not Found","status":404,"detail":"No user 42"}' --detail="No user 42" --problem=404
body '{"title":"I'"'"'m a Teapot","status":418}' 418
body '{"title":"Client Closed Request","status":499}' 499
body '{"title":"Bad Gateway","status":502}' 502
# Every member, in the order type, title, status, detail, instance; the
# empty string is given; about:blank is written when given.
body '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"","instance":"/account/12345/msgs/abc"}' \
    403 --instance /account/12345/msgs/abc --detail "" --title "You do not have enough credit." \
    --type https://example.com/probs/out-of-credit
body '{"type":"about:blank","title":"Not Found","status":404}' 404 --type about:blank
# A code the table does not hold, with its title.
body '{"title":"Custom","status":299}' 299 --title Custom
body '{"title":"","status":599}' 599 --title ""
# Quotes and backslashes escaped; '/' as it is.
body '{"title":"Not Found","status":404,"detail":"say \\"hi\\" \\\\ C:\\\\dir a/b </script>"}' \
    404 --detail 'say "hi" \ C:\dir a/b </script>'
# Controls: the short forms, \u00xx (lowercase) for the others; DEL as it is.
body '{"title":"Not Found","status":404,"detail":"\\b\\f\\n\\r\\t \\u0001\\u001f\\u000b\x7f"}' \
    404 --detail $'\b\f\n\r\t \x01\x1f\x0b\x7f'
# Non-ASCII as it is, U+2028 and U+2029 too.
body '{"title":"Not Found","status":404,"detail":"é 한국어 😀 \xe2\x80\xa8\xe2\x80\xa9"}' \
    404 --detail $'é 한국어 😀 \u2028\u2029'
body '{"title":"찾을 수 없음","status":404,"instance":"/사용자/42"}' 404 --title "찾을 수 없음" --instance /사용자/42

# ---- extensions: every type, canonicalised, sorted by name -------------------

body '{"title":"Forbidden","status":403,"accounts":["/account/12345","/account/67890"],"balance":30,"disabled":false,"enabled":true,"nothing":null,"zero":0}' \
    403 --extension 'zero=-0' --extension enabled=true --extension disabled=false --extension nothing=null \
    --extension balance=30 --extension 'accounts=[ "/account/12345" , "/account/67890" ]'
# Strings: escapes read and written canonically (\u00e9 is é, \/ is /,
# \u001F lowercase), integers at the limits.
body '{"title":"Not Found","status":404,"big":9007199254740991,"small":-9007199254740991,"text":"é/\\u001f\\"\\n"}' \
    404 --extension 'text="\u00e9\/\u001F\"\n"' --extension big=9007199254740991 --extension small=-9007199254740991
# Objects: keys sorted by their bytes at every depth; empty ones.
body '{"title":"Not Found","status":404,"Upper":1,"nested":{"a":{"B":[],"a":{}},"b":[1,{"x":"y","y":"x"}]},"under_score":"s"}' \
    404 --extension 'nested={"b":[1,{"y":"x","x":"y"}],"a":{"a":{},"B":[]}}' --extension under_score='"s"' \
    --extension Upper=1
# A surrogate pair escaped in a value is the character.
body '{"title":"Not Found","status":404,"emoji":"😀"}' 404 --extension 'emoji="\ud83d\ude00"'
# White space of every kind around and inside a value.
body '{"title":"Not Found","status":404,"list":[1,2,[]]}' 404 --extension $'list= \t\n[1 ,\r\n2,[ ] ] \n'
# Nested 32 deep: the limit.
deep32=$(printf '[%.0s' {1..32})$(printf ']%.0s' {1..32})
body "{\"title\":\"Not Found\",\"status\":404,\"deep\":$deep32}" 404 --extension "deep=$deep32"

# ---- refusals: one line saying what and where, exit 2, nothing on stdout --------

refused "httpstatus: --problem 99: the status code is outside 100..599" --problem 99
refused "httpstatus: --problem 600: the status code is outside 100..599" --problem 600
refused "httpstatus: --problem 0: the status code is outside 100..599" --problem 0
refused "httpstatus: --problem 99999999999999999999: the status code is outside 100..599" --problem 99999999999999999999
refused "httpstatus: --problem 299: the status code is not in the table, so the problem needs a title (give one with --title)" \
    --problem 299 --detail x
refused "httpstatus: --problem: --detail: not valid UTF-8, at byte 2" --problem 404 --detail $'ab\xff'
refused "httpstatus: --problem: --type: not valid UTF-8, at byte 0" --problem 404 --type $'\xc0\xaf'
refused "httpstatus: --problem: --title: not valid UTF-8, at byte 1" --problem 404 --title $'a\xed\xa0\x80'
refused "httpstatus: --problem: --instance: not valid UTF-8, at byte 3" --problem 404 --instance $'/a/\xf4\x90\x80\x80'
name_rule="an extension name is an ASCII letter, then ASCII letters, digits or '_', three characters or more"
refused "httpstatus: --problem: --extension 'ab=1': $name_rule, at byte 0" --problem 404 --extension ab=1
refused "httpstatus: --problem: --extension '1abc=1': $name_rule, at byte 0" --problem 404 --extension 1abc=1
refused "httpstatus: --problem: --extension 'ab-c=1': $name_rule, at byte 2" --problem 404 --extension ab-c=1
refused "httpstatus: --problem: --extension '=1': $name_rule, at byte 0" --problem 404 --extension =1
refused "httpstatus: --problem: --extension 'caf\\xc3\\xa9=1': $name_rule, at byte 3" --problem 404 --extension 'café=1'
refused "httpstatus: --problem: --extension 'status=1': an extension cannot take the name of a standard member (type, title, status, detail, instance)" \
    --problem 404 --extension status=1
refused "httpstatus: --problem: --extension 'code=2': two extensions have this name" \
    --problem 404 --extension code=1 --extension xyz=0 --extension code=2
refused "httpstatus: --problem: --extension 'list=[1,': not one JSON value, at byte 8" --problem 404 --extension 'list=[1,'
refused "httpstatus: --problem: --extension 'word=hello': not one JSON value, at byte 5" --problem 404 --extension word=hello
refused "httpstatus: --problem: --extension 'empty=': not one JSON value, at byte 6" --problem 404 --extension empty=
refused "httpstatus: --problem: --extension 'two=1 2': not one JSON value, at byte 6" --problem 404 --extension 'two=1 2'
refused "httpstatus: --problem: --extension 'ratio=0.5': a number with a fraction or an exponent: only integers are allowed, at byte 6" \
    --problem 404 --extension ratio=0.5
refused "httpstatus: --problem: --extension 'big=9007199254740992': an integer outside -(2^53-1)..2^53-1, at byte 4" \
    --problem 404 --extension big=9007199254740992
refused "httpstatus: --problem: --extension 'obj={\"a\":1,\"a\":2}': an object with the same key twice, at byte 11" \
    --problem 404 --extension 'obj={"a":1,"a":2}'
refused "httpstatus: --problem: --extension 'half=\"\\\\ud800\"': a \\u escape of half a surrogate pair, which no UTF-8 can say, at byte 6" \
    --problem 404 --extension 'half="\ud800"'
refused "httpstatus: --problem: --extension 'bytes=\"\\xff\"': not valid UTF-8, at byte 7" --problem 404 --extension $'bytes="\xff"'
deep33=deep=$(printf '[%.0s' {1..33})$(printf ']%.0s' {1..33})
# An argument is shown up to its 60th byte.
refused "httpstatus: --problem: --extension '${deep33:0:60}...': arrays and objects nested more than 32 deep, at byte 37" \
    --problem 404 --extension "$deep33"

# Usage errors.
usage "httpstatus: --problem needs a status code (digits, such as 404)" --problem
usage "httpstatus: --problem needs a status code (digits, such as 404): 'abc'" --problem abc
usage "httpstatus: --problem needs a status code (digits, such as 404): '-404'" --problem=-404
usage "httpstatus: --problem given twice" --problem 404 --problem 405
usage "httpstatus: --detail given twice" --problem 404 --detail a --detail b
usage "httpstatus: --title needs a value (it may be empty: --title '')" --problem 404 --title
usage "httpstatus: --detail is for --problem" --detail x 404
usage "httpstatus: --extension is for --problem" --extension abc=1 --check
usage "httpstatus: --extension needs NAME=JSON (a member and its value as JSON: --extension balance=30, --extension 'accounts=[\"/account/1\"]')" \
    --problem 404 --extension abc
usage "httpstatus: --problem cannot be combined with --check" --problem 404 --check
usage "httpstatus: --problem cannot be combined with --rules" --problem 404 --rules
usage "httpstatus: --problem cannot be combined with --common" --common --problem 404
usage "httpstatus: --problem cannot be combined with --json (the body is JSON)" --problem 404 --json
usage "httpstatus: --problem cannot be combined with --lang (the title is the English phrase; --title gives another)" \
    --lang ko --problem 404
usage "httpstatus: --problem takes no query: 405" --problem 404 405
usage "httpstatus: --method is for --check" --problem 404 --method GET

# ---- --check reads problem+json contents ----------------------------------------

date="Date: Tue, 15 Nov 1994 08:12:31 GMT"
# check_stream WANT_STATUS WANT_IDS RESPONSES [ARGS...] : RESPONSES (printf
# %b, CRLF line ends as curl prints them) through --check --json ARGS: the
# exit status and the "code id" of each finding, one per line.
check_stream() {
    local want_status=$1 want=$2 responses=$3; shift 3
    checks=$((checks + 1))
    printf '%b' "$responses" > "$work/in"
    "$tool" --check --json "$@" < "$work/in" > "$work/out" 2> "$work/err"; local status=$?
    local got
    got=$(/usr/bin/python3 -c '
import json, sys
for f in json.load(open(sys.argv[1])):
    print(f["response"], f["code"], f["id"])' "$work/out" 2>&1)
    if [ "$status" != "$want_status" ] || [ "$got" != "$want" ] || [ -s "$work/err" ]; then
        fail "--check $* on $(head -c 200 "$work/in" | od -c | head -3): exit $status, '$got' $(cat "$work/err"); want $want_status, '$want'"
    fi
}
head404="HTTP/1.1 404 Not Found\r\n$date\r\nContent-Type: application/problem+json\r\n"
check_stream 1 "1 404 problem-status-mismatch" "${head404}Content-Length: 34\r\n\r\n{\"title\":\"Not Found\",\"status\":410}"
check_stream 1 "1 404 problem-invalid" "${head404}\r\n<html>Not Found</html>\n"
check_stream 0 "1 404 problem-title-differs" "${head404}\r\n{\"title\":\"Introuvable\",\"status\":404}"
check_stream 1 "1 404 problem-member-type" "${head404}\r\n{\"title\":\"Not Found\",\"status\":404,\"detail\":42}"
check_stream 0 "" "${head404}\r\n{\"title\":\"Not Found\",\"status\":404}"
check_stream 0 "" "HTTP/1.1 404 Not Found\r\n$date\r\nContent-Type: application/json\r\n\r\n{\"status\":410}"
# --ignore and --level apply to the problem rules as to any.
check_stream 0 "" "${head404}\r\n{\"status\":410}" --ignore problem-status-mismatch
check_stream 0 "" "${head404}\r\n{\"title\":\"Introuvable\",\"status\":404}" --level should
# Two responses in a row: the first problem+json with Content-Length, the
# second a 405 without Allow; each is judged on its own.
check_stream 1 "1 404 problem-status-mismatch
2 405 allow-missing" "${head404}Content-Length: 14\r\n\r\n{\"status\":410}HTTP/1.1 405 Method Not Allowed\r\n$date\r\n\r\n"
# A redirect, then the problem (curl -siL).
check_stream 1 "2 404 problem-invalid" "HTTP/1.1 301 Moved Permanently\r\n$date\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n${head404}\r\n{"
# Chunked: curl -si prints the content decoded, with no sizes; it ends
# where the next status line begins.
check_stream 1 "1 404 problem-status-mismatch
2 405 allow-missing" "${head404}Transfer-Encoding: chunked\r\n\r\n{\"title\":\"Not Found\",\n\"status\":410}\nHTTP/1.1 405 Method Not Allowed\r\n$date\r\n\r\n"
# 70 KiB of content: past the 64 KiB read, the problem rules stay silent.
{ printf '%b' "${head404}\r\n"'{"status":410,"pad":"'; head -c 71680 /dev/zero | tr '\0' x; printf '"}'; } > "$work/big"
checks=$((checks + 1))
out=$("$tool" --check < "$work/big" 2>&1); status=$?
[ "$status" = 0 ] && [ -z "$out" ] || fail "a 70 KiB problem body: exit $status, '$out'; want 0 and nothing"
# ... and 60 KiB is read.
{ printf '%b' "${head404}\r\n"'{"status":410,"pad":"'; head -c 61440 /dev/zero | tr '\0' x; printf '"}'; } > "$work/big"
checks=$((checks + 1))
out=$("$tool" --check < "$work/big" 2>&1); status=$?
[ "$status" = 1 ] && grep -q '^404 must   problem-status-mismatch: ' <<<"$out" ||
    fail "a 60 KiB problem body: exit $status, '$out'; want 1 and problem-status-mismatch"

# What --problem writes, as the content of a response: no problem finding
# for its own status, a mismatch for another.
for code in 400 404 409 422 500 503; do
    checks=$((checks + 1))
    { printf 'HTTP/1.1 %s X\r\n%s\r\nContent-Type: application/problem+json\r\nRetry-After: 5\r\n\r\n' "$code" "$date"
      "$tool" --problem "$code" --detail "d \"q\" é" --extension 'ext_a=[1,{"b":null}]'; } > "$work/own"
    out=$("$tool" --check --ignore allow-missing < "$work/own" 2>&1)
    [ -z "$out" ] || fail "--problem $code read back by --check: '$out'"
    checks=$((checks + 1))
    { printf 'HTTP/1.1 418 X\r\n%s\r\nContent-Type: application/problem+json\r\n\r\n' "$date"
      "$tool" --problem "$code"; } > "$work/other"
    out=$("$tool" --check < "$work/other" 2>&1)
    grep -q '^418 must   problem-status-mismatch: ' <<<"$out" || fail "--problem $code as a 418's content: '$out'"
done

# The body not written (a full disk, a closed stdout) is exit 2 and one
# line naming stdout, as for every output of the tool.
checks=$((checks + 1))
err=$("$tool" --problem 404 --detail x 2>&1 >/dev/full); status=$?
[ "$status" = 2 ] && [ "$err" = "httpstatus: stdout: No space left on device" ] ||
    fail "--problem to /dev/full: exit $status, '$err'"
checks=$((checks + 1))
err=$("$tool" --problem 404 2>&1 >&-); status=$?
[ "$status" = 2 ] && [ "$err" = "httpstatus: stdout: Bad file descriptor" ] ||
    fail "--problem to a closed stdout: exit $status, '$err'"

# The bash completion: --problem, the table's codes after it, then only its
# own options; about:blank for --type; nothing for free text.
tool_dir=$(cd "$(dirname "$tool")" && pwd)
completion=$(cd "$(dirname "$0")/../../cli" && pwd)/httpstatus.bash
expect_completion() {
    local want=$1 got; shift
    got=$(cd "$work" && PATH="$tool_dir:$PATH" bash -c '. "$1"; shift; COMP_WORDS=(httpstatus "$@"); COMP_CWORD=$#; _httpstatus; echo "${COMPREPLY[*]}"' \
          _ "$completion" "$@")
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "completing '$*' offered '$got', want '$want'"
}
expect_completion "--problem" --pro
expect_completion "$("$tool" --json 4xx | /usr/bin/python3 -c '
import json, sys
print(" ".join(str(s["code"]) for s in json.load(sys.stdin) if str(s["code"]).startswith("42")))')" --problem 42
expect_completion "499" --problem 499
expect_completion "" --problem 6
expect_completion "--detail --type --title --instance --extension" --problem 404 --
expect_completion "--type --title" --problem 404 --t
expect_completion "--extension" --detail x --problem 404 --e
expect_completion "about:blank" --problem 404 --type ""
expect_completion "" --problem 404 --detail ""
expect_completion "" --problem 404 --extension ""

echo "test_cli_problem: $checks checks, $failures failed"
[ "$failures" = 0 ]
