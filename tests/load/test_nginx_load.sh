#!/usr/bin/env bash
# nginx under load: Debian's nginx with ngx_lua and two workers, on a free
# port of 127.0.0.1, serving /api, a location that uses every part of the
# Lua API on every request. wrk drives it for a warm-up and then for the
# measured run (HS_LOAD_SECONDS, default 10), cycling through every code,
# name, alias and phrase of the table and keys that find nothing. It fails
# when any request failed or was not a 200 "ok" (the handler checks each
# answer and raises a Lua error on a wrong one), when error.log has an error
# or a global-variable warning, when a worker was replaced, or when a
# worker's resident memory (VmRSS) grew by more than 1 MB over the measured
# run. nginx is stopped at the end whatever happens (tests/nginx/lib.sh).
#   tests/load/test_nginx_load.sh LUAJIT_MODULE_DIR   (a CMake build's luajit/ directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../nginx/lib.sh"
module_dir=$(cd "$1" && pwd)
seconds=${HS_LOAD_SECONDS:-10}
warmup_seconds=${HS_LOAD_WARMUP_SECONDS:-3}
max_growth_kb=1024
workers=2
command -v wrk >/dev/null || { echo "wrk not found (scripts/deps test)" >&2; exit 1; }

# lib.sh writes a one-worker nginx.conf; this test needs two. Its writer is
# kept under another name and its output changed, so lib.sh stays as it is.
eval "lib_$(declare -f nginx_write_conf)"
nginx_write_conf() {
    lib_nginx_write_conf
    sed -i -E "s/^worker_processes [0-9a-z]+;/worker_processes $workers;/" "$prefix/conf/nginx.conf"
    grep -q "^worker_processes $workers;$" "$prefix/conf/nginx.conf" ||
        { echo "could not set worker_processes $workers in nginx.conf (has tests/nginx/lib.sh changed?)" >&2; return 1; }
}

