#!/usr/bin/env bash
# The README's nginx configuration, started exactly as written: the block
# after the readme-nginx-conf marker is copied byte for byte into a prefix
# whose rocks/ tree holds this build of the LuaJIT module, nginx is started,
# its locations are fetched, it is reloaded and stopped. Its error.log, at
# the README's own level, must hold the finding for the 405 without Allow,
# once, and nothing else at warn or above. (readme_install_openresty runs the
# README's install block, which builds the rock with luarocks, as written.)
#
# The README's recipes must also equal the ones docs/reference.md holds,
# which the nginx tests run verbatim: the log_by_lua_block line (in the
# README's response-rules section and in its nginx block), the problem-details
# error page and the JSON error page (in its nginx block). The errors nginx
# makes itself (a 405, a missing file) must come back as problem details, a
# 410 as the status object.
#   tests/readme/test_readme_nginx.sh README LUAJIT_MODULE_DIR
set -euo pipefail
readme=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
module_dir=$(cd "$2" && pwd)
src=$(dirname "$readme")
docs=$src/docs/reference.md
umask 022

work=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-readme.XXXXXX")
prefix=$work/hs-nginx
stop() {
    [ -f "$prefix/logs/nginx.pid" ] && nginx -p "$prefix" -c conf/nginx.conf -s quit 2>/dev/null && sleep 0.3
    rm -rf "$work"
}
trap stop EXIT
chmod 755 "$work" # nginx's workers (nobody, when run as root) read the rock there

