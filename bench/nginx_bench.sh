#!/usr/bin/env bash
# OpenResty benchmark: requests per second of nginx locations that use the
# Lua module against the same locations written with literal numbers and
# strings, and of a location with the response-rules recipe of
# docs/reference.md (`log_by_lua_block { require("httpstatus.ngx").log() }`,
# on every response) against the same location without it, measured side by
# side with wrk on loopback in one run.
#
#   bench/nginx_bench.sh --build BUILD_DIR [--tsv] [--seconds S] [--rounds N]
#
# BUILD_DIR is a CMake build directory (its luajit/ holds the module). Each
# round runs wrk for S seconds (default 1) on each location, the module
# version and the literal one back to back (which goes first alternates).
# Requests per second are the median of N rounds (default 25); the ratio is
# the median over rounds of literal rps / module rps (time per request of the
# module location over the literal one's), since two back-to-back runs are
# the pair least disturbed by other load. The target, at least 95% of the
# literal location's requests per second, is a ratio of at most 1/0.95; for
# the response-rules recipe, at least 90% (1/0.9).
# The nginx worker's CPU time per request (from /proc, over the same runs)
# is reported beside it: it measures the cost the module adds on the server
# and is much less disturbed by other load than requests per second are.
# One nginx worker and one wrk thread (each pinned to its own CPU when there
# are two), the same for every location.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/nginx/lib.sh"

tsv=0 seconds=1 rounds=25 build=""
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

# With two or more CPUs, the nginx worker gets CPU 1 and wrk CPU 0, so that
# neither moves around or waits for the other.
pin=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    nginx_main_extra="worker_cpu_affinity 10;"
    pin=(taskset -c 0)
fi

nginx_setup "$(cd "$build/luajit" && pwd)"
# The response-rules recipe of docs/reference.md, verbatim (as
# tests/nginx/test_ngx_helper.sh runs it).
grep -m1 '^log_by_lua_block {' "$here/../docs/reference.md" > "$prefix/conf/recipe.conf" ||
    { echo "no log_by_lua_block recipe in docs/reference.md" >&2; exit 1; }
chmod a+r "$prefix/conf/recipe.conf"
nginx_conf <<'EOF'
        default_type text/plain;

        # The same small page, with the recipe checking every response and
        # without it.
        location = /filter/module {
            include @PREFIX@/conf/recipe.conf;
            content_by_lua_block {
                ngx.header["Cache-Control"] = "max-age=60"
                ngx.say("hello")
            }
        }
        location = /filter/literal {
            content_by_lua_block {
                ngx.header["Cache-Control"] = "max-age=60"
                ngx.say("hello")
            }
        }

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
for pair in exit page filter; do
    m=$(curl -s -D - "$url/$pair/module" | tr -d '\r' | grep -viE '^(date|server):')
    l=$(curl -s -D - "$url/$pair/literal" | tr -d '\r' | grep -viE '^(date|server):')
    [ "$m" = "$l" ] || { echo "/$pair/module and /$pair/literal answer differently:"; diff <(echo "$m") <(echo "$l"); exit 1; }
done

master=$(cat "$prefix/logs/nginx.pid")
worker=""
for stat in /proc/[0-9]*/stat; do # the master's one child (no procps needed)
    if [ "$(sed 's/.*) //' "$stat" 2>/dev/null | cut -d' ' -f2)" = "$master" ]; then
        worker=$(basename "$(dirname "$stat")")
        break
    fi
done
[ -n "$worker" ] || { echo "no nginx worker process found" >&2; exit 1; }
# CPU time (ns) the nginx worker has used so far: /proc's schedstat counts
# it in nanoseconds, where stat's clock ticks (10 ms) would make each 1 s run
# a 1% step.
worker_ns() {
    if [ -r "/proc/$worker/schedstat" ]; then
        cut -d' ' -f1 "/proc/$worker/schedstat"
    else # a kernel without schedstat: utime + stime, in ticks
        sed 's/.*) //' "/proc/$worker/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f\n", ($12 + $13) * 1e9 / hz }'
    fi
}

# measure URL -> "requests_per_second worker_cpu_ns_per_request"
measure() {
    local before after out
    before=$(worker_ns)
    out=$("${pin[@]}" wrk -t1 -c32 -d"${seconds}s" "$1")
    after=$(worker_ns)
    awk -v t="$((after - before))" '
        / requests in / { n = $1 }
        /^Requests\/sec:/ { rps = $2 }
        END { printf "%s %.1f\n", rps, t / n }' <<<"$out"
}

