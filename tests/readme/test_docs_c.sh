#!/usr/bin/env bash
# Every ```c block of README.md and docs/reference.md, compiled against this
# build's library as C (gcc -std=c99) and as C++ (g++ -std=c++11), both with
# -Wall -Wextra -Wpedantic -Werror, and run. A block without main() is a run
# of statements: it becomes the body of main(), after <httpstatus.h>,
# <stdio.h> and <stdbool.h> (unused variables allowed: an example shows a
# call, not what is done with its result). When the text right after a block
# says "This prints `...`", the program must print that (white space folded).
#   tests/readme/test_docs_c.sh SOURCE_DIR INCLUDE_DIR STATIC_LIBRARY [CC [CXX]]
set -euo pipefail
src=$1 include=$2 library=$3 cc=${4:-cc} cxx=${5:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v "$cxx" >/dev/null || { echo "FAIL: no C++ compiler '$cxx' (scripts/deps test installs g++)" >&2; exit 1; }

warnings=(-Wall -Wextra -Wpedantic -Werror -Wno-unused-variable -Wno-unused-but-set-variable)
count=0 failures=0
for doc in README.md docs/reference.md; do
    # Each block into its own file, and what the text after it says it prints.
    awk -v dir="$work" -v doc="$(basename "$doc" .md)" '
        /^```c$/ { n++; file = dir "/" doc "-" n; inside = 1; printf "" > (file ".c"); next }
        inside && /^```$/ { inside = 0; after = 1; close(file ".c"); next }
        inside { print > (file ".c"); next }
        after && /^$/ { next }
        after { after = 0
                if ($0 ~ /^This prints `/) { says = 1; text = "" } }
        says { text = text " " $0
               if (text ~ /This prints `[^`]*`/) {
                   sub(/.*This prints `/, "", text); sub(/`.*/, "", text)
                   print text > (file ".says"); close(file ".says"); says = 0 } }
    ' "$src/$doc"
done
for block in "$work"/*.c; do
    name=$(basename "$block" .c)
    count=$((count + 1))
    program=$work/$name.program.c
    if grep -q 'main(' "$block"; then
        cp "$block" "$program"
    else
        { printf '#include <httpstatus.h>\n#include <stdbool.h>\n#include <stdio.h>\nint main(void) {\n'
          cat "$block"
          printf 'return 0;\n}\n'; } >"$program"
    fi
    cp "$program" "$work/$name.program.cpp"
    for lang in c cpp; do
        if [ $lang = c ]; then compiler=$cc std=-std=c99; else compiler=$cxx std=-std=c++11; fi
        if ! "$compiler" "$std" "${warnings[@]}" -I"$include" "$work/$name.program.$lang" "$library" -o "$work/$name.$lang" 2>"$work/$name.$lang.err"; then
            echo "FAIL: the ${name%-*} C example #${name##*-} does not compile as $lang ($compiler $std):" >&2
            cat "$work/$name.$lang.err" "$block" >&2
            failures=$((failures + 1))
            continue
        fi
        if ! "$work/$name.$lang" >"$work/$name.$lang.out" 2>&1; then
            echo "FAIL: the ${name%-*} C example #${name##*-} ($lang) exits with an error:" >&2
            cat "$work/$name.$lang.out" >&2
            failures=$((failures + 1))
            continue
        fi
        if [ -f "$work/$name.says" ]; then
            says=$(tr -s ' \n' '  ' <"$work/$name.says" | sed 's/^ //; s/ $//')
            got=$(tr -s ' \n' '  ' <"$work/$name.$lang.out" | sed 's/^ //; s/ $//')
            [ "$got" = "$says" ] || {
                echo "FAIL: the ${name%-*} C example #${name##*-} ($lang) prints '$got', the text says '$says'" >&2
                failures=$((failures + 1)); }
        fi
    done
done
[ "$count" -gt 0 ] || { echo "FAIL: no C examples found" >&2; exit 1; }
[ "$failures" -eq 0 ] || exit 1
echo "test_docs_c: $count C examples of README.md and docs/reference.md compile as C and C++ and run$(ls "$work"/*.says >/dev/null 2>&1 && echo ", printing what the text says")"
