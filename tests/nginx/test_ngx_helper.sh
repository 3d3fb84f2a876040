#!/usr/bin/env bash
# require "httpstatus.ngx" on a real nginx: Debian's nginx with ngx_lua on a
# free port of 127.0.0.1 (HTTP/1.x) and the next one (HTTP/2, prior
# knowledge), its error_log at warn. The recipe of docs/reference.md (one
# log_by_lua_block line) runs verbatim for the whole server; some locations
# replace it with calls that take options. curl makes each request once,
# every URI distinct; once nginx has stopped, what the module logged for each
# request must be exactly the findings expected, at the expected level, with
# the method and URI, and nothing for the responses nginx fixes after Lua
# has run (add_header Allow, return 204's Content-Length, Date) or reads
# beyond 100 fields. And LuaJIT compiles the module: no trace of it aborts over 500
# requests.
#   tests/nginx/test_ngx_helper.sh LUAJIT_MODULE_DIR   (a CMake build's luajit/ directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
module_dir=$(cd "$1" && pwd)

nginx_setup "$module_dir"
mkdir -p "$prefix/html" && echo "a static page" > "$prefix/html/page.txt" && chmod -R a+rX "$prefix/html"

docs=$here/../../docs/reference.md
grep -m1 '^log_by_lua_block {' "$docs" > "$prefix/conf/recipe.conf" ||
    { echo "no log_by_lua_block recipe found in $docs"; exit 1; }
grep -q 'require("httpstatus.ngx").log()' "$prefix/conf/recipe.conf" ||
    { echo "the recipe in $docs does not call httpstatus.ngx's log: $(cat "$prefix/conf/recipe.conf")"; exit 1; }
chmod a+r "$prefix/conf/recipe.conf"

