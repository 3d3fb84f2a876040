#!/usr/bin/env bash
# OpenResty for real: Debian's nginx with libnginx-mod-http-lua, on a free
# port of 127.0.0.1, with its own prefix and nginx.conf, serving locations
# that `require "httpstatus"` the way scripts do. curl checks status lines,
# headers and bodies; error.log must hold no error and no global-variable
# warning; nginx is stopped at the end whatever happens. The response-rules
# recipe of docs/reference.md runs verbatim on /rules/, and what it logs at
# [warn] is checked line by line against hs.check.
#   tests/nginx/test_nginx.sh LUAJIT_MODULE_DIR   (a CMake build's luajit/ directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
module_dir=$(cd "$1" && pwd)

nginx_setup "$module_dir"

# The response-rules recipe of docs/reference.md, verbatim: the first
# block there that starts with `header_filter_by_lua_block {` and ends with a
# `}` alone on its line. The same block as log_by_lua_block, for the
# comparison the document makes.
docs=$here/../../docs/reference.md
awk '/^header_filter_by_lua_block \{$/ { on = 1 } on { print } on && /^\}$/ { exit }' "$docs" > "$prefix/conf/recipe.conf"
grep -q 'hs.check(ngx.status, ngx.resp.get_headers()' "$prefix/conf/recipe.conf" ||
    { echo "no header_filter_by_lua_block recipe found in $docs"; exit 1; }
sed '1s/^header_filter_by_lua_block/log_by_lua_block/' "$prefix/conf/recipe.conf" > "$prefix/conf/log_recipe.conf"
chmod a+r "$prefix/conf/"*.conf

