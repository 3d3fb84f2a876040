#!/usr/bin/env bash
# `curl -si URL | httpstatus --check` against a real nginx: Debian's nginx on
# a free port of 127.0.0.1 (tests/nginx/lib.sh, which loads the Lua module,
# used by the locations that read an upload, create, and stream events),
# serving a static file, a redirect, a 204, a 401, ranges, conditional
# requests, gzip, several URLs in one curl, and problem details bodies. What nginx sends is asserted
# first (so a change in nginx shows as such), then what the tool finds in
# it: nothing at must or should level for what nginx gets right,
# allow-missing for the 405 nginx sends without Allow.
#   tests/nginx/test_check_cli.sh LUAJIT_MODULE_DIR path/to/httpstatus
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
module_dir=$(cd "$1" && pwd)
tool=$2

nginx_setup "$module_dir"
mkdir -p "$prefix/html/static"
printf 'hello, world\n' > "$prefix/html/static/file.txt"
mkdir -p "$prefix/html/gz"
printf 'compressed, no final newline' > "$prefix/html/gz/a.txt"
chmod -R a+rX "$prefix/html"
nginx_conf <<'EOF_CONF'
        root @PREFIX@/html;
        default_type text/plain;
        location /static/ { }
        location = /moved { return 301 /target; }
        location = /target { return 200 "target\n"; }
        location = /loop1 { return 302 /moved; }
        location = /empty { return 204; }
        location = /private {
            auth_basic "private";
            auth_basic_user_file @PREFIX@/conf/htpasswd;
        }
        # reads the request's content, so nginx answers Expect: 100-continue
        location = /upload {
            content_by_lua_block {
                ngx.req.read_body()
                ngx.say("stored")
            }
        }
        location = / { return 204; }
        location = /nonl { return 200 "no final newline"; }
        # gzip makes the content chunked, and curl --compressed decodes it
        location /gz/ { gzip on; gzip_types text/plain; gzip_min_length 1; }
        # a POST creates: 201 with Location and "{}", chunked (no length) or not
        location = /create {
            content_by_lua_block {
                ngx.status = 201
                ngx.header["Location"] = "/items/1"
                if ngx.var.arg_length then ngx.header["Content-Length"] = 2 end
                ngx.print("{}")
            }
        }
        # a 404 with a problem details body whose status member is ?status=
        # (400 when not given), chunked or (?length=1) with Content-Length;
        # gzip-compressed for a client that asks
        location = /problem {
            gzip on; gzip_types application/problem+json; gzip_min_length 1;
            content_by_lua_block {
                local body = '{"title":"Not Found","status":' .. (tonumber(ngx.var.arg_status) or 400) .. '}'
                ngx.status = 404
                ngx.header["Content-Type"] = "application/problem+json"
                if ngx.var.arg_length then ngx.header["Content-Length"] = #body end
                ngx.print(body)
            }
        }
        # an event stream that stays open for 3 seconds after its first event
        location = /events {
            content_by_lua_block {
                ngx.header["Content-Type"] = "text/event-stream"
                ngx.print("data: 1\n\n")
                ngx.flush(true)
                ngx.sleep(3)
                ngx.print("data: 2\n\n")
            }
        }
EOF_CONF
printf 'user:{PLAIN}secret\n' > "$prefix/conf/htpasswd"
chmod a+r "$prefix/conf/htpasswd"
nginx_start
base="http://127.0.0.1:$port"

# run NAME WANT_STATUS WANT_FINDINGS CURL-ARGS... -- CHECK-ARGS... : curl's
# output (kept in $prefix/NAME) through --check; its exit status and the
# findings as CODE:ID words must be WANT_*. The codes of the responses the
# tool read (its --verbose lines) are left in $read.
run() {
    local name=$1 want_status=$2 want=$3; shift 3
    local curl_args=() got status
    while [ "$1" != -- ]; do curl_args+=("$1"); shift; done
    shift
    curl -s "${curl_args[@]}" > "$prefix/$name" || fail "$name: curl ${curl_args[*]} failed"
    "$tool" --check -v "$@" < "$prefix/$name" > "$prefix/$name.out" 2>"$prefix/$name.err" && status=0 || status=$?
    got=$(awk '{ sub(/:$/, "", $3); printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $3 }' "$prefix/$name.out")
    read=$(sed -n 's/^httpstatus: --check: response [0-9]*, line [0-9]*: [0-9]* findings*: HTTP\/[0-9.]* \([0-9]*\).*/\1/p' \
           "$prefix/$name.err" | tr '\n' ' ' | sed 's/ $//')
    if [ "$status" != "$want_status" ] || [ "$got" != "$want" ]; then
        fail "$name: curl -s ${curl_args[*]} | httpstatus --check $*: exit $status, '$got'; want $want_status, '$want'"
        sed 's/^/    /' "$prefix/$name" "$prefix/$name.err" | head -20
    fi
}
# read_was NAME WANT : the codes of the responses the tool read in NAME's run
read_was() {
    [ "$read" = "$2" ] || fail "$1: the tool read the responses '$read', want '$2'"
}
# has NAME REGEX : nginx's own output holds a line matching REGEX (CR stripped)
has() {
    tr -d '\r' < "$prefix/$1" | grep -Eiq -- "$2" || fail "$1: no line /$2/ in what nginx sent"
}
hasnt() {
    ! tr -d '\r' < "$prefix/$1" | grep -Eiq -- "$2" || fail "$1: a line /$2/ in what nginx sent"
}

