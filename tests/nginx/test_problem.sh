#!/usr/bin/env bash
# The problem-details error pages of docs/reference.md on a real nginx (Debian's,
# with ngx_lua, on a free port of 127.0.0.1): the recipe runs verbatim, and
# each error nginx makes itself (a missing file, a forbidden directory index, a
# method the static module refuses, a body over client_max_body_size, a
# refused upstream, return 405, ngx.exit(503), a Lua error) must come back with
# its own status line, Content-Type: application/problem+json and exactly the
# bytes of hs.problem_json(status), which cjson parses back to hs.problem(status);
# hs.check on the response as curl got it, content included, finds no
# problem-details rule broken. The response-rules recipe (httpstatus.ngx's
# log()) runs for the whole server: once nginx has stopped, error.log must hold
# the findings expected of the two 405s without Allow, and nothing else.
#   tests/nginx/test_problem.sh LUAJIT_MODULE_DIR   (a CMake build's luajit/ directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
module_dir=$(cd "$1" && pwd)

nginx_setup "$module_dir"
mkdir -p "$prefix/html/dir" && echo "a static page" > "$prefix/html/page.txt" && chmod -R a+rX "$prefix/html"

docs=$here/../../docs/reference.md
awk '/^error_page .*@problem;$/ { on = 1 } on { print } on && /^\}$/ { exit }' "$docs" > "$prefix/conf/problem.conf"
grep -q 'problem_json(ngx.status)' "$prefix/conf/problem.conf" ||
    { echo "no problem-details error-page recipe found in $docs"; exit 1; }
grep -m1 '^log_by_lua_block {' "$docs" > "$prefix/conf/recipe.conf" ||
    { echo "no log_by_lua_block recipe found in $docs"; exit 1; }
chmod a+r "$prefix/conf/problem.conf" "$prefix/conf/recipe.conf"

