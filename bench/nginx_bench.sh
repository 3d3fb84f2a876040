#!/usr/bin/env bash
# OpenResty benchmark: requests per second of nginx locations that use the
# Lua module against the same locations written with literal numbers and
# strings, measured side by side with wrk on loopback in one run.
#
#   bench/nginx_bench.sh --build BUILD_DIR [--tsv] [--seconds S] [--rounds N]
#
# BUILD_DIR is a CMake build directory (its luajit/ holds the module). Each
# round runs wrk for S seconds (default 3) on every location, the module and
# literal versions alternating (and which goes first alternates too); a
# figure is the median of N rounds (default 5). One nginx worker and one wrk
# thread, so the two share the cores the same way for every location. The ratio is time per request of
# the module location over the literal one; the target, at least 95% of the
# literal location's requests per second, is a ratio of at most 1/0.95.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/nginx/lib.sh"

tsv=0 seconds=3 rounds=5 build=""
while [ $# -gt 0 ]; do
    case "$1" in
        --tsv) tsv=1 ;;
        --seconds) seconds=$2; shift ;;
        --rounds) rounds=$2; shift ;;
        --build) build=$2; shift ;;
        *) echo "usage: bench/nginx_bench.sh --build BUILD_DIR [--tsv] [--seconds S] [--rounds N]" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$build" ] || { echo "bench/nginx_bench.sh: --build BUILD_DIR is required" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found (scripts/deps test)" >&2; exit 1; }

nginx_setup "$(cd "$build/luajit" && pwd)"
nginx_conf <<'EOF'
        default_type text/plain;

        location = /exit/module {
            content_by_lua_block {
                local hs = require "httpstatus"
                ngx.exit(hs.NOT_FOUND)
            }
        }
        location = /exit/literal {
            content_by_lua_block {
                ngx.exit(404)
            }
        }

        # An error page as a handler writes it: status, retry header, phrase.
        location = /page/module {
            content_by_lua_block {
                local hs = require "httpstatus"
                local code = hs.SERVICE_UNAVAILABLE
                if hs.is_retryable(code) then
                    ngx.header["Retry-After"] = "5"
                end
                ngx.status = code
                ngx.say(code, " ", hs.phrase(code))
            }
        }
        location = /page/literal {
            content_by_lua_block {
                local code = 503
                if code == 408 or code == 429 or code == 500 or code == 502 or code == 503 or code == 504 then
                    ngx.header["Retry-After"] = "5"
                end
                ngx.status = code
                ngx.say(code, " ", "Service Unavailable")
            }
        }

        location = / {
            return 204;
        }
EOF
nginx_start

url=http://127.0.0.1:$port
# The two versions of each location must answer alike before they are timed.
for pair in exit page; do
    m=$(curl -s -D - "$url/$pair/module" | tr -d '\r' | grep -viE '^(date|server):')
    l=$(curl -s -D - "$url/$pair/literal" | tr -d '\r' | grep -viE '^(date|server):')
    [ "$m" = "$l" ] || { echo "/$pair/module and /$pair/literal answer differently:"; diff <(echo "$m") <(echo "$l"); exit 1; }
done

rps() { # URL -> requests per second
    wrk -t1 -c32 -d"${seconds}s" "$1" | awk '/^Requests\/sec:/ { print $2 }'
}
median() {
    tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Warm up (LuaJIT compiles the handlers), then alternate.
wrk -t1 -c32 -d1s "$url/exit/module" >/dev/null
wrk -t1 -c32 -d1s "$url/page/module" >/dev/null
declare -A runs
for ((r = 1; r <= rounds; r++)); do
    order="module literal"
    [ $((r % 2)) -eq 0 ] && order="literal module" # neither always runs first
    for pair in exit page; do
        for kind in $order; do
            runs[$pair/$kind]="${runs[$pair/$kind]:-} $(rps "$url/$pair/$kind")"
        done
    done
done
nginx_stop
errors=$(nginx_log_errors)
[ -z "$errors" ] || { echo "error.log has errors:"; echo "$errors"; exit 1; }

target=1.053 # 1 / 0.95
status=0
[ "$tsv" -eq 1 ] || {
    echo "nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') + ngx_lua, wrk -t1 -c32, ${seconds}s per run, median of $rounds rounds"
    printf '%-16s %-17s %12s %12s %9s %7s  %s\n' operation baseline "module rps" "literal rps" "% of lit" ratio ""
}
for pair in exit page; do
    m=$(echo "${runs[$pair/module]}" | median)
    l=$(echo "${runs[$pair/literal]}" | median)
    read -r ns base ratio pct ok < <(awk -v m="$m" -v l="$l" -v t="$target" 'BEGIN {
        r = l / m; printf "%.0f %.0f %.3f %.1f %s\n", 1e9 / m, 1e9 / l, r, 100 * m / l, (r <= t ? "ok" : "MISS") }')
    [ "$ok" = ok ] || status=1
    if [ "$tsv" -eq 1 ]; then
        printf 'nginx\t%s_module_location\t%s_literal_location\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$pair" "$ns" "$base" "$ratio" "$target" "$ok"
    else
        printf '%-16s %-17s %12.0f %12.0f %8s%% %7s  %s\n' "${pair}_module" "${pair}_literal" "$m" "$l" "$pct" "$ratio" "$ok"
    fi
done
exit $status