median() {
    tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Warm up (LuaJIT compiles the handlers), then alternate.
for warm in exit/module exit/literal page/module page/literal filter/module filter/literal; do
    "${pin[@]}" wrk -t1 -c32 -d1s "$url/$warm" >/dev/null
done
declare -A rps cpu rps_ratio cpu_ratio
for ((r = 1; r <= rounds; r++)); do
    order="module literal"
    [ $((r % 2)) -eq 0 ] && order="literal module" # neither always runs first
    for pair in exit page filter; do
        declare -A this_rps=() this_cpu=()
        for kind in $order; do
            read -r this_rps[$kind] this_cpu[$kind] < <(measure "$url/$pair/$kind")
            rps[$pair/$kind]="${rps[$pair/$kind]:-} ${this_rps[$kind]}"
            cpu[$pair/$kind]="${cpu[$pair/$kind]:-} ${this_cpu[$kind]}"
        done
        # The two runs of a round are back to back, so their ratio is the
        # least disturbed by whatever else the machine is doing.
        rps_ratio[$pair]="${rps_ratio[$pair]:-} $(awk -v m="${this_rps[module]}" -v l="${this_rps[literal]}" 'BEGIN { printf "%.4f", l / m }')"
        cpu_ratio[$pair]="${cpu_ratio[$pair]:-} $(awk -v m="${this_cpu[module]}" -v l="${this_cpu[literal]}" 'BEGIN { printf "%.4f", m / l }')"
    done
done
nginx_stop
errors=$(nginx_log_errors)
[ -z "$errors" ] || { echo "error.log has errors:"; echo "$errors"; exit 1; }

declare -A label=(
    [exit/module]="ngx.exit(hs.NOT_FOUND)" [exit/literal]="ngx.exit(404)"
    [page/module]="503 page from hs" [page/literal]="503 page, literals"
    [filter/module]="httpstatus.ngx log()" [filter/literal]="no log_by_lua")
# At least 95% of the literal location's requests per second (1 / 0.95); the
# response-rules recipe, which checks every response, at least 90% (1 / 0.9).
declare -A targets=([exit]=1.053 [page]=1.053 [filter]=1.111)
status=0
if [ "$tsv" -eq 0 ]; then
    echo "nginx $("$NGINX" -v 2>&1 | sed 's|.*/||') + ngx_lua, wrk -t1 -c32, ${seconds}s per run, $rounds rounds; figures are medians,"
    echo "ratios the median of back-to-back pairs; target: module location >= 95% of the literal one (ratio <= 1.053),"
    echo "the response-rules recipe >= 90% of the same location without it (ratio <= 1.111)"
    printf '%-24s %-20s %-22s %10s %10s %7s  %s\n' location "baseline location" measure module baseline ratio ""
fi
row() { # pair measure module baseline ns ns_baseline ratio
    local ok target=${targets[$1]}
    ok=$(awk -v r="$7" -v t="$target" 'BEGIN { print (r <= t ? "ok" : "MISS") }')
    [ "$ok" = ok ] || status=1
    if [ "$tsv" -eq 1 ]; then
        printf 'nginx\t%s\t%s\t%.0f\t%.0f\t%.3f\t%s\t%s\n' "${label[$1/module]} $2" "${label[$1/literal]} $2" \
            "$5" "$6" "$7" "$target" "$ok"
    else
        printf '%-24s %-20s %-22s %10.0f %10.0f %7.3f  %s\n' "${label[$1/module]}" "${label[$1/literal]}" "$2" "$3" "$4" "$7" "$ok"
    fi
}
for pair in exit page filter; do
    m=$(echo "${rps[$pair/module]}" | median)
    l=$(echo "${rps[$pair/literal]}" | median)
    row $pair "requests/s" "$m" "$l" "$(awk -v x="$m" 'BEGIN { print 1e9 / x }')" \
        "$(awk -v x="$l" 'BEGIN { print 1e9 / x }')" "$(echo "${rps_ratio[$pair]}" | median)"
    m=$(echo "${cpu[$pair/module]}" | median)
    l=$(echo "${cpu[$pair/literal]}" | median)
    row $pair "worker CPU ns/request" "$m" "$l" "$m" "$l" "$(echo "${cpu_ratio[$pair]}" | median)"
done
exit $status