nginx_setup "$module_dir"
nginx_conf <<'EOF'
        default_type text/plain;

        # /api?key=K&code=C: looks K up (a code or any name) and must find
        # C (0: nothing); and on every request, for every status of the
        # table: get by code and by name, phrase, description in en and ko,
        # category, every predicate, tostring; constants, all(), answers
        # out of range and pcall'd bad input. A wrong answer is a Lua error:
        # a 500 and an [error] line in error.log.
        location = /api {
            content_by_lua_block {
                local hs = require "httpstatus"
                local checks = 0
                local function expect(ok, what)
                    checks = checks + 1
                    if not ok then error("wrong answer: " .. what, 2) end
                end

                local key = ngx.unescape_uri(ngx.var.arg_key or "")
                local want = tonumber(ngx.var.arg_code)
                local found = hs.get(tonumber(key) or key)
                if want == 0 then
                    expect(found == nil, "get(" .. key:sub(1, 40) .. ") is not nil")
                else
                    expect(found ~= nil and found.code == want and hs.get(found.name) == found, "get " .. key)
                end

                local predicates = { "is_valid", "is_known", "is_official", "is_informational",
                    "is_success", "is_redirection", "is_client_error", "is_server_error", "is_error",
                    "is_redirect", "preserves_method", "is_cacheable", "is_empty", "is_retryable" }
                local all = hs.all()
                expect(#all > 60, "all()")
                for _, s in ipairs(all) do
                    local code = s.code
                    expect(hs.get(code) == s and hs.get(s.name) == s, "get " .. code)
                    expect(hs.phrase(code) == s.phrase and tostring(s) == code .. " " .. s.phrase, "phrase " .. code)
                    expect(hs.description(code) == s.description and hs.description(code, "en") == s.description,
                        "description " .. code)
                    local ko = hs.description(code, "ko")
                    expect(type(ko) == "string" and ko ~= s.description, "description ko " .. code)
                    expect(hs.category(code) == s.category, "category " .. code)
                    for _, p in ipairs(predicates) do
                        expect(hs[p](code) == s[p], p .. " " .. code)
                    end
                end
                expect(hs.is_valid(600) == false and hs.get(2 ^ 40) == nil and hs.category(99) == nil,
                    "out of range")
                expect(hs.phrase(hs.NOT_FOUND) == hs.get(404).phrase and hs.is_error(hs.IM_A_TEAPOT), "constants")

                local ok, err = pcall(hs.get, {})
                expect(not ok and err:find("bad argument #1 to 'get' (integer or string expected, got table)", 1, true), "get {}")
                ok, err = pcall(hs.phrase, 404.5)
                expect(not ok and err:find("number has no integer representation", 1, true), "phrase 404.5")
                ok, err = pcall(hs.description, 404, "fr")
                expect(not ok and err:find("invalid language", 1, true), "description fr")
                ok, err = pcall(hs.is_error, "404")
                expect(not ok and err:find("integer expected, got string", 1, true), "is_error '404'")

                ngx.status = hs.OK
                ngx.say("ok ", checks, " ", found and tostring(found) or "-")
            }
        }

        location = / {
            return 204;
        }
EOF
nginx_start

# The paths, from the module itself: every code, name, alias and phrase.
LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" \
    luajit "$here/make_paths.lua" > "$prefix/paths"

# One request by hand: the location answers what it should.
body=$(curl -s "http://127.0.0.1:$port/api?key=not%20found&code=404")
if [[ "$body" =~ ^ok\ ([0-9]+)\ 404\ Not\ Found$ ]]; then
    [ "${BASH_REMATCH[1]}" -gt 1000 ] || fail "/api made only ${BASH_REMATCH[1]} checks"
else
    fail "/api?key=not found: '$body'"
fi
nginx_report_failures

master=$(cat "$prefix/logs/nginx.pid")
# The master's children, from /proc (procps may not be installed).
worker_pids() {
    local stat line fields
    for stat in /proc/[0-9]*/stat; do
        { read -r line < "$stat"; } 2>/dev/null || continue
        read -ra fields <<<"${line##*) }" # state, ppid, ...
        if [ "${fields[1]}" = "$master" ]; then
            echo "${stat//[^0-9]/}"
        fi
    done | sort -n | tr '\n' ' '
}
rss_kb() { # PID
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# drive SECONDS LABEL: wrk on every path; fails the test on any failed or
# wrong answer.
drive() {
    local out line requests
    out=$(wrk -t 2 -c 8 -d "${1}s" --timeout 5s -s "$here/wrk_api.lua" \
        "http://127.0.0.1:$port/" -- "$prefix/paths" 2>&1) || { fail "$2: wrk failed: $out"; return; }
    line=$(grep '^requests=' <<<"$out" || true)
    echo "$2: $line"
    [ -n "$line" ] || { fail "$2: no summary from wrk: $out"; return; }
    requests=$(sed -E 's/^requests=([0-9]+).*/\1/' <<<"$line")
    [ "$requests" -ge 100 ] || fail "$2: only $requests requests in ${1}s"
    grep -q ' bad=0 connect=0 read=0 write=0 timeout=0 status=0$' <<<"$line" ||
        fail "$2: failed requests or wrong answers: $line $(grep '^first bad' <<<"$out" || true)"
}

drive "$warmup_seconds" "warm-up"
workers_before=$(worker_pids)
[ "$(wc -w <<<"$workers_before")" -eq "$workers" ] || fail "expected $workers workers, found: $workers_before"
declare -A rss_before
for pid in $workers_before; do
    rss_before[$pid]=$(rss_kb "$pid")
done
nginx_report_failures

drive "$seconds" "measured run"
workers_after=$(worker_pids)
[ "$workers_after" = "$workers_before" ] ||
    fail "workers changed during the run (a crash?): before $workers_before, after $workers_after"
for pid in $workers_before; do
    after=$(rss_kb "$pid" 2>/dev/null || echo "")
    [ -n "$after" ] || continue
    growth=$((after - rss_before[$pid]))
    echo "worker $pid: VmRSS ${rss_before[$pid]} kB -> $after kB (${growth} kB)"
    [ "$growth" -le "$max_growth_kb" ] || fail "worker $pid grew by $growth kB (more than $max_growth_kb kB)"
done

# Stop nginx first, so that everything it had to say is in error.log.
nginx_stop
errors=$(nginx_log_errors)
[ -z "$errors" ] || fail "error.log has errors: $(head -n 5 <<<"$errors")"
nginx_report_failures
echo "ok: nginx with $workers workers answered every request of ${warmup_seconds}s + ${seconds}s of wrk correctly; error.log clean; RSS within ${max_growth_kb} kB"
