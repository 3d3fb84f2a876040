#!/usr/bin/env bash
# OpenResty for real: Debian's nginx with libnginx-mod-http-lua, on a free
# port of 127.0.0.1, with its own prefix and nginx.conf, serving locations
# that `require "httpstatus"` the way scripts do. curl checks status lines,
# headers and bodies; error.log must hold no error and no global-variable
# warning; nginx is stopped at the end whatever happens. The JSON error-page
# recipe of docs/reference.md runs verbatim. (The response-rules recipe,
# require "httpstatus.ngx", has its own test: test_ngx_helper.sh.)
#   tests/nginx/test_nginx.sh LUAJIT_MODULE_DIR   (a CMake build's luajit/ directory)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
module_dir=$(cd "$1" && pwd)

nginx_setup "$module_dir"

# The JSON error-page recipe of docs/reference.md, verbatim: from its
# `error_page ... @json_error;` line to the `}` alone on its line that ends
# the named location. It goes in the server, so every 404, 405 and 410 that
# nginx makes below is answered with it.
docs=$here/../../docs/reference.md
awk '/^error_page .*@json_error;$/ { on = 1 } on { print } on && /^\}$/ { exit }' "$docs" > "$prefix/conf/json_error.conf"
grep -q 'cjson.encode(hs.get(ngx.status))' "$prefix/conf/json_error.conf" ||
    { echo "no JSON error-page recipe found in $docs"; exit 1; }
chmod a+r "$prefix/conf/json_error.conf"

nginx_conf <<'EOF'
        default_type text/plain;
        log_not_found off; # the missing files below are missing on purpose

        include @PREFIX@/conf/json_error.conf;

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

        # Error pages as JSON (the recipe, included above): nginx's own 404,
        # 405 and 410, however they come.
        location = /json/missing { return 404; }
        location = /json/405 { return 405; }
        location = /json/gone {
            content_by_lua_block { ngx.exit(require("httpstatus").GONE) }
        }
        location = /json/file { alias @PREFIX@/html/no-such-file; }

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

# The JSON error pages: every field of the status object of the code, decoded
# by cjson in plain LuaJIT and compared with hs.get(code) field by field.
json_is_status() { # CODE: the body is hs.get(CODE) as JSON
    CODE=$1 LUA_PATH="$module_dir/?.lua;$module_dir/?/init.lua;;" LUA_CPATH="$module_dir/?.so;;" luajit -e '
        local cjson, hs = require "cjson", require "httpstatus"
        local got, want, n = cjson.decode(io.read("*a")), hs.get(tonumber(os.getenv("CODE"))), 0
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
        print("checked")' <<<"$body"
}
for case in "/json/missing 404 Not Found" "/json/405 405 Not Allowed" "/json/gone 410 Gone" \
            "/json/file 404 Not Found" "/json/no-such-location 404 Not Found"; do
    read -r path code _ <<<"$case"
    expect_status "$path" "HTTP/1.1 ${case#* }"
    grep -qi '^content-type: application/json$' <<<"$headers" || fail "$path: content type"
    grep -q "\"code\":$code" <<<"$body" || fail "$path: no \"code\":$code in '$body'"
    check=$(json_is_status "$code")
    [ "$check" = checked ] || fail "$path: the JSON body is not hs.get($code): $check"
done

# Every worker request above ran; now stop nginx and read its log.
nginx_stop
errors=$(nginx_log_errors)
if [ -n "$errors" ]; then
    fail "error.log has errors:"
    echo "$errors"
fi

nginx_report_failures
echo "ok: nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') with ngx_lua served every location on 127.0.0.1:$port"
