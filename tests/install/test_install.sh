#!/usr/bin/env bash
# `cmake --install --prefix P` into a fresh prefix, then a program that
# calls hs_get(404)->phrase is built twice, through pkg-config and through
# find_package, and must print "Not Found". The prefix is not the configured
# one, so this also proves the .pc file is relocatable.
# Usage: test_install.sh BUILD_DIR C_COMPILER
set -eu
build=$1 cc=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/elsewhere"

cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/httpstatus"
"$prefix/bin/httpstatus" 404 | grep -q '^404 Not Found$'

cat >"$work/main.c" <<'C'
#include <httpstatus.h>
#include <stdio.h>
int main(void) { puts(hs_get(404)->phrase); return hs_is_error(404) ? 0 : 1; }
C

pc=$(dirname "$(find "$prefix" -name httpstatus.pc)")
export PKG_CONFIG_PATH="$pc"
# Linked against the shared library; the .pc file's rpath finds it, so the
# program runs in a clean environment with no LD_LIBRARY_PATH.
"$cc" "$work/main.c" -o "$work/via_pkgconfig" $(pkg-config --cflags --libs httpstatus)
[ "$(env -i "$work/via_pkgconfig")" = "Not Found" ]
# The man page and the bash completion are installed.
test -f "$prefix/share/man/man1/httpstatus.1"
test -f "$prefix/share/bash-completion/completions/httpstatus"
MANPATH="$prefix/share/man" man -P cat httpstatus 2>/dev/null | grep -q 'look up HTTP status codes' ||
    grep -q 'look up HTTP status codes' "$prefix/share/man/man1/httpstatus.1"
bash -c ". '$prefix/share/bash-completion/completions/httpstatus'; COMP_WORDS=(httpstatus --la); COMP_CWORD=1; _httpstatus; [ \"\${COMPREPLY[*]}\" = --lang ]"
[ "$(pkg-config --modversion httpstatus)" = "$("$prefix/bin/httpstatus" --version | cut -d' ' -f2)" ]

mkdir "$work/consumer"
cat >"$work/consumer/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.16)
project(consumer C)
find_package(httpstatus REQUIRED)
add_executable(consumer ../main.c)
target_link_libraries(consumer PRIVATE httpstatus::httpstatus_static)
CM
cmake -S "$work/consumer" -B "$work/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$work/consumer/build" >/dev/null
[ "$("$work/consumer/build/consumer")" = "Not Found" ]
echo "test_install: pkg-config and find_package both link and print Not Found"