# A static file, GET and HEAD: Date, Content-Length, content after a GET only.
run file_get 0 "" -i "$base/static/file.txt" -- --method GET
has file_get '^HTTP/1\.1 200 OK$'
has file_get '^Date: '
has file_get '^hello, world$'
run file_head 0 "" -I "$base/static/file.txt" -- --method HEAD
has file_head '^Content-Length: 13$'
hasnt file_head '^hello'
# The GET's output read as a HEAD's is content in a response to HEAD.
out=$("$tool" --check --method HEAD < "$prefix/file_get") && status=0 || status=$?
[ "$status" = 1 ] && grep -q '^200 must   content-forbidden: ' <<<"$out" ||
    fail "file_get read as HEAD: exit $status, no content-forbidden in '$out'"

# return 301 /target: Location (made absolute) and Date: nothing fires.
run moved 0 "" -i "$base/moved" --
has moved '^HTTP/1\.1 301 Moved Permanently$'
has moved "^Location: http://127\.0\.0\.1:$port/target$"
# curl -siL prints the chain 302, 301, 200: three responses, each checked.
run chain 0 "" -iL "$base/loop1" -- --method GET
[ "$(grep -c '^HTTP/1\.1 ' "$prefix/chain")" = 3 ] || fail "chain: not three responses: $(grep '^HTTP' "$prefix/chain" | tr -d '\r' | tr '\n' ' ')"
has chain '^target$'
read_was chain "302 301 200"
run chain_head 0 "" -sIL "$base/loop1" -- --method HEAD
read_was chain_head "302 301 200"

# return 204: no Content-Length, no content.
run empty 0 "" -i "$base/empty" -- --method GET
has empty '^HTTP/1\.1 204 No Content$'
hasnt empty '^Content-Length:'

# A POST to a static file: nginx's 405 carries no Allow.
run post 1 "405:allow-missing" -i -X POST -d x "$base/static/file.txt" -- --method POST
has post '^HTTP/1\.1 405 Not Allowed$'
hasnt post '^Allow:'
run post_ignored 0 "" -i -X POST -d x "$base/static/file.txt" -- --method POST --ignore allow-missing
out=$("$tool" --check --json --method POST < "$prefix/post") || true
python3 -c '
import json, sys
(f,) = json.loads(sys.argv[1])
assert (f["code"], f["id"], f["level"], f["field"]) == (405, "allow-missing", "must", "Allow"), f
' "$out" || fail "post: --json is not the one allow-missing finding"

# auth_basic: a 401 with WWW-Authenticate, then the file with the password.
run private 0 "" -i "$base/private" --
has private '^HTTP/1\.1 401 Unauthorized$'
has private '^WWW-Authenticate: Basic realm="private"$'

# Ranges: a 206 with Content-Range; a 416 with Content-Range: bytes */13.
run range 0 "" -i -r 0-4 "$base/static/file.txt" -- --method GET
has range '^HTTP/1\.1 206 Partial Content$'
has range '^Content-Range: bytes 0-4/13$'
run range_bad 0 "" -i -r 100-200 "$base/static/file.txt" -- --method GET
has range_bad '^HTTP/1\.1 416 Requested Range Not Satisfiable$'
has range_bad '^Content-Range: bytes \*/13$'

# A conditional GET: a 304 with no content and no Content-Type.
etag=$(tr -d '\r' < "$prefix/file_head" | sed -n 's/^ETag: //Ip')
[ -n "$etag" ] || fail "file_head: no ETag"
run not_modified 0 "" -i -H "If-None-Match: $etag" "$base/static/file.txt" -- --method GET
has not_modified '^HTTP/1\.1 304 Not Modified$'
hasnt not_modified '^Content-Type:'
run not_modified_post 1 "304:not-modified-unconditional" -i -H "If-None-Match: $etag" "$base/static/file.txt" -- --method POST

# A 404 page: Date and content, nothing fires.
run missing 0 "" -i "$base/static/none" -- --method GET
has missing '^HTTP/1\.1 404 Not Found$'

# An upload with Expect: 100-continue: nginx's interim 100 and then the final
# 200, both in curl's output and both checked. A 405 is sent at once, with no 100.
run expect 0 "" -i -H "Expect: 100-continue" --data-binary @"$prefix/html/static/file.txt" "$base/upload" -- --method POST
has expect '^HTTP/1\.1 100 Continue$'
has expect '^HTTP/1\.1 200 OK$'
has expect '^stored$'
run expect_405 1 "405:allow-missing" -i -H "Expect: 100-continue" --data-binary @"$prefix/html/static/file.txt" "$base/static/file.txt" -- --method POST
hasnt expect_405 '^HTTP/1\.1 100'

