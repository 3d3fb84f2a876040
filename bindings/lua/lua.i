/*
 * Lua specifics of the SWIG interface, included by bindings/httpstatus.i.
 *
 * This builds the private C module `httpstatus.core`; users require
 * `httpstatus` (bindings/lua/httpstatus/init.lua), which reads the whole
 * table from here once and answers every lookup from plain Lua tables.
 * Generate with `swig -lua -nomoduleglobal`, so `require` returns the module
 * table instead of also storing it in a global.
 *
 * SWIG's stock Lua typemaps push C integers as floats (404.0 in Lua 5.4) and
 * convert arguments with (int)lua_tonumber(), which silently truncates 404.5
 * and is undefined behaviour for NaN, infinities and huge numbers. The
 * typemaps below replace them.
 */
%module httpstatus_core

%{
#include <limits.h>
#include <math.h>
#include <string.h>

/* A number argument with an integral value, in the luaL style of error for
 * anything else. Out-of-range values saturate at lo or hi instead of being
 * wrapped around, so that 2^32 + 404 can never become 404. */
static lua_Integer hs_lua_checkintegral(lua_State *L, int arg, lua_Integer lo, lua_Integer hi)
{
    if (lua_type(L, arg) != LUA_TNUMBER)
        luaL_argerror(L, arg, lua_pushfstring(L, "integer expected, got %s", luaL_typename(L, arg)));
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, arg)) {
        lua_Integer v = lua_tointeger(L, arg);
        return v < lo ? lo : v > hi ? hi : v;
    }
#endif
    lua_Number n = lua_tonumber(L, arg);
    if (!(n == floor(n)) || isinf(n)) /* NaN fails the comparison */
        luaL_argerror(L, arg, "number has no integer representation");
    /* lo and hi are exact as doubles for the int and size_t ranges used here */
    return n < (lua_Number)lo ? lo : n > (lua_Number)hi ? hi : (lua_Integer)n;
}

/* A status code: any integral number; a code beyond int saturates to
 * INT_MIN or INT_MAX, which the core answers as it answers any invalid code. */
static int hs_lua_checkcode(lua_State *L, int arg)
{
    return (int)hs_lua_checkintegral(L, arg, INT_MIN, INT_MAX);
}

/* An index for hs_at, hs_alias and hs_search: negative or huge means past
 * the end (the core then answers NULL or hs_count()). */
static size_t hs_lua_checkindex(lua_State *L, int arg)
{
    lua_Integer max = (lua_Integer)1 << 52;
    lua_Integer v = hs_lua_checkintegral(L, arg, -1, max);
    return v < 0 ? (size_t)max : (size_t)v;
}

/* SWIG's init function also stores two helpers, swig_type and swig_equals,
 * as globals. The module must set no globals, so SWIG's init is renamed and
 * wrapped: whatever those two globals held before (usually nil) is put back.
 * The static declaration gives the renamed definition internal linkage. */
#undef SWIG_init
#define SWIG_init hs_lua_swig_init
static int SWIG_init(lua_State *L);

/* SWIG's init fills process-wide tables (swig_module, the type list) the
 * first time it runs, without a lock: two threads loading the module into
 * two lua_States at once would corrupt them. One mutex makes every load
 * wait for the others; after that the tables are only read. */
#if !defined(_WIN32)
#include <pthread.h>
static pthread_mutex_t hs_lua_init_lock = PTHREAD_MUTEX_INITIALIZER;
#define HS_LUA_INIT_LOCK() pthread_mutex_lock(&hs_lua_init_lock)
#define HS_LUA_INIT_UNLOCK() pthread_mutex_unlock(&hs_lua_init_lock)
#else
#define HS_LUA_INIT_LOCK() 0
#define HS_LUA_INIT_UNLOCK() ((void)0)
#endif

SWIGEXPORT int luaopen_httpstatus_core(lua_State *L)
{
    static const char *const swig_globals[] = {"swig_type", "swig_equals"};
    int globals = lua_gettop(L) + 1;
    lua_pushglobaltable(L);
    for (int i = 0; i < 2; i++) {
        lua_pushstring(L, swig_globals[i]);
        lua_rawget(L, globals); /* saved at globals + 1 + i */
    }
    /* Protected, so that an error inside SWIG_init (out of memory) cannot
     * longjmp past the unlock; it leaves the module table on top. */
    lua_pushcfunction(L, SWIG_init);
    if (HS_LUA_INIT_LOCK() != 0)
        return luaL_error(L, "httpstatus.core: cannot take the module's load lock");
    int status = lua_pcall(L, 0, 1, 0);
    HS_LUA_INIT_UNLOCK();
    if (status != 0)
        return lua_error(L);
    /* SWIG gives the module table a metatable of its own (__index and
     * __newindex that read ".get"/".set" tables with no check of their
     * arguments, so that getmetatable(core).__index(nil) crashed). The module
     * wraps no variables, so nothing needs it: the module is a plain table of
     * C functions and constants. */
    lua_pushnil(L);
    lua_setmetatable(L, -2);
    for (int i = 0; i < 2; i++) {
        lua_pushstring(L, swig_globals[i]);
        lua_pushvalue(L, globals + 1 + i);
        lua_rawset(L, globals);
    }
    return 1; /* the module table, on top */
}
%}