conf=$(awk '/readme-nginx-conf/ { armed = 1; next } armed && /^```nginx$/ { copy = 1; next }
    copy && /^```$/ { exit } copy' "$readme")
grep -q 'listen 127.0.0.1:8080;' <<<"$conf" || { echo "no nginx block found in $readme" >&2; exit 1; }

# The recipes, against docs/reference.md's (which the nginx tests run).
failures=0
check() { if ! eval "$2"; then echo "FAIL: $1" >&2; failures=$((failures + 1)); fi; }
recipe_docs=$(grep -m1 '^log_by_lua_block {' "$docs" || true)
recipe_readme=$(grep -m1 '^log_by_lua_block {' "$readme" || true)
check "docs/reference.md has a log_by_lua_block recipe" '[ -n "$recipe_docs" ]'
check "the README's response-rules recipe is docs/reference.md's ('$recipe_readme')" '[ "$recipe_readme" = "$recipe_docs" ]'
check "the README's nginx block holds the recipe" 'sed "s/^ *//" <<<"$conf" | grep -qxF "$recipe_docs"'
# The problem-details error pages, whole; the JSON one from its named
# location on (the README gives it one code, 410, of its own).
problem_docs=$(awk '/^error_page .*@problem;$/ { on = 1 } on { print } on && /^\}$/ { exit }' "$docs")
problem_lines=$(wc -l <<<"$problem_docs")
problem_readme=$(grep -A $((problem_lines - 1)) -m1 '^ *error_page .*@problem;$' <<<"$conf" | sed 's/^ *//' || true)
check "docs/reference.md has a problem-details error-page recipe" '[ "$problem_lines" -gt 3 ]'
check "the README's problem-details error page is docs/reference.md's:
$(diff <(sed 's/^ *//' <<<"$problem_docs") <(echo "$problem_readme") || true)" \
    '[ "$problem_readme" = "$(sed "s/^ *//" <<<"$problem_docs")" ]'
json_docs=$(awk '/^location @json_error \{$/ { on = 1 } on { print } on && /^\}$/ { exit }' "$docs")
json_lines=$(wc -l <<<"$json_docs")
json_readme=$(grep -A $((json_lines - 1)) -m1 '^ *location @json_error {$' <<<"$conf" | sed 's/^ *//' || true)
check "docs/reference.md has a JSON error-page recipe" '[ "$json_lines" -gt 3 ]'
check "the README's JSON error page is docs/reference.md's:
$(diff <(sed 's/^ *//' <<<"$json_docs") <(echo "$json_readme") || true)" \
    '[ "$json_readme" = "$(sed "s/^ *//" <<<"$json_docs")" ]'
check "the README sends its 410 to the JSON error page" 'grep -qx " *error_page 410 @json_error;" <<<"$conf"'

mkdir -p "$prefix/conf" "$prefix/logs" "$prefix/rocks/share/lua/5.1/httpstatus" "$prefix/rocks/lib/lua/5.1/httpstatus"
cp "$module_dir/httpstatus/"*.lua "$prefix/rocks/share/lua/5.1/httpstatus/"
cp "$module_dir/httpstatus/core.so" "$prefix/rocks/lib/lua/5.1/httpstatus/"
printf '%s\n' "$conf" > "$prefix/conf/nginx.conf"
chmod -R a+rX "$prefix"

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
    echo "test_readme_nginx: 127.0.0.1:8080 is in use; the README's block listens there" >&2
    exit 1
fi
nginx -p "$prefix" -c conf/nginx.conf -t 2>&1 | tail -1
nginx -p "$prefix" -c conf/nginx.conf
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8080/gone && break; sleep 0.1; done

gone=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/gone)
check "/gone is 410 (got $gone)" '[ "$gone" = 410 ]'
curl -s -D "$work/headers" -o "$work/body" http://127.0.0.1:8080/maintenance
check "/maintenance is 503" 'head -1 "$work/headers" | grep -q "^HTTP/1.1 503"'
check "/maintenance has Retry-After" 'grep -qi "^Retry-After: 120" "$work/headers"'
check "the Korean page declares its charset" 'grep -qi "^Content-Type: text/plain; charset=utf-8" "$work/headers"'
check "/maintenance body starts with the status line" '[ "$(head -1 "$work/body")" = "503 Service Unavailable" ]'
korean=$(LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" \
    luajit -e 'print(require("httpstatus").description(503, "ko"))')
check "/maintenance body has the Korean description" '[ "$(sed -n 2p "$work/body")" = "$korean" ]'
curl -s -D "$work/headers" -o "$work/body" http://127.0.0.1:8080/admin
check "/admin is 405" 'head -1 "$work/headers" | grep -q "^HTTP/1.1 405 Not Allowed"'
check "/admin has no Allow" '! grep -qi "^Allow:" "$work/headers"'
# The error pages: the status object of the code, as JSON.
json_of() { # CODE < BODY: "same" when BODY, decoded, holds the fields of hs.get(CODE) and no other
    CODE=$1 LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e '
        local cjson, hs = require "cjson", require "httpstatus"
        local got, want, n = cjson.decode(io.read("*a")), hs.get(tonumber(os.getenv("CODE"))), 0
        for k, v in pairs(want) do
            n = n + 1
            local g = got[k]
            if type(v) == "table" then g, v = table.concat(g, ","), table.concat(v, ",") end
            if g ~= v then print("wrong " .. k) end
        end
        for _ in pairs(got) do n = n - 1 end
        print(n == 0 and "same" or "not the same fields")'
}
# The errors nginx makes itself: problem details, the bytes of
# hs.problem_json(code), which cjson parses back to hs.problem(code).
problem_of() { # CODE < BODY: "same" when BODY is hs.problem_json(CODE) and parses back to hs.problem(CODE)
    CODE=$1 LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e '
        local cjson, hs = require "cjson", require "httpstatus"
        local code, body = tonumber(os.getenv("CODE")), io.read("*a")
        local got, want, same = cjson.decode(body), hs.problem(code), body == hs.problem_json(code)
        for k, v in pairs(want) do same = same and got[k] == v end
        for k in pairs(got) do same = same and want[k] ~= nil end
        print(same and "same" or "not the same: " .. body)'
}
check "/admin's body is the problem of 405: $(cat "$work/body")" \
    '[ "$(cat "$work/body")" = "{\"title\":\"Method Not Allowed\",\"status\":405}" ]'
check "/admin's body parses back to hs.problem(405)" '[ "$(problem_of 405 < "$work/body")" = same ]'
check "/admin's body is application/problem+json" 'tr -d "\r" < "$work/headers" | grep -qix "Content-Type: application/problem+json"'
curl -s -D "$work/headers" -o "$work/body" http://127.0.0.1:8080/nothing
check "/nothing is 404" 'head -1 "$work/headers" | grep -q "^HTTP/1.1 404 Not Found"'
check "/nothing's body is the problem of 404: $(cat "$work/body")" \
    '[ "$(cat "$work/body")" = "{\"title\":\"Not Found\",\"status\":404}" ]'
check "/nothing's body parses back to hs.problem(404)" '[ "$(problem_of 404 < "$work/body")" = same ]'
check "/nothing's body is application/problem+json" 'tr -d "\r" < "$work/headers" | grep -qix "Content-Type: application/problem+json"'
curl -s -o "$work/body" http://127.0.0.1:8080/gone
check "/gone's body is the status object of 410" '[ "$(json_of 410 < "$work/body")" = same ]'

nginx -p "$prefix" -c conf/nginx.conf -s reload 2>>"$work/signal.log" || { cat "$work/signal.log" >&2; exit 1; }
sleep 0.5
check "reload keeps serving" '[ "$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:8080/gone)" = 410 ]'
nginx -p "$prefix" -c conf/nginx.conf -s quit 2>>"$work/signal.log" || { cat "$work/signal.log" >&2; exit 1; }
for _ in $(seq 50); do [ -f "$prefix/logs/nginx.pid" ] || break; sleep 0.1; done
check "nginx stops" '[ ! -f "$prefix/logs/nginx.pid" ]'

log=$prefix/logs/error.log
findings=$(grep -F 'httpstatus: ' "$log" || true)
check "error.log holds the 405's finding once, at warn:
$findings" '[ "$(grep -c "\[warn\] .* log(): httpstatus: GET /admin 405: must allow-missing: A 405 response must carry Allow" <<<"$findings")" = 1 ]'
check "error.log holds no other finding" '[ "$(wc -l <<<"$findings")" = 1 ]'
# (nginx logs the missing file it answered /nothing for at [error])
check "error.log holds no error" '! grep -E "\[(error|crit|alert|emerg)\]" "$log" | grep -v "open() \"[^\"]*/html/nothing\" failed (2: No such file or directory)"'
[ "$failures" -eq 0 ] || { cat "$log" >&2; exit 1; }
echo "test_readme_nginx: the README's configuration starts, serves problem details, logs the 405's finding, reloads and stops"