nginx_conf <<'EOF'
        default_type text/plain;
        root @PREFIX@/html;
        log_not_found off; # the missing files below are missing on purpose
        client_max_body_size 16;
        include @PREFIX@/conf/recipe.conf;
        include @PREFIX@/conf/problem.conf;

        location = /admin { return 405; }
        location = /busy { content_by_lua_block { ngx.exit(503) } }
        location = /broken { content_by_lua_block { error("on purpose") } }
        location = /upstream { proxy_pass http://127.0.0.1:1; } # nothing listens on port 1
        location = /limited { return 429; }
        location = /late { return 504; }
        # Not an error nginx makes: a page of the application's own, untouched.
        location = /own { content_by_lua_block { ngx.status = 404; ngx.say("mine") } }
EOF
nginx_start
base=http://127.0.0.1:$port

lua_env=(env LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;")

# verify CODE HEADERS BODY: "ok", or what is wrong with the response.
verify() {
    "${lua_env[@]}" CODE="$1" HEADERS="$2" BODY="$3" luajit -e '
        local hs, cjson = require "httpstatus", require "cjson"
        local code = tonumber(os.getenv("CODE"))
        local function read(path) local f = assert(io.open(path, "rb")); local s = f:read("*a"); f:close(); return s end
        local head, body = read(os.getenv("HEADERS")), read(os.getenv("BODY"))
        local wrong = {}
        local status = tonumber(head:match("^HTTP/1%.1 (%d%d%d) "))
        if status ~= code then wrong[#wrong + 1] = "status " .. tostring(status) end
        local headers = {}
        for name, value in head:gmatch("\n([^:\r\n]+):[ \t]*([^\r\n]*)") do headers[name:lower()] = value end
        if headers["content-type"] ~= "application/problem+json" then
            wrong[#wrong + 1] = "Content-Type " .. tostring(headers["content-type"])
        end
        if body ~= hs.problem_json(code) then wrong[#wrong + 1] = "body " .. body end
        local ok, decoded = pcall(cjson.decode, body)
        local want = hs.problem(code)
        local same = ok and type(decoded) == "table"
        if same then
            for k, v in pairs(want) do same = same and decoded[k] == v end
            for k in pairs(decoded) do same = same and want[k] ~= nil end
        end
        if not same then wrong[#wrong + 1] = "not hs.problem(" .. code .. ") once parsed" end
        -- the transfer framing is curl'\''s business: the fields that describe the content
        headers["transfer-encoding"], headers["connection"] = nil, nil
        for _, f in ipairs(hs.check(code, headers, { content = body })) do
            if f.id:find("^problem%-") then wrong[#wrong + 1] = "check: " .. f.id end
        end
        print(#wrong == 0 and "ok" or table.concat(wrong, "; "))'
}

# case NAME CODE CURL_ARGS...: one request, its response verified.
case_() {
    local name=$1 code=$2
    shift 2
    curl -s -D "$prefix/headers" -o "$prefix/body" "$@" || { fail "$name: curl failed"; return; }
    local got
    got=$(verify "$code" "$prefix/headers" "$prefix/body")
    [ "$got" = ok ] || fail "$name: $got"
}

# The two the recipe is for, exactly as the contract writes them.
curl -s -D "$prefix/headers" -o "$prefix/body" "$base/nothing.txt"
[ "$(cat "$prefix/body")" = '{"title":"Not Found","status":404}' ] || fail "a missing file: $(cat "$prefix/body")"
curl -s -D "$prefix/headers" -o "$prefix/body" "$base/admin"
[ "$(cat "$prefix/body")" = '{"title":"Method Not Allowed","status":405}' ] || fail "return 405: $(cat "$prefix/body")"
head -1 "$prefix/headers" | grep -q '^HTTP/1.1 405 Not Allowed' || fail "return 405 keeps its status: $(head -1 "$prefix/headers")"

case_ "a missing file" 404 "$base/nothing.txt"
case_ "return 405" 405 "$base/admin"
case_ "a method the static module refuses" 405 -X DELETE "$base/page.txt"
case_ "a directory without an index" 403 "$base/dir/"
case_ "a body over client_max_body_size" 413 --data-binary "more than sixteen bytes of body" "$base/page.txt"
case_ "a refused upstream" 502 "$base/upstream"
case_ "ngx.exit(503)" 503 "$base/busy"
case_ "a Lua error" 500 "$base/broken"
case_ "return 429" 429 "$base/limited"
case_ "return 504" 504 "$base/late"
case_ "HTTP/1.0" 404 --http1.0 "$base/nothing-either.txt"

# HEAD: the status and the content type, no body.
curl -s -I -o /dev/null -D "$prefix/headers" "$base/nothing.txt"
head -1 "$prefix/headers" | grep -q '^HTTP/1.1 404' || fail "HEAD: $(head -1 "$prefix/headers")"
grep -qi '^Content-Type: application/problem+json' "$prefix/headers" || fail "HEAD: no problem+json Content-Type"

# A page the application makes itself is not an error page.
curl -s -D "$prefix/headers" -o "$prefix/body" "$base/own"
[ "$(cat "$prefix/body")" = mine ] || fail "the application's own 404: $(cat "$prefix/body")"

# A static file is served as it is.
[ "$(curl -s "$base/page.txt")" = "a static page" ] || fail "page.txt"

nginx_stop
log=$prefix/logs/error.log
findings=$(grep -F 'httpstatus: ' "$log" || true)
expected="GET /admin 405: must allow-missing
GET /admin 405: must allow-missing
DELETE /page.txt 405: must allow-missing"
got=$(sed -n 's/.*httpstatus: \([A-Z]* [^ ]* [0-9]*: [a-z]* [a-z-]*\):.*/\1/p' <<<"$findings")
[ "$got" = "$expected" ] || fail "the log phase's findings:
$got
expected:
$expected"
grep -q 'problem-' <<<"$findings" && fail "a problem-details finding in the log: $findings"
# nginx logs the errors it made at [error]: those, and only those
errors=$(nginx_log_errors | grep -v -e 'directory index of "[^"]*/html/\(dir/\)\?" is forbidden' \
    -e 'client intended to send too large body: 31 bytes' -e 'connect() failed (111: Connection refused)' \
    -e 'runtime error: content_by_lua(nginx.conf:[0-9]*):1: on purpose' || true)
[ -z "$errors" ] || fail "error.log: $errors"

nginx_report_failures
echo "test_problem: every error nginx made came back as problem details, the bytes of hs.problem_json"
