# Starting and stopping a private nginx with the Lua module, for
# tests/nginx/test_nginx.sh and bench/nginx_bench.sh. Source it, then:
#
#   nginx_setup LUAJIT_MODULE_DIR   # sets $prefix (a new directory) and copies the module in
#   nginx_conf <<'EOF' ... EOF      # server-level directives (locations); written into a full nginx.conf
#   nginx_start                     # starts nginx on 127.0.0.1:$port (a free port), daemonised;
#                                   # @PORT2@ in the server block is $port2 ($port + 1), for a
#                                   # second listen (`listen 127.0.0.1:@PORT2@ http2;`);
#                                   # $nginx_main_extra, if set, is added to the main context
#   nginx_stop                      # graceful stop; nginx_setup arranges it on exit anyway
#   nginx_log_errors                # prints error.log lines at [error] or worse, and global-variable warnings
#   fail MESSAGE...                 # a test's failed check: printed and counted in $failures
#   nginx_report_failures           # when any check failed: prints nginx.conf and the end of
#                                   # error.log, and exits 1
#
# Everything nginx touches is under $prefix, so it needs no root, no
# /etc/nginx and no /var/lib/nginx. As root, nginx's workers run as nobody:
# $prefix is placed in the temporary directory and made world-readable, and
# the module is copied there, so the workers can read all they need wherever
# the checkout lives (a checkout under /root would not be readable).

NGINX=${NGINX:-nginx}

nginx_module() {
    local name=$1 dir
    for dir in /usr/lib/nginx/modules /usr/share/nginx/modules; do
        if [ -f "$dir/$name" ]; then
            echo "$dir/$name"
            return 0
        fi
    done
    echo "nginx module $name not found (install libnginx-mod-http-lua: scripts/deps test)" >&2
    return 1
}

nginx_setup() {
    local module_dir=$1
    command -v "$NGINX" >/dev/null || { echo "nginx not found (scripts/deps test)" >&2; return 1; }
    [ -f "$module_dir/httpstatus/core.so" ] || { echo "no LuaJIT build of httpstatus in $module_dir" >&2; return 1; }
    ndk_module=$(nginx_module ndk_http_module.so)
    lua_module=$(nginx_module ngx_http_lua_module.so)
    prefix=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-nginx.XXXXXX")
    trap 'nginx_stop; rm -rf "$prefix"' EXIT
    mkdir -p "$prefix/logs" "$prefix/conf" "$prefix/lua" "$prefix/temp"
    cp -R "$module_dir/httpstatus" "$prefix/lua/"
    chmod -R a+rX "$prefix"
    user_line=""
    if [ "$(id -u)" -eq 0 ]; then
        user_line="user nobody $(id -gn nobody);"
        if ! setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
                test -r "$prefix/lua/httpstatus/core.so"; then
            echo "nginx workers (user nobody) cannot read $prefix/lua/httpstatus/core.so" >&2
            return 1
        fi
    fi
}

# Reads the server block's contents from standard input. @PREFIX@, @PORT@
# and @PORT2@ are replaced when nginx starts.
nginx_conf() {
    cat > "$prefix/conf/server.in"
}

nginx_write_conf() {
    {
        cat <<EOF
load_module $ndk_module;
load_module $lua_module;
$user_line
worker_processes 1;
${nginx_main_extra:-}
pid $prefix/logs/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $prefix/temp/body;
    proxy_temp_path $prefix/temp/proxy;
    fastcgi_temp_path $prefix/temp/fastcgi;
    uwsgi_temp_path $prefix/temp/uwsgi;
    scgi_temp_path $prefix/temp/scgi;
    lua_package_path "$prefix/lua/?.lua;$prefix/lua/?/init.lua;;";
    lua_package_cpath "$prefix/lua/?.so;;";
    server {
        listen 127.0.0.1:$port;
EOF
        sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" -e "s|@PORT2@|$port2|g" "$prefix/conf/server.in"
        echo "    }"
        echo "}"
    } > "$prefix/conf/nginx.conf"
}

nginx_start() {
    local attempt
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        port2=$((port + 1))
        nginx_write_conf
        : > "$prefix/logs/error.log"
        if "$NGINX" -p "$prefix" -c "$prefix/conf/nginx.conf" -e "$prefix/logs/error.log" -g 'daemon on;' 2>>"$prefix/logs/start.log"; then
            local i
            for i in $(seq 50); do
                if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
                    return 0
                fi
                sleep 0.1
            done
            echo "nginx started but does not answer on port $port" >&2
            cat "$prefix/logs/error.log" >&2
            return 1
        fi
        if ! grep -q "Address already in use" "$prefix/logs/error.log" "$prefix/logs/start.log"; then
            echo "nginx failed to start:" >&2
            cat "$prefix/logs/start.log" "$prefix/logs/error.log" >&2
            return 1
        fi
    done
    echo "no free port found for nginx" >&2
    return 1
}

# Stops the nginx this script started (by the pid in its own pid file).
nginx_stop() {
    local pidfile=$prefix/logs/nginx.pid pid i
    [ -n "${prefix:-}" ] && [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    kill -QUIT "$pid" 2>/dev/null || true
    for i in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

nginx_log_errors() {
    grep -E '\[(error|crit|alert|emerg)\]|global (Lua )?variable' "$prefix/logs/error.log" || true
}

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

nginx_report_failures() {
    if [ "$failures" -ne 0 ]; then
        echo "== nginx.conf"
        cat "$prefix/conf/nginx.conf"
        echo "== error.log (last 40 lines)"
        tail -n 40 "$prefix/logs/error.log"
        echo "$failures check(s) failed"
        exit 1
    fi
}
