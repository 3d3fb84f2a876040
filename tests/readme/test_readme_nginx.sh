#!/usr/bin/env bash
# The README's nginx configuration, started exactly as written: the block
# after the readme-nginx-conf marker is copied byte for byte into a prefix
# whose rocks/ tree holds this build of the LuaJIT module, nginx is started
# with the README's command, and its locations are fetched.
#   tests/readme/test_readme_nginx.sh README LUAJIT_MODULE_DIR
set -euo pipefail
readme=$1 module_dir=$(cd "$2" && pwd)
prefix=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-readme.XXXXXX")
stop() { [ -f "$prefix/logs/nginx.pid" ] && nginx -p "$prefix" -c conf/nginx.conf -s quit 2>/dev/null; sleep 0.3; rm -rf "$prefix"; }
trap stop EXIT
mkdir -p "$prefix/conf" "$prefix/logs" "$prefix/rocks/share/lua/5.1/httpstatus" "$prefix/rocks/lib/lua/5.1/httpstatus"
awk '/readme-nginx-conf/ {armed=1; next} armed && /^```nginx$/ {copy=1; next} copy && /^```$/ {exit} copy' \
    "$readme" > "$prefix/conf/nginx.conf"
grep -q 'listen 127.0.0.1:8080;' "$prefix/conf/nginx.conf" || { echo "no nginx block found in $readme" >&2; exit 1; }

# The README's response-rules recipe is the one docs/reference.md holds, which
# tests/nginx/test_nginx.sh runs verbatim: the two copies must not drift.
recipe() { awk '/^header_filter_by_lua_block \{$/ { on = 1 } on { print } on && /^\}$/ { exit }' "$1"; }
docs=$(dirname "$readme")/docs/reference.md
[ -n "$(recipe "$readme")" ] || { echo "no header_filter_by_lua_block recipe in $readme" >&2; exit 1; }
diff -u <(recipe "$docs") <(recipe "$readme") ||
    { echo "the README's header_filter recipe differs from docs/reference.md's (tested there)" >&2; exit 1; }
cp "$module_dir/httpstatus/"*.lua "$prefix/rocks/share/lua/5.1/httpstatus/"
cp "$module_dir/httpstatus/core.so" "$prefix/rocks/lib/lua/5.1/httpstatus/"
chmod -R a+rX "$prefix"

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
    echo "test_readme_nginx: 127.0.0.1:8080 is in use; the README's block listens there" >&2
    exit 1
fi
nginx -p "$prefix" -c conf/nginx.conf -t 2>&1 | tail -1
nginx -p "$prefix" -c conf/nginx.conf
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8080/gone && break; sleep 0.1; done

failures=0
check() { if ! eval "$2"; then echo "FAIL: $1" >&2; failures=$((failures + 1)); fi; }
gone=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/gone)
check "/gone is 410 (got $gone)" '[ "$gone" = 410 ]'
curl -s -D "$prefix/headers" -o "$prefix/body" http://127.0.0.1:8080/maintenance
check "/maintenance is 503" 'head -1 "$prefix/headers" | grep -q "^HTTP/1.1 503"'
check "/maintenance has Retry-After" 'grep -qi "^Retry-After: 120" "$prefix/headers"'
check "the Korean page declares its charset" 'grep -qi "^Content-Type: text/plain; charset=utf-8" "$prefix/headers"'
check "/maintenance body starts with the status line" '[ "$(head -1 "$prefix/body")" = "503 Service Unavailable" ]'
check "/maintenance body has the Korean description" '[ "$(sed -n 2p "$prefix/body")" = "$(LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e "print(require(\"httpstatus\").description(503, \"ko\"))")" ]'
nginx -p "$prefix" -c conf/nginx.conf -s reload
sleep 0.5
check "reload keeps serving" '[ "$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:8080/gone)" = 410 ]'
check "error.log holds no error" '! grep -E "\[(error|crit|alert|emerg)\]" "$prefix/logs/error.log"'
[ "$failures" -eq 0 ] || { cat "$prefix/logs/error.log" >&2; exit 1; }
echo "test_readme_nginx: the README's configuration starts, serves, reloads and stops"