nginx_conf <<'EOF'
        default_type text/plain;

        # The recipe on every response under /rules/ (nested locations
        # inherit the filter).
        location /rules/ {
            include @PREFIX@/conf/recipe.conf;

            location = /rules/405-bare {
                return 405;
            }
            location = /rules/405-allow {
                content_by_lua_block {
                    ngx.header["Allow"] = "GET, HEAD"
                    ngx.status = 405
                    ngx.say("use GET")
                }
            }
            location = /rules/401-bare {
                return 401;
            }
            location = /rules/401-challenge {
                content_by_lua_block {
                    ngx.header["WWW-Authenticate"] = 'Basic realm="test"'
                    ngx.status = 401
                    ngx.say("who are you?")
                }
            }
            location = /rules/200 {
                content_by_lua_block {
                    ngx.say("hello")
                }
            }
            # nginx adds these fields after the Lua header filter has run
            location = /rules/405-add-header {
                add_header Allow "POST" always;
                return 405;
            }
            location = /rules/204 {
                return 204;
            }
            location = /rules/204-lua-length {
                content_by_lua_block {
                    ngx.header["Content-Length"] = 0
                    ngx.status = 204
                    ngx.send_headers()
                }
            }
        }
        # The same block in the log phase, which sees add_header's fields.
        location /log-phase/ {
            include @PREFIX@/conf/log_recipe.conf;

            location = /log-phase/405-add-header {
                add_header Allow "POST" always;
                return 405;
            }
            location = /log-phase/405-bare {
                return 405;
            }
        }
        # Whether a Lua header filter sees the Date nginx sends.
        location = /date-seen {
            header_filter_by_lua_block {
                ngx.log(ngx.WARN, "date seen by the Lua header filter: ", tostring(ngx.resp.get_headers()["date"] ~= nil))
            }
            return 200 "ok\n";
        }

        # A constant straight into ngx.exit.
        location = /missing {
            content_by_lua_block {
                local hs = require "httpstatus"
                ngx.exit(hs.NOT_FOUND)
            }
        }

        # /status/<code or name>: an error page from the table, with the
        # phrase and the Korean description; unknown keys are a 404.
        location /status/ {
            content_by_lua_block {
                local hs = require "httpstatus"
                local key = ngx.var.uri:sub(#"/status/" + 1)
                local s = hs.get(tonumber(key) or key)
                if not s then
                    return ngx.exit(hs.NOT_FOUND)
                end
                ngx.status = s.code
                ngx.header["Content-Type"] = "text/plain; charset=utf-8"
                ngx.say(tostring(s))
                ngx.say(s.name, " ", s.category, " ", s.official and "official" or s.origin)
                ngx.say(hs.description(s.code, "ko"))
            }
        }

        # /upstream?code=N: answers as a failed upstream would, with a
        # Retry-After only when repeating the request may help.
        location = /upstream {
            content_by_lua_block {
                local hs = require "httpstatus"
                local code = tonumber(ngx.var.arg_code) or hs.INTERNAL_SERVER_ERROR
                if hs.is_retryable(code) then
                    ngx.header["Retry-After"] = "5"
                end
                ngx.status = code
                ngx.say(hs.phrase(code) or "unknown status")
            }
        }

        # Bad input is a Lua error a handler can catch: the query string is a
        # string, not a code.
        location = /bad {
            content_by_lua_block {
                local hs = require "httpstatus"
                local ok, err = pcall(hs.phrase, ngx.var.arg_code)
                local ok2, err2 = pcall(hs.is_success, 404.5)
                local ok3, err3 = pcall(hs.description, 404, "fr")
                ngx.status = (ok or ok2 or ok3) and hs.OK or hs.BAD_REQUEST
                ngx.say(err)
                ngx.say(err2)
                ngx.say(err3)
            }
        }

        # Constants with ngx.status, and a status table that refuses new keys.
        location = /created {
            content_by_lua_block {
                local hs = require "httpstatus"
                ngx.status = hs.CREATED
                local ok = pcall(function() hs.get(201).extra = 200 end)
                ngx.say(hs.phrase(ngx.status), " ", ok and "writable" or "read-only")
            }
        }

        # Error pages as JSON: the status object itself, through cjson.
        location = /json_missing {
            error_page 404 /json_error;
            return 404;
        }
        location = /json_error {
            internal;
            default_type application/json;
            content_by_lua_block {
                local cjson = require "cjson"
                local hs = require "httpstatus"
                ngx.say(cjson.encode(hs.get(ngx.status)))
            }
        }

        location = / {
            return 204;
        }
EOF
nginx_start

# fetch PATH: sets status_line, headers and body
fetch() {
    local out
    out=$(curl -s -D "$prefix/headers" -o "$prefix/body" "http://127.0.0.1:$port$1") || true
    status_line=$(head -n 1 "$prefix/headers" | tr -d '\r')
    headers=$(tr -d '\r' < "$prefix/headers")
    body=$(cat "$prefix/body")
}

expect_status() { # PATH "HTTP/1.1 404 Not Found"
    fetch "$1"
    [ "$status_line" = "$2" ] || fail "$1: status line '$status_line', expected '$2'"
}

expect_body_line() { # N TEXT
    local line
    line=$(printf '%s\n' "$body" | sed -n "$1p")
    [ "$line" = "$2" ] || fail "$path: body line $1 is '$line', expected '$2'"
}

# The expected Korean text comes from the same build, in plain LuaJIT.
korean() {
    LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" \
        luajit -e "io.write(require('httpstatus').description($1, 'ko'))"
}

path=/missing
expect_status $path "HTTP/1.1 404 Not Found"

for key in 503 SERVICE_UNAVAILABLE service-unavailable; do
    path=/status/$key
    expect_status $path "HTTP/1.1 503 Service Temporarily Unavailable" # nginx's own reason phrase
    expect_body_line 1 "503 Service Unavailable"
    expect_body_line 2 "SERVICE_UNAVAILABLE server_error official"
    expect_body_line 3 "$(korean 503)"
    printf '%s\n' "$body" | sed -n 3p | LC_ALL=C grep -q $'[\xea-\xed]' || fail "$path: no Hangul in '$body'"
    grep -qi '^content-type: text/plain; charset=utf-8$' <<<"$headers" || fail "$path: content type"
done

path=/status/499
expect_status $path "HTTP/1.1 499 "
expect_body_line 1 "499 Client Closed Request"
expect_body_line 2 "CLIENT_CLOSED_REQUEST client_error nginx"
expect_body_line 3 "$(korean 499)"

path=/status/unprocessable%20entity
expect_status $path "HTTP/1.1 422 " # nginx has no reason phrase of its own for 422
expect_body_line 1 "422 Unprocessable Content"

path=/status/no_such_status
expect_status $path "HTTP/1.1 404 Not Found"

for code in 503 429 504 500 520; do
    path="/upstream?code=$code"
    fetch "$path"
    [ "${status_line%% *}" = "HTTP/1.1" ] && [ "$(cut -d' ' -f2 <<<"$status_line")" = "$code" ] ||
        fail "$path: status line '$status_line'"
    grep -qi '^retry-after: 5$' <<<"$headers" || fail "$path: no Retry-After for a retryable $code"
done
for code in 501 404 400; do
    path="/upstream?code=$code"
    fetch "$path"
    [ "$(cut -d' ' -f2 <<<"$status_line")" = "$code" ] || fail "$path: status line '$status_line'"
    ! grep -qi '^retry-after:' <<<"$headers" || fail "$path: Retry-After for $code, which is not retryable"
done
path="/bad?code=404"
expect_status "$path" "HTTP/1.1 400 Bad Request"
expect_body_line 1 "bad argument #1 to 'phrase' (integer expected, got string)"
expect_body_line 2 "bad argument #1 to 'is_success' (number has no integer representation)"
expect_body_line 3 "bad argument #2 to 'description' (invalid language \"fr\")"

path=/bad
expect_status "$path" "HTTP/1.1 400 Bad Request"
expect_body_line 1 "bad argument #1 to 'phrase' (integer expected, got nil)"

path=/created
expect_status $path "HTTP/1.1 201 Created"
expect_body_line 1 "Created read-only"

# The JSON error page: every field of the status object, decoded by cjson in
# plain LuaJIT and compared with hs.get(404) field by field.
path=/json_missing
expect_status $path "HTTP/1.1 404 Not Found"
grep -qi '^content-type: application/json$' <<<"$headers" || fail "$path: content type"
grep -q '"code":404' <<<"$body" || fail "$path: no \"code\":404 in '$body'"
grep -q '"phrase":"Not Found"' <<<"$body" || fail "$path: no \"phrase\":\"Not Found\" in '$body'"
check=$(LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e '
    local cjson, hs = require "cjson", require "httpstatus"
    local got, want, n = cjson.decode(io.read("*a")), hs.get(404), 0
    for k, v in pairs(want) do
        n = n + 1
        if type(v) == "table" then
            if #got[k] ~= #v then print("wrong " .. k) end
            for i = 1, #v do if got[k][i] ~= v[i] then print("wrong " .. k) end end
        elseif got[k] ~= v then
            print("wrong " .. k .. ": " .. tostring(got[k]))
        end
    end
    for k in pairs(got) do n = n - 1 end
    if n ~= 0 then print("not the same number of fields") end
    print("checked")' <<<"$body")
[ "$check" = checked ] || fail "$path: the JSON body is not hs.get(404): $check"

# The response rules recipe: requests now, the log read once nginx has stopped.
rules_fetch() { # METHOD PATH [curl options]: sets headers
    local method=$1 path=$2
    shift 2
    curl -s -X "$method" -D "$prefix/headers" -o /dev/null "$@" "http://127.0.0.1:$port$path" || true
    headers=$(tr -d '\r' < "$prefix/headers")
}
for path in /rules/405-bare /rules/405-allow /rules/401-bare /rules/401-challenge /rules/200 \
            /log-phase/405-add-header /log-phase/405-bare; do
    rules_fetch GET $path
done
rules_fetch DELETE /rules/405-allow
rules_fetch GET /rules/200 --http1.0
rules_fetch HEAD /rules/200 -I
rules_fetch GET /rules/405-add-header
grep -qi '^allow: POST$' <<<"$headers" || fail "/rules/405-add-header: the response has no Allow"
rules_fetch GET /rules/204
grep -qi '^content-length:' <<<"$headers" && fail "/rules/204: nginx sent a Content-Length with 204"
rules_fetch GET /rules/204-lua-length
grep -qi '^content-length: 0$' <<<"$headers" || fail "/rules/204-lua-length: nginx sent no Content-Length"
rules_fetch GET /date-seen
grep -qi '^date: ' <<<"$headers" || fail "/date-seen: the response has no Date"

# Every worker request above ran; now stop nginx and read its log.
nginx_stop
errors=$(nginx_log_errors)
if [ -n "$errors" ]; then
    fail "error.log has errors:"
    echo "$errors"
fi

# What the recipe logs for each request: one line per finding, at [warn],
# "httpstatus: METHOD URI STATUS: " and then the finding as hs.check gives it
# (tostring: level, id, message, reference), computed here in plain LuaJIT.
finding() { # STATUS RULE_ID: the text of that finding of hs.check for STATUS
    LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e "
        local hs = require 'httpstatus'
        for _, case in ipairs{ { {}, {} }, { { allow = 'GET' }, { method = 'GET' } },
                               { { ['content-length'] = '0' }, {} } } do
            for _, f in ipairs(hs.check($1, case[1], case[2])) do
                if f.id == '$2' then io.write(tostring(f)) return end
            end
        end"
}
logged() { # "METHOD URI": the recipe's lines for that request
    grep -F ": httpstatus: $1 " "$prefix/logs/error.log" | grep -F '[warn]' |
        sed 's/^.*\[lua\] [^ ]*: httpstatus: //; s/, client: .*$//; s/ while logging request$//' || true
}
expect_logged() { # "METHOD URI" "STATUS: RULE_ID" ...: exactly these findings, in this order
    local request=$1 expected="" item
    shift
    for item in "$@"; do
        expected+="$request ${item%%:*}: $(finding "${item%%:*}" "${item#*: }")"$'\n'
    done
    local got
    got=$(logged "$request")
    [ "$got" = "${expected%$'\n'}" ] || fail "the recipe logged for $request:"$'\n'"$got"$'\n'"expected:"$'\n'"${expected%$'\n'}"
}
expect_logged "GET /rules/405-bare" "405: allow-missing"
expect_logged "GET /rules/401-bare" "401: www-authenticate-missing"
expect_logged "GET /rules/405-allow" "405: method-in-allow"
expect_logged "DELETE /rules/405-allow"
expect_logged "GET /rules/401-challenge"
expect_logged "GET /rules/200"
expect_logged "HEAD /rules/200"
# Before nginx's own header filters: add_header's Allow and the Content-Length
# that nginx removes from a 204 are as the Lua header filter sees them.
expect_logged "GET /rules/405-add-header" "405: allow-missing"
expect_logged "GET /rules/204" "204: content-length-forbidden"
expect_logged "GET /rules/204-lua-length" "204: content-length-forbidden"
expect_logged "GET /log-phase/405-add-header"
expect_logged "GET /log-phase/405-bare" "405: allow-missing"
[ "$(grep -c 'date seen by the Lua header filter: false' "$prefix/logs/error.log")" = 1 ] ||
    fail "a Lua header filter saw a Date field (or did not run): $(grep 'date seen' "$prefix/logs/error.log")"
grep -q '\[warn\].*httpstatus: GET /rules/405-bare 405: must allow-missing: A 405 response must carry Allow' \
    "$prefix/logs/error.log" || fail "no allow-missing line at [warn] for GET /rules/405-bare"

nginx_report_failures
echo "ok: nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') with ngx_lua served every location on 127.0.0.1:$port"