/* ---- what Lua sees of the core ----------------------------------------
 *
 * No C struct reaches Lua. A row (hs_status) or an hs_value wrapped by SWIG
 * is a userdata whose metatable holds getters, __tostring, __index and __gc
 * written for SWIG's own calls: called by hand with anything else (nil, a
 * table) they read through a NULL or foreign pointer and crash the process,
 * pcall or not. So the functions that return rows or fill an hs_value are
 * not wrapped; the three helpers below answer with plain Lua values instead,
 * and every function of the module checks every argument (luaL-style errors). */
%ignore hs_status;
%ignore hs_value;
%ignore hs_get;
%ignore hs_at;
%ignore hs_find;
%ignore hs_field_value;

%{
#include "httpstatus.h"

/* hs_code_at(i): the code of row i (ascending), nil past the end. */
static int hs_lua_code_at(lua_State *L)
{
    const hs_status *row = hs_at(hs_lua_checkindex(L, 1));
    if (row == NULL)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)row->code);
    return 1;
}

/* hs_find_code(s): the code hs_find finds for the string s (its length
 * passed, so a NUL inside never matches), nil when none. */
static int hs_lua_find_code(lua_State *L)
{
    size_t len;
    const char *s;
    const hs_status *row;
    if (lua_type(L, 1) != LUA_TSTRING)
        return luaL_argerror(L, 1, lua_pushfstring(L, "string expected, got %s", luaL_typename(L, 1)));
    s = lua_tolstring(L, 1, &len);
    row = hs_find(s, len);
    if (row == NULL)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)row->code);
    return 1;
}

/* hs_field(code, i): field i of the surface list (hs_field_name(i)) of a
 * code's row as a Lua value: an integer, a boolean, a string, or for a
 * STRINGS field a new table of its strings (empty when it has none). nil
 * when the code is not in the table or i is past the end. */
static int hs_lua_field(lua_State *L)
{
    int code = hs_lua_checkcode(L, 1);
    size_t i = hs_lua_checkindex(L, 2);
    hs_value v;
    if (hs_get(code) == NULL || i >= hs_field_count()) {
        lua_pushnil(L);
        return 1;
    }
    if (hs_field_kind(i) == HS_STRINGS) {
        size_t j;
        lua_newtable(L);
        for (j = 0; hs_field_value(code, i, j, &v); j++) {
            lua_pushstring(L, v.string);
            lua_rawseti(L, -2, (int)j + 1);
        }
        return 1;
    }
    if (!hs_field_value(code, i, 0, &v))
        lua_pushnil(L);
    else if (v.kind == HS_INTEGER)
        lua_pushinteger(L, (lua_Integer)v.integer);
    else if (v.kind == HS_BOOLEAN)
        lua_pushboolean(L, v.integer != 0);
    else
        lua_pushstring(L, v.string);
    return 1;
}
%}
%native(hs_code_at) int hs_lua_code_at(lua_State *L);
%native(hs_find_code) int hs_lua_find_code(lua_State *L);
%native(hs_field) int hs_lua_field(lua_State *L);

%typemap(in) int %{ $1 = hs_lua_checkcode(L, $input); %}
%typemap(in) size_t %{ $1 = hs_lua_checkindex(L, $input); %}

/* A byte string with its length, so that a NUL inside reaches hs_find and
 * hs_search (where it never matches) instead of ending the string early. */
%typemap(in) (const char *s, size_t len), (const char *query, size_t len) {
    if (lua_type(L, $input) != LUA_TSTRING)
        luaL_argerror(L, $input, lua_pushfstring(L, "string expected, got %s", luaL_typename(L, $input)));
    $1 = ($1_ltype)lua_tolstring(L, $input, &$2);
}

/* A language name: one with a NUL inside names no language (rather than
 * the one before the NUL), so the core is given NULL for it. */
%typemap(in) const char *lang {
    size_t len;
    if (lua_type(L, $input) != LUA_TSTRING)
        luaL_argerror(L, $input, lua_pushfstring(L, "string expected, got %s", luaL_typename(L, $input)));
    $1 = ($1_ltype)lua_tolstring(L, $input, &len);
    if (strlen($1) != len)
        $1 = NULL;
}

/* Integers come back as Lua integers (math.type "integer" in 5.4). */
%typemap(out) int %{ lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; %}
%typemap(out) size_t %{ lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; %}

/* Predicates come back as booleans (SWIG's default, kept explicit: a C 0
 * pushed as a number would be true in Lua). */
%typemap(out) bool %{ lua_pushboolean(L, $1 ? 1 : 0); SWIG_arg++; %}