# Several URLs in one curl: each response right after the content of the
# one before, with or without a final newline, each read and checked.
run several 0 "" -i "$base/static/file.txt" "$base/nonl" "$base/target" "$base/nonl" -- --method GET
read_was several "200 200 200 200"
grep -q 'no final newlineHTTP/1\.1 200 OK' "$prefix/several" || fail "several: /nonl's content is not followed by the next status line"
run several_head 0 "" -I "$base/static/file.txt" "$base/nonl" "$base/moved" -- --method HEAD
read_was several_head "200 200 301"
# curl -si -X POST URL URL: a 201, then the 405 nginx sends without Allow:
# exit 1, whether the 201's "{}" is chunked (no length) or has one.
run create_then_405 1 "405:allow-missing" -i -X POST -d x "$base/create" "$base/static/file.txt" -- --method POST
read_was create_then_405 "201 405"
grep -q '^{}HTTP/1\.1 405 ' "$prefix/create_then_405" || fail "create_then_405: the 201's content is not '{}' right before the 405"
has create_then_405 '^Transfer-Encoding: chunked$'
run create_length_then_405 1 "405:allow-missing 405:allow-missing" -i -X POST -d x "$base/create?length=1" "$base/static/file.txt" "$base/static/file.txt" -- --method POST
read_was create_length_then_405 "201 405 405"
has create_length_then_405 '^Content-Length: 2$'
# gzip: chunked content, decoded by --compressed (no final newline) or
# printed as it came (binary); either way the next response is read.
run gzip_decoded 0 "" -i --compressed "$base/gz/a.txt" "$base/gz/a.txt" -- --method GET
read_was gzip_decoded "200 200"
has gzip_decoded '^Content-Encoding: gzip$'
grep -q 'compressed, no final newlineHTTP/1\.1 200 OK' "$prefix/gzip_decoded" || fail "gzip_decoded: not decoded as expected"
run gzip_raw 0 "" -i -H "Accept-Encoding: gzip" "$base/gz/a.txt" "$base/gz/a.txt" -- --method GET
read_was gzip_raw "200 200"
! grep -q 'compressed, no final newline' "$prefix/gzip_raw" || fail "gzip_raw: decoded"

# Problem details: the status member differs from the code (a must), read
# chunked (curl prints it decoded) or with Content-Length, then the next
# response; right, it is silent. gzip: decoded by --compressed it is read,
# compressed it is not judged.
run problem 1 "404:problem-status-mismatch" -i "$base/problem" -- --method GET
has problem '^Transfer-Encoding: chunked$'
has problem '^Content-Type: application/problem\+json$'
has problem '^\{"title":"Not Found","status":400\}$'
run problem_right 0 "" -i "$base/problem?status=404" -- --method GET
run problem_then_405 1 "404:problem-status-mismatch 405:allow-missing" -i -X POST -d x "$base/problem?length=1" "$base/static/file.txt" -- --method POST
read_was problem_then_405 "404 405"
has problem_then_405 '^Content-Length: 34$'
run problem_gzip_decoded 1 "404:problem-status-mismatch" -i --compressed "$base/problem" -- --method GET
has problem_gzip_decoded '^Content-Encoding: gzip$'
run problem_gzip_raw 0 "" -i -H "Accept-Encoding: gzip" "$base/problem" -- --method GET
has problem_gzip_raw '^Content-Encoding: gzip$'

# An event stream that stays open: the tool reports the response at the end
# of its header section, and the JSON array has begun on stdout, while curl
# is still receiving (the stream lasts 3 s).
events_started=$(date +%s%N)
curl -sN -i "$base/events" | "$tool" --check -v --json > "$prefix/events.out" 2> "$prefix/events.err" &
events_pid=$!
for _ in $(seq 30); do
    [ -s "$prefix/events.err" ] && [ -s "$prefix/events.out" ] && break
    sleep 0.05
done
seen_after=$((($(date +%s%N) - events_started) / 1000000))
grep -q '^httpstatus: --check: response 1, line 1: 0 findings: HTTP/1.1 200 OK' "$prefix/events.err" \
    && [ "$(cat "$prefix/events.out")" = "[" ] && [ "$seen_after" -lt 1500 ] \
    || fail "events: after ${seen_after} ms, stderr '$(cat "$prefix/events.err")', stdout '$(cat "$prefix/events.out")'"
kill -0 "$events_pid" 2>/dev/null || fail "events: the stream ended before the check looked"
wait "$events_pid" || fail "events: exit status $?"
[ "$(cat "$prefix/events.out")" = "[]" ] || fail "events: stdout at the end '$(cat "$prefix/events.out")'"

nginx_stop
errors=$(nginx_log_errors | grep -v 'open() ".*/static/none" failed' || true)
[ -z "$errors" ] || fail "error.log has errors: $errors"
nginx_report_failures
echo "ok: httpstatus --check on what nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') sends"
