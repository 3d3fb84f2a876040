#!/usr/bin/env bash
# Runs one of the README's install blocks exactly as written, as a new user
# would: in a clean copy of the checkout, with an empty HOME, the PATH of a
# fresh Debian system and no PyPI.
#
#   tests/readme/test_readme_install.sh SOURCE_DIR ROUTE
#   tests/readme/test_readme_install.sh SOURCE_DIR --routes ROUTE...
#
# A block is the ```console block after `<!-- readme-install: ROUTE -->` in
# README.md. Each `$ ` line is a command; the lines after it, up to the next
# `$ `, are what it must print on stdout (a last line `...` stands for any
# further lines; no lines: its output is not compared). The commands run in
# order in one bash, from the copy's top directory, so `export`, `eval` and
# `cd` carry over, as they do in a terminal; each must exit 0. A line
# `$ sudo apt install PKG...` is not run (the test neither has nor wants
# root's package manager): every package it names must be installed, which is
# all this machine can show. Before the commands run, the code block after
# `<!-- readme-file: NAME -->` is written to NAME in the copy, and for the
# openresty route the block after `readme-nginx-conf` to
# ~/hs-nginx/conf/nginx.conf, as the README asks the reader to.
#
# ROUTE `run` is the README's first line, `scripts/run 404`, whose first line
# of output must be "404 Not Found". With --routes, the test checks that the
# README's install blocks are exactly those routes (so a new block cannot go
# untested) and that each is followed by a console block.
#
# Exit 77 (ctest: skipped) when the route needs an interpreter this machine
# does not have (python_wheel's python3.12 on a plain Debian).
set -euo pipefail
src=$(cd "$1" && pwd)
readme=$src/README.md
shift

routes_in_readme() { sed -n 's/^<!-- readme-install: \([a-z0-9_]*\) -->$/\1/p' "$readme"; }

if [ "${1:-}" = --routes ]; then
    shift
    want=$(printf '%s\n' run "$@" | sort)
    have=$( (echo run; routes_in_readme) | sort)
    if [ "$want" != "$have" ]; then
        echo "FAIL: the README's install blocks and the tested routes differ (< tested, > in README):" >&2
        diff <(echo "$want") <(echo "$have") >&2 || true
        exit 1
    fi
    for r in $(routes_in_readme); do
        awk -v m="<!-- readme-install: $r -->" '$0 == m { getline; ok = ($0 == "```console") } END { exit !ok }' "$readme" ||
            { echo "FAIL: readme-install: $r is not directly followed by a \`\`\`console block" >&2; exit 1; }
    done
    echo "test_readme_install: the README's install blocks are exactly the routes tested: $(echo "$have" | tr '\n' ' ')"
    exit 0
fi

route=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-readme-$route.XXXXXX")
nginx_prefix=$work/home/hs-nginx
cleanup() {
    # An nginx the block started (and did not stop, or is still stopping).
    local pid
    pid=$(cat "$nginx_prefix/logs/nginx.pid" 2>/dev/null) || pid=""
    if [ -n "$pid" ]; then
        /usr/sbin/nginx -p "$nginx_prefix" -c conf/nginx.conf -s quit 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The block: the lines of the fenced block after the marker.
block() {
    awk -v m="$1" '$0 == m { armed = 1; next }
        armed && !inside && /^```/ { inside = 1; next }
        inside && /^```$/ { exit }
        inside { print }' "$readme"
}

# The environment of a fresh Debian login, with HOME empty and no PyPI. The
# original HOME is needed only to find pyenv's interpreters.
pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
umask 022
mkdir -p "$work/home" "$work/out"
chmod 755 "$work" "$work/home" # nginx's workers (nobody, when the test runs as root) read the rock tree
for v in $(env | sed -n 's/^\(PIP_[A-Z_]*\|PYTHON[A-Z_]*\|LUA_[A-Z0-9_]*\|LUAROCKS_[A-Z_]*\|PKG_CONFIG_[A-Z_]*\|VIRTUAL_ENV\|XDG_[A-Z_]*\|CONDA_[A-Z_]*\|PYENV_[A-Z_]*\|LD_LIBRARY_PATH\|CMAKE_[A-Z_]*\|CC\|CFLAGS\|LDFLAGS\)=.*/\1/p'); do
    unset "$v"
done
export HOME=$work/home
# A user's PATH on Debian (/etc/profile): no sbin, so nginx is /usr/sbin/nginx.
export PATH=/usr/local/bin:/usr/bin:/bin
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_CACHE_DIR=1

# A clean copy: the files git tracks or would add, or, outside git, the tree
# without build output.
copy=$work/checkout
mkdir "$copy"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard |
        tar --null --ignore-failed-read -T - -cf -) | tar -C "$copy" -xf -
else
    tar -C "$src" --exclude='./build*' --exclude='./dist' --exclude='./.venv*' --exclude='*.o' --exclude='*.so' -cf - . |
        tar -C "$copy" -xf -
fi

if [ "$route" = run ]; then
    # The README's first two lines: `scripts/run 404` and `scripts/test`.
    first=$(sed -n '3p' "$readme" | sed 's/#.*//; s/^ *//; s/ *$//')
    second=$(sed -n '4p' "$readme" | sed 's/#.*//; s/^ *//; s/ *$//')
    if [ "$first" != "scripts/run 404" ] || [ "$second" != "scripts/test" ]; then
        echo "FAIL: the README's first commands are not 'scripts/run 404' and 'scripts/test': '$first', '$second'" >&2
        exit 1
    fi
    (cd "$copy" && eval "$first") >"$work/out/run" 2>"$work/out/run.err" ||
        { cat "$work/out/run.err" >&2; echo "FAIL: $first exited $?" >&2; exit 1; }
    [ "$(head -1 "$work/out/run")" = "404 Not Found" ] ||
        { cat "$work/out/run" "$work/out/run.err" >&2; echo "FAIL: $first did not print 404 Not Found" >&2; exit 1; }
    echo "test_readme_install: '$first' in a clean copy prints $(head -1 "$work/out/run")"
    exit 0
