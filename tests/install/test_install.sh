#!/usr/bin/env bash
# `cmake --install --prefix P` into a fresh prefix, then programs that use the
# installed header and library:
#   - C, through pkg-config (the shared library, found at run time through the
#     .pc file's rpath, under `env -i`) and through find_package (static);
#   - C++ under g++ -Wall -Wextra -Wpedantic -Werror, initialising
#     hs_check_options with HS_CHECK_OPTIONS_INIT and with `= {}`;
#   - the same after the installed tree is moved elsewhere.
# The prefix is not the configured one, and the tree is moved after the
# install, so this also proves the .pc file is relocatable.
# Usage: test_install.sh BUILD_DIR C_COMPILER [CXX_COMPILER, default g++]
# shellcheck disable=SC2046,SC2086 # pkg-config's flags are split into words on purpose
set -eu
build=$1 cc=$2 cxx=${3:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/elsewhere"
command -v "$cxx" >/dev/null || { echo "FAIL: no C++ compiler '$cxx' (scripts/deps test installs g++)" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/httpstatus"
"$prefix/bin/httpstatus" 404 | grep -q '^404 Not Found$'

# hs_get, a predicate, and hs_check with options initialised by the macro: the
# strictest C warnings the project uses for its own code.
cat >"$work/main.c" <<'C'
#include <httpstatus.h>
#include <stdio.h>
int main(void) {
    hs_check_options opt = HS_CHECK_OPTIONS_INIT;
    hs_header date = {"Date", 4, "Sun, 06 Nov 1994 08:49:37 GMT", 29};
    hs_finding found[4];
    size_t n = hs_check(405, &date, 1, &opt, found, 4);
    puts(hs_get(404)->phrase);
    return hs_is_error(404) && n == 1 && hs_rule_at(found[0].rule) != NULL ? 0 : 1;
}
C

pcdir=$(dirname "$(find "$prefix" -name httpstatus.pc)")
export PKG_CONFIG_PATH="$pcdir"
libs=$(pkg-config --libs httpstatus)
# The rpath (and -L) a program gets: the installed library's directory,
# written without a doubled or trailing slash.
rpath=$(printf '%s\n' $libs | sed -n 's/^-Wl,-rpath,//p')
[ -n "$rpath" ] || { echo "FAIL: pkg-config --libs has no rpath: $libs" >&2; exit 1; }
case "$rpath" in
    *//* | */) echo "FAIL: the rpath is not normalised: $rpath" >&2; exit 1 ;;
esac
[ "$(cd "$rpath" && pwd -P)" = "$(cd "$prefix/lib" && pwd -P)" ] ||
    { echo "FAIL: the rpath $rpath is not the installed lib directory $prefix/lib" >&2; exit 1; }
printf '%s\n' $libs | grep -qx -- "-L$rpath" || { echo "FAIL: -L and the rpath differ: $libs" >&2; exit 1; }
echo "pkg-config: $libs"

# Linked against the shared library; the .pc file's rpath finds it, so the
# program runs in a clean environment with no LD_LIBRARY_PATH.
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "$work/main.c" -o "$work/via_pkgconfig" \
    $(pkg-config --cflags httpstatus) $libs
[ "$(env -i "$work/via_pkgconfig")" = "Not Found" ]
readelf -d "$work/via_pkgconfig" | grep -E 'R(UN)?PATH' | grep -qF "[$rpath]" ||
    { readelf -d "$work/via_pkgconfig" | grep -E 'R(UN)?PATH' >&2; echo "FAIL: the program's RUNPATH is not $rpath" >&2; exit 1; }

# C++: the header compiles under g++'s strict warnings, and both ways of
# initialising hs_check_options mean "nothing known, report everything".
cat >"$work/options.cpp" <<'CXX'
#include <httpstatus.h>
#include <cstdio>
#include <cstring>

static size_t ids(const hs_check_options &opt, int code, const hs_header *fields, size_t count, char *out, size_t cap) {
    hs_finding found[16];
    size_t n = hs_check(code, fields, count, &opt, found, 16);
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 16; i++) {
        std::strncat(out, hs_rule_at(found[i].rule)->id, cap - std::strlen(out) - 2);
        std::strncat(out, " ", cap - std::strlen(out) - 1);
    }
    return n;
}

int main() {
    hs_check_options by_macro = HS_CHECK_OPTIONS_INIT;
    hs_check_options by_braces = {};
    const hs_header fields[] = {{"Date", 4, "Sun, 06 Nov 1994 08:49:37 GMT", 29}};
    int failures = 0;
    // 405 without Allow (must), 503 without Retry-After (info: reported at the
    // default level), 201 without Location (info), 100 with Content-Length.
    const int codes[] = {405, 503, 201, 304, 418};
    for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
        char a[512], b[512];
        size_t na = ids(by_macro, codes[c], fields, 1, a, sizeof a);
        size_t nb = ids(by_braces, codes[c], fields, 1, b, sizeof b);
        if (na == HS_CHECK_INVALID || na != nb || std::strcmp(a, b) != 0) {
            std::printf("%d: HS_CHECK_OPTIONS_INIT gives %zu [%s], {} gives %zu [%s]\n", codes[c], na, a, nb, b);
            failures++;
        }
    }
    char a[512];
    ids(by_macro, 405, fields, 1, a, sizeof a);
    if (std::strcmp(a, "allow-missing ") != 0) { std::printf("405: [%s]\n", a); failures++; }
    ids(by_macro, 503, fields, 1, a, sizeof a);
    if (std::strcmp(a, "retry-after-suggested ") != 0) { std::printf("503: [%s]\n", a); failures++; }
    if (by_macro.level != HS_INFO || by_braces.level != HS_INFO || by_macro.method != NULL ||
        by_macro.content != HS_CONTENT_UNKNOWN || by_macro.version != HS_VERSION_UNSET) {
        std::printf("the options do not start as nothing known\n");
        failures++;
    }
    std::puts(failures ? "FAIL" : "C++ ok");
    return failures != 0;
}
CXX
cxxflags=(-std=c++11 -Wall -Wextra -Wpedantic -Werror)
"$cxx" "${cxxflags[@]}" "$work/options.cpp" -o "$work/options" $(pkg-config --cflags --libs httpstatus)
[ "$(env -i "$work/options")" = "C++ ok" ] || { env -i "$work/options" >&2; echo "FAIL: C++ options" >&2; exit 1; }
# The flags are strict enough to mean something: the C idiom `= {0}` is a
# missing-initializer error under them, which is why the macro exists.
sed 's/hs_check_options by_braces = {};/hs_check_options by_braces = {0};/' "$work/options.cpp" >"$work/zero.cpp"
if "$cxx" "${cxxflags[@]}" -c "$work/zero.cpp" -o "$work/zero.o" $(pkg-config --cflags httpstatus) 2>"$work/zero.err"; then
    echo "FAIL: g++ ${cxxflags[*]} accepts '= {0}': the C++ check above proves nothing" >&2; exit 1