nginx_conf <<'EOF'
        listen 127.0.0.1:@PORT2@ http2;
        default_type text/plain;
        include @PREFIX@/conf/recipe.conf;

        # What nginx adds or drops after Lua's header filter: silent.
        location = /405-add-header { add_header Allow "POST" always; return 405; }
        location = /204 { return 204; }
        location = /200 { content_by_lua_block { ngx.say("hello") } }
        location = /301 { return 301 /200; }
        location = /redirect { content_by_lua_block { ngx.redirect("/200") } }
        location /static/ { alias @PREFIX@/html/; }
        location = /205-empty {
            content_by_lua_block { ngx.status = 205; ngx.send_headers(); ngx.eof() }
        }
        location = /444 { return 444; }
        location = /405-many-fields {
            content_by_lua_block {
                for i = 1, 150 do ngx.header["X-Field-" .. i] = "v" end
                ngx.header["Allow"] = "POST" -- the 151st field
                ngx.status = 405
                ngx.say("use GET")
            }
        }

        # What the rules are for: logged once each.
        location = /405-bare { return 405; }
        location = /401-bare { return 401; }
        location = /405-allow-get { add_header Allow "GET, HEAD" always; return 405; }
        # Values judged on the fast path (lookups by name, fed to the core
        # through the FFI), which sends them on to the full check.
        location = /401-two-challenges {
            content_by_lua_block {
                ngx.header["WWW-Authenticate"] = { 'Basic realm="a"', 'Bearer realm="b"' }
                ngx.status = 401
                ngx.say("who?")
            }
        }
        location = /401-second-challenge-bad {
            content_by_lua_block {
                ngx.header["WWW-Authenticate"] = { 'Basic realm="a"', 'realm="b"' } -- a parameter, no scheme
                ngx.status = 401
                ngx.say("who?")
            }
        }
        location = /200-retry-after-bad {
            content_by_lua_block { ngx.header["Retry-After"] = "soon"; ngx.say("hello") }
        }
        location = /200-allow-101-lines {
            content_by_lua_block {
                local lines = {}
                for i = 1, 100 do lines[i] = "GET" end
                lines[101] = "GET POST" -- not a list: the 101st line, past what one lookup answers
                ngx.header["Allow"] = lines
                ngx.say("hello")
            }
        }
        location = /204-lua-length {
            content_by_lua_block { ngx.header["Content-Length"] = 0; ngx.status = 204; ngx.send_headers() }
        }
        location = /205-content { content_by_lua_block { ngx.status = 205; ngx.say("x") } }
        location = /201 { return 201 "made\n"; }
        # A 101 from Lua (curl then waits for the new protocol: --max-time 1)
        location = /101 {
            content_by_lua_block {
                ngx.status = 101
                ngx.header["Upgrade"] = "websocket"
                ngx.send_headers()
                ngx.flush(true)
            }
        }
        location = /304 { return 304; } # with nginx's own Content-Type: text/plain

        # Options.
        location = /201-info {
            log_by_lua_block { require("httpstatus.ngx").log({ level = "info" }) }
            return 201 "made\n";
        }
        location = /304-must {
            log_by_lua_block { require("httpstatus.ngx").log({ level = "must" }) }
            return 304;
        }
        location = /405-ignore {
            log_by_lua_block { require("httpstatus.ngx").log({ ignore = { "allow-missing" } }) }
            return 405;
        }
        location = /405-error {
            log_by_lua_block { require("httpstatus.ngx").log({ log_level = ngx.ERR }) }
            return 405;
        }
        location = /405-check {
            log_by_lua_block {
                local findings = require("httpstatus.ngx").check()
                local ids = {}
                for i, f in ipairs(findings) do ids[i] = f.id end
                ngx.log(ngx.WARN, "check gave ", #findings, ": ", table.concat(ids, ","), " ",
                    tostring(findings[1]))
            }
            return 405;
        }
        location = /201-check-info {
            log_by_lua_block {
                local ids = {}
                for i, f in ipairs(require("httpstatus.ngx").check({ level = "info" })) do ids[i] = f.id end
                ngx.log(ngx.WARN, "check gave ", #ids, ": ", table.concat(ids, ","))
            }
            return 201 "made\n";
        }
        location = /444-check {
            log_by_lua_block {
                local findings = require("httpstatus.ngx").check()
                ngx.log(ngx.WARN, "check gave ", #findings, " for a response nginx never sent")
            }
            return 444;
        }
        location = /bad-options {
            log_by_lua_block {
                local helper = require "httpstatus.ngx"
                for _, opts in ipairs{ "x", { levle = "must" }, { level = "warn" }, { level = 1 },
                                       { ignore = { "date-mising\0" } }, { ignore = "date-missing" },
                                       { log_level = 99 }, { log_level = "warn" }, { [1] = true } } do
                    local ok, err = pcall(helper.log, opts)
                    ngx.log(ngx.WARN, "bad options: ", ok and "accepted" or err)
                end
                local ok, err = pcall(helper.check, { log_level = ngx.WARN })
                ngx.log(ngx.WARN, "bad options: ", ok and "accepted" or err)
            }
            return 200 "ok\n";
        }

        # The other phases: refused; and what a header filter sees, which is
        # why the module runs in the log phase.
        location = /405-header-filter {
            add_header Allow "POST" always;
            header_filter_by_lua_block {
                local ok, err = pcall(require("httpstatus.ngx").check)
                ngx.log(ngx.WARN, "in the header filter: ", err)
                ngx.log(ngx.WARN, "the header filter sees Allow: ", tostring(ngx.resp.get_headers(0)["allow"]))
            }
            return 405;
        }
        location = /204-header-filter {
            header_filter_by_lua_block {
                ngx.log(ngx.WARN, "the header filter sees Content-Length: ",
                    tostring(ngx.resp.get_headers(0)["content-length"]))
            }
            return 204;
        }
        location = /content-phase {
            content_by_lua_block {
                local ok, err = pcall(require("httpstatus.ngx").log)
                ngx.say(err)
            }
        }

        # LuaJIT compiles the recipe: no trace aborts in httpstatus/ngx.lua
        # over the requests to /200?jit-N (a function LuaJIT cannot compile,
        # one that makes a closure on every call, say, runs interpreted, its
        # FFI calls the slowest way), and log() on a response that breaks no
        # rule is compiled whole: a trace from its start to its return. The
        # traces are flushed first, so that all are made while watched.
        location = /jit-watch {
            content_by_lua_block {
                local util = require "jit.util"
                local log = util.funcinfo(require("httpstatus.ngx").log)
                local seen = { aborts = 0, whole_log = 0 }
                package.loaded["test.jit_seen"] = seen
                jit.flush()
                jit.attach(function(what, tr, func)
                    local info = util.funcinfo(func)
                    local source = info.source or ""
                    -- the module, and the functions it writes out when it loads
                    if what == "abort" and (source:find("httpstatus/ngx.lua", 1, true)
                                            or source:find("=httpstatus.ngx", 1, true)) then
                        seen.aborts = seen.aborts + 1
                    elseif what == "stop" and source == log.source and info.linedefined == log.linedefined
                           and util.traceinfo(tr).linktype == "return" then
                        seen.whole_log = seen.whole_log + 1
                    end
                end, "trace")
                ngx.say("watching")
            }
        }
        location = /jit-report {
            content_by_lua_block {
                jit.attach(function() end) -- detach
                local seen = package.loaded["test.jit_seen"]
                ngx.say("aborts in httpstatus/ngx.lua: ", seen.aborts, ", whole traces of log(): ",
                    seen.whole_log > 0 and "yes" or "none")
            }
        }

        location = / { return 204; }
EOF
nginx_start

# request [curl options] PATH: one request to 127.0.0.1:$port (or, with
# --http2-prior-knowledge, $port2); its head in $prefix/headers.
request() {
    local path=${*: -1} target=$port
    [[ " $* " == *" --http2-prior-knowledge "* ]] && target=$port2
    curl -s -D "$prefix/headers" -o "$prefix/body" "${@:1:$#-1}" "http://127.0.0.1:$target$path" || true
}

many_fields=()
for i in $(seq 150); do many_fields+=(-H "X-$i: v"); done

request /405-add-header
grep -qi '^allow: POST' "$prefix/headers" || fail "/405-add-header: nginx sent no Allow"
request /204
grep -qi '^content-length:' "$prefix/headers" && fail "/204: nginx sent a Content-Length"
grep -qi '^date: ' "$prefix/headers" || fail "/204: nginx sent no Date"
request /200
request -I /200?head
request --http1.0 /200?http10
request /301
grep -qi '^location: http://127.0.0.1:[0-9]*/200' "$prefix/headers" || fail "/301: no absolute Location"
request --http2-prior-knowledge /301?h2
request /redirect
request /static/page.txt
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$prefix/headers")
[ -n "$etag" ] || fail "/static/page.txt: no ETag"
request "${many_fields[@]}" -H "If-None-Match: $etag" /static/page.txt?conditional-after-150-fields
head -1 "$prefix/headers" | grep -q '^HTTP/1.1 304' || fail "/static/page.txt with If-None-Match: not a 304"
request -H "If-None-Match: $etag" --http2-prior-knowledge /static/page.txt?h2
request /205-empty
grep -qi '^transfer-encoding: chunked' "$prefix/headers" || fail "/205-empty: not chunked, so the test proves nothing"
request /444
request /405-many-fields
request --http2-prior-knowledge /405-add-header?h2
request --http2-prior-knowledge /204?h2
request --http2-prior-knowledge /205-empty?h2
head -1 "$prefix/headers" | grep -q '^HTTP/2 205' || fail "no HTTP/2 response on port $port2"

request /405-bare
request -X DELETE /405-bare?delete
request /401-bare
request /304?unconditional
request "${many_fields[@]}" /304?unconditional-with-150-fields
request "${many_fields[@]}" -H 'If-None-Match: x' /304?conditional-after-150-fields
request /405-allow-get?x=1
request -X DELETE /405-allow-get?x=2
request /401-two-challenges
request /401-second-challenge-bad
request /200-retry-after-bad
request /200-allow-101-lines
[ "$(grep -ci '^allow: ' "$prefix/headers")" = 101 ] || fail "/200-allow-101-lines: not 101 Allow lines"
request /204-lua-length
request /205-content
request --http2-prior-knowledge /205-content?h2
request /201
request --max-time 1 /101
request --max-time 1 -H 'Upgrade: websocket' -H 'Connection: Upgrade' /101?upgrade
request --max-time 1 "${many_fields[@]}" -H 'Upgrade: websocket' -H 'Connection: Upgrade' /101?upgrade-after-150-fields
request --max-time 1 --http1.0 -H 'Upgrade: websocket' -H 'Connection: Upgrade' /101?http10
request --max-time 1 --http2-prior-knowledge /101?h2
request /201-info
request /304-must
request /405-ignore
request /405-error
request /405-check
request /201-check-info
request /444-check
request /bad-options
request /405-header-filter
request /204-header-filter
request /content-phase
content_phase_body=$(cat "$prefix/body")
request /jit-watch
curl -s "http://127.0.0.1:$port/200?jit-[1-500]" > /dev/null # one connection, URLs /200?jit-1 .. 500
request /jit-report
jit_report=$(cat "$prefix/body")

nginx_stop
log=$prefix/logs/error.log

# Lua errors, and [error] lines other than the one /405-error asks for.
errors=$(nginx_log_errors | grep -vF 'httpstatus: GET /405-error 405: ' || true)
[ -z "$errors" ] || fail "error.log has errors:"$'\n'"$errors"

# The text of a rule's finding (tostring: level, id, message, reference), from
# the same build in plain LuaJIT.
finding() {
    LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e "
        for _, r in ipairs(require('httpstatus').rules()) do
            if r.id == '$1' then io.write(tostring(r)) return end
        end
        error('no rule $1')"
}
# What the module logged for one request: "[level] METHOD URI STATUS: finding".
logged() { # "METHOD URI"
    grep -F "httpstatus: $1 " "$log" |
        sed -E 's/^[^[]*\[([a-z]+)\].* log\(\): httpstatus: (.*) while logging request, client: .*$/[\1] \2/' || true
}
expect() { # "METHOD URI" [LEVEL] "STATUS ID" ...: exactly these lines, in this order (LEVEL: warn unless given)
    local request=$1 level=warn expected="" item got
    shift
    case "${1:-}" in error|warn) level=$1; shift ;; esac
    for item in "$@"; do
        expected+="[$level] $request ${item%% *}: $(finding "${item#* }")"$'\n'
    done
    got=$(logged "$request")
    [ "$got" = "${expected%$'\n'}" ] ||
        fail "logged for $request:"$'\n'"${got:-(nothing)}"$'\n'"expected:"$'\n'"${expected%$'\n'}"
}

# Nothing for what nginx fixes after Lua has run, or sends from beyond the
# 100th field.
expect "GET /405-add-header"
expect "GET /204"
expect "GET /200"
expect "HEAD /200?head"
expect "GET /200?http10"
expect "GET /301"
expect "GET /301?h2"
expect "GET /redirect"
expect "GET /static/page.txt"
expect "GET /static/page.txt?conditional-after-150-fields"
expect "GET /static/page.txt?h2"
expect "GET /205-empty"
expect "GET /444"
expect "GET /405-many-fields"
expect "GET /405-add-header?h2"
expect "GET /204?h2"
expect "GET /205-empty?h2"

# Each finding once, with the method and the URI as sent.
expect "GET /405-bare" "405 allow-missing"
expect "DELETE /405-bare?delete" "405 allow-missing"
expect "GET /401-bare" "401 www-authenticate-missing"
expect "GET /304?unconditional" "304 metadata-in-304" "304 not-modified-unconditional"
expect "GET /304?unconditional-with-150-fields" "304 metadata-in-304" "304 not-modified-unconditional"
# The If-None-Match after 150 other fields counts: only nginx's Content-Type.
expect "GET /304?conditional-after-150-fields" "304 metadata-in-304"
expect "GET /405-allow-get?x=1" "405 method-in-allow"
expect "DELETE /405-allow-get?x=2"
expect "GET /401-two-challenges"
expect "GET /401-second-challenge-bad" "401 www-authenticate-invalid"
expect "GET /200-retry-after-bad" "200 retry-after-invalid"
expect "GET /200-allow-101-lines" "200 allow-invalid"
expect "GET /204-lua-length" "204 content-length-forbidden"
expect "GET /205-content" "205 content-forbidden"
expect "GET /205-content?h2" "205 content-forbidden"
expect "GET /201" "201 created-by-safe-method"
# The request's fields and version where a rule reads them.
expect "GET /101" "101 upgrade-unrequested"
expect "GET /101?upgrade"
expect "GET /101?upgrade-after-150-fields"
expect "GET /101?http10" "101 informational-to-http10"
expect "GET /101?h2" "101 switching-over-http2" "101 upgrade-unrequested"

# Options.
expect "GET /201-info" "201 location-suggested" "201 created-by-safe-method"
expect "GET /304-must"
expect "GET /405-ignore"
expect "GET /405-error" error "405 allow-missing"
expect "GET /405-check"
grep -qF "check gave 1: allow-missing $(finding allow-missing) while logging request" "$log" ||
    fail "check() in /405-check: $(grep -F 'check gave 1' "$log")"
grep -qF "check gave 2: location-suggested,created-by-safe-method while" "$log" ||
    fail "check({ level = \"info\" }) in /201-check-info: $(grep -F 'check gave 2' "$log")"
grep -qF "check gave 0 for a response nginx never sent" "$log" || fail "check() in /444-check"
bad_options=(
    "bad argument #1 to 'log' (table expected, got string)"
    "bad argument #1 to 'log' (unknown option 'levle')"
    "bad argument #1 to 'log' (option 'level': invalid level \"warn\", not one of \"info\", \"should\", \"must\")"
    "bad argument #1 to 'log' (option 'level': string expected, got number)"
    "bad argument #1 to 'log' (option 'ignore': unknown rule id \"date-mising\\0\")"
    "bad argument #1 to 'log' (option 'ignore': table expected, got string)"
    "bad argument #1 to 'log' (option 'log_level': an ngx log level expected (ngx.WARN, ngx.ERR, ...), got 99)"
    "bad argument #1 to 'log' (option 'log_level': an ngx log level expected (ngx.WARN, ngx.ERR, ...), got string)"
    "bad argument #1 to 'log' (option names are strings, got number)"
    "bad argument #1 to 'check' (unknown option 'log_level')"
)
got=$(grep -F 'bad options: ' "$log" | sed 's/^.*bad options: //; s/ while logging request, client: .*$//')
[ "$got" = "$(printf '%s\n' "${bad_options[@]}")" ] ||
    fail "bad options gave:"$'\n'"$got"$'\n'"expected:"$'\n'"$(printf '%s\n' "${bad_options[@]}")"

# Other phases: an error saying where to call it; and a header filter does
# not see add_header's Allow, and does see the Content-Length nginx drops.
expect "GET /405-header-filter"
grep -qF "in the header filter: httpstatus.ngx: check() runs in log_by_lua* only, where the response is known as nginx sent it (called in the header_filter phase)" "$log" ||
    fail "check() in a header filter: $(grep -F 'in the header filter' "$log")"
grep -qF "the header filter sees Allow: nil" "$log" || fail "a header filter saw add_header's Allow"
grep -qF "the header filter sees Content-Length: 0" "$log" || fail "a header filter did not see return 204's Content-Length"
[ "$content_phase_body" = "httpstatus.ngx: log() runs in log_by_lua* only, where the response is known as nginx sent it (called in the content phase)" ] ||
    fail "log() in the content phase: $content_phase_body"

[ "$jit_report" = "aborts in httpstatus/ngx.lua: 0, whole traces of log(): yes" ] || fail "LuaJIT: $jit_report"

# Nothing logged but the lines expected above: 23 findings in all.
total=$(grep -c ' log(): httpstatus: ' "$log" || true)
[ "$total" = 23 ] || fail "$total findings logged in all, expected 23:"$'\n'"$(grep -F ' log(): httpstatus: ' "$log")"

nginx_report_failures
echo "ok: httpstatus.ngx on nginx $("$NGINX" -v 2>&1 | sed 's|.*/||'), HTTP/1.x on 127.0.0.1:$port and HTTP/2 on $port2"