fi

marker="<!-- readme-install: $route -->"
grep -qxF "$marker" "$readme" || { echo "FAIL: no '$marker' in $readme" >&2; exit 1; }
block "$marker" >"$work/block"
[ -s "$work/block" ] || { echo "FAIL: '$marker' is followed by no block" >&2; exit 1; }
grep -q '^\$ ' "$work/block" || { echo "FAIL: the $route block has no \$ command" >&2; exit 1; }

# The interpreter a route names that a fresh Debian does not have (python3.12):
# pyenv's, on PATH as the README assumes; skipped when there is none.
for name in $(grep -o '^\$ python3\.[0-9]*' "$work/block" | cut -c3- | sort -u); do
    found=""
    for candidate in "$pyenv_root"/versions/"${name#python}".*/bin/"$name" "/usr/bin/$name" "/usr/local/bin/$name"; do
        [ -x "$candidate" ] && "$candidate" -c 'import sys' 2>/dev/null && { found=$candidate; break; }
    done
    if [ -z "$found" ]; then
        echo "SKIPPED: the $route block runs $name, and this machine has none (pyenv's or /usr/bin's)"
        exit 77
    fi
    PATH=$(dirname "$found"):$PATH
    echo "$name: $found"
done

# Files the README asks the reader to save.
for name in $(sed -n 's/^<!-- readme-file: \([A-Za-z0-9_.-]*\) -->$/\1/p' "$readme"); do
    block "<!-- readme-file: $name -->" >"$copy/$name"
done
if [ "$route" = openresty ]; then
    if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
        echo "FAIL: 127.0.0.1:8080 is in use; the README's configuration listens there" >&2
        exit 1
    fi
    mkdir -p "$nginx_prefix/conf"
    awk '/readme-nginx-conf/ { armed = 1; next } armed && /^```nginx$/ { copy = 1; next }
        copy && /^```$/ { exit } copy' "$readme" >"$nginx_prefix/conf/nginx.conf"
    [ -s "$nginx_prefix/conf/nginx.conf" ] || { echo "FAIL: no readme-nginx-conf block" >&2; exit 1; }
fi

# The block into commands, each with the output it must print.
n=0
: >"$work/script"
while IFS= read -r line; do
    if [[ $line == '$ '* ]]; then
        n=$((n + 1))
        printf '%s\n' "${line#\$ }" >"$work/out/$n.cmd"
        : >"$work/out/$n.want"
    elif [ "$n" -eq 0 ]; then
        echo "FAIL: the $route block starts with output, not a \$ command: $line" >&2
        exit 1
    else
        printf '%s\n' "$line" >>"$work/out/$n.want"
    fi
done <"$work/block"

failures=0
for i in $(seq "$n"); do
    cmd=$(cat "$work/out/$i.cmd")
    if [[ $cmd == 'sudo apt install '* ]]; then
        missing=()
        for p in ${cmd#sudo apt install }; do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
        done
        [ ${#missing[@]} -eq 0 ] || { echo "FAIL: $cmd: not installed here: ${missing[*]}" >&2; exit 1; }
        echo "\$ $cmd   (not run: all installed)"
        continue
    fi
    [[ $cmd == *\\ ]] && { echo "FAIL: a command continues on the next line; write it on one: $cmd" >&2; exit 1; }
    # One shell for the whole block; each command writes its own output files.
    printf '{ %s\n} >"%s" 2>"%s" || { echo "exit $?" >"%s"; exit 1; }\n' \
        "$cmd" "$work/out/$i.stdout" "$work/out/$i.stderr" "$work/out/$i.failed" >>"$work/script"
    printf ': >"%s"\n' "$work/out/$i.ran" >>"$work/script"
done

(cd "$copy" && bash --norc --noprofile "$work/script") || true

for i in $(seq "$n"); do
    cmd=$(cat "$work/out/$i.cmd")
    [[ $cmd == 'sudo apt install '* ]] && continue
    if [ -f "$work/out/$i.failed" ]; then
        echo "FAIL: \$ $cmd: $(cat "$work/out/$i.failed")" >&2
        tail -n 30 "$work/out/$i.stdout" "$work/out/$i.stderr" >&2
        failures=$((failures + 1))
        break
    fi
    [ -f "$work/out/$i.ran" ] || { echo "FAIL: \$ $cmd did not run" >&2; failures=$((failures + 1)); break; }
    want=$work/out/$i.want
    if [ -s "$want" ]; then
        got=$work/out/$i.stdout
        if [ "$(tail -n 1 "$want")" = "..." ]; then
            lines=$(($(wc -l <"$want") - 1))
            head -n "$lines" "$want" >"$want.head"
            head -n "$lines" "$got" >"$got.head"
            want=$want.head got=$got.head
        fi
        if ! cmp -s "$want" "$got"; then
            echo "FAIL: \$ $cmd printed something else than the README shows:" >&2
            diff -u "$want" "$got" | sed 's/^/    /' >&2
            failures=$((failures + 1))
            continue
        fi
        echo "\$ $cmd   (printed what the README shows)"
    else
        echo "\$ $cmd"
    fi
done
[ "$failures" -eq 0 ] || exit 1
echo "test_readme_install: the README's $route block runs as written and prints what it shows"