fi
grep -q 'missing-field-initializers' "$work/zero.err" ||
    { cat "$work/zero.err" >&2; echo "FAIL: '= {0}' failed for another reason" >&2; exit 1; }
echo "C++ ($cxx ${cxxflags[*]}): HS_CHECK_OPTIONS_INIT and = {} compile and agree; = {0} is refused"

# The man page and the bash completion are installed.
test -f "$prefix/share/man/man1/httpstatus.1"
test -f "$prefix/share/bash-completion/completions/httpstatus"
MANPATH="$prefix/share/man" man -P cat httpstatus 2>/dev/null | grep -q 'look up HTTP status codes' ||
    grep -q 'look up HTTP status codes' "$prefix/share/man/man1/httpstatus.1"
# As the README says: man finds the page once the prefix's bin is on PATH
# (man-db maps each PATH entry DIR/bin to DIR/share/man).
if command -v man >/dev/null && [ -f /etc/manpath.config ]; then
    [ "$(env -u MANPATH PATH="$prefix/bin:/usr/bin:/bin" man -w httpstatus)" = "$prefix/share/man/man1/httpstatus.1" ] ||
        { echo "FAIL: with $prefix/bin on PATH, man -w httpstatus is '$(env -u MANPATH PATH="$prefix/bin:/usr/bin:/bin" man -w httpstatus 2>&1)'" >&2; exit 1; }
fi
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

# Moved after the install: pkg-config follows the .pc file to its new place.
mv "$prefix" "$work/moved"
export PKG_CONFIG_PATH="$work/moved${pcdir#"$prefix"}"
"$cc" "$work/main.c" -o "$work/after_move" $(pkg-config --cflags --libs httpstatus)
[ "$(env -i "$work/after_move")" = "Not Found" ]
case "$(pkg-config --libs httpstatus)" in *"$work/moved/"*) ;; *) echo "FAIL: after the move, pkg-config still says $(pkg-config --libs httpstatus)" >&2; exit 1 ;; esac
echo "test_install: pkg-config and find_package both link and print Not Found, C++ included, and again after the tree moved"
