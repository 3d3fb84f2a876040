#!/usr/bin/env bash
# The rockspec, as users run it: `luarocks make` for Lua 5.4 and for LuaJIT
# (as OpenResty needs it), each from its own clean copy of the source (luarocks
# make leaves objects and a core.so in the tree it builds in), into its own
# temporary tree. Then, from a directory outside any source tree, the
# installed module is required and the whole busted suite runs against it.
#   tests/lua/test_rockspec.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
luajit_inc=${LUAJIT_INCDIR:-/usr/include/luajit-2.1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A clean copy: the files git knows (tracked, or new and not ignored), or
# without git everything but build output.
clean_copy() {
    mkdir -p "$1"
    if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$src" && git ls-files -z --cached --others --exclude-standard |
            tar --null --ignore-failed-read -T - -cf -) | tar -C "$1" -xf -
    else
        tar -C "$src" --exclude='./build*' --exclude='*.o' --exclude='*.so' -cf - . | tar -C "$1" -xf -
    fi
}

# install LUA_VERSION INTERPRETER [luarocks variables...]
install() {
    local version=$1 lua=$2
    shift 2
    local copy=$work/src-$version tree=$work/tree-$version
    clean_copy "$copy"
    echo "== luarocks --lua-version $version make --tree $tree $*"
    (cd "$copy" && luarocks --lua-version "$version" make --tree "$tree" httpstatus-scm-1.rockspec "$@")

    local lpath="$tree/share/lua/$version/?.lua;$tree/share/lua/$version/?/init.lua"
    local cpath="$tree/lib/lua/$version/?.so"
    mkdir -p "$work/run" && cd "$work/run"
    echo "== $lua: require \"httpstatus\" from the installed tree"
    # Only the tree on the path: nothing else can satisfy the require.
    cat > check.lua <<'LUA'
local hs = require "httpstatus"
local where = package.searchpath("httpstatus.core", package.cpath)
assert(where:sub(1, #arg[1]) == arg[1], "loaded from " .. where)
assert(hs.NOT_FOUND == 404 and hs.UNPROCESSABLE_ENTITY == 422)
assert(not math.type or math.type(hs.NOT_FOUND) == "integer")
assert(tostring(hs.get("not found")) == "404 Not Found")
assert(hs.is_retryable(503) == true and hs.is_retryable(404) == false)
assert(#hs.description(503, "ko") > 0)
assert(not pcall(hs.phrase, 404.5))
-- the OpenResty helper is installed too, and says where it runs
local helper = package.searchpath("httpstatus.ngx", package.path)
assert(helper and helper:sub(1, #arg[1]) == arg[1], "httpstatus.ngx from " .. tostring(helper))
local ok, err = pcall(require, "httpstatus.ngx")
assert(not ok and err:find("runs inside nginx with its Lua module", 1, true), err)
print("ok: " .. _VERSION .. ", " .. where)
LUA
    LUA_PATH="$lpath" LUA_CPATH="$cpath" LUA_PATH_5_4="$lpath" LUA_CPATH_5_4="$cpath" "$lua" check.lua "$tree" 2>&1 || { echo "FAIL: the module installed for $lua does not work"; exit 1; }
    test -f "$tree/lib/luarocks/rocks-$version/httpstatus/scm-1/bindings/lua/types/httpstatus.lua"
    # The README's way to find it: luarocks show --rock-dir.
    rock_dir=$(luarocks --lua-version "$version" --tree "$tree" show --rock-dir httpstatus)
    for meta in httpstatus.lua httpstatus/ngx.lua; do
        test -f "$rock_dir/bindings/lua/types/$meta" || { echo "FAIL: no LuaLS file $meta under $rock_dir"; exit 1; }
    done

    echo "== $lua: busted suite against the installed tree"
    LUA_PATH="$lpath;;" LUA_CPATH="$cpath;;" LUA_PATH_5_4="$lpath;;" LUA_CPATH_5_4="$cpath;;" \
        HS_LUA="$(command -v "$lua")" HS_MODULE_DIR="$tree/lib/lua/$version" \
        "$lua" "$(command -v busted)" --output=plainTerminal "$src/tests/lua"
}

install 5.4 lua5.4
install 5.1 luajit LUA_INCDIR="$luajit_inc"
echo "ok: both rockspec installs work"
