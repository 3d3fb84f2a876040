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
#include <stddef.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* A number argument with an integral value, in the luaL style of error for
 * anything else. Out-of-range values saturate at lo or hi instead of being
 * wrapped around, so that 2^32 + 404 can never become 404. */
static lua_Integer hs_lua_checkintegral_of(lua_State *L, const char *fname, int arg, lua_Integer lo, lua_Integer hi);

static lua_Integer hs_lua_checkintegral(lua_State *L, int arg, lua_Integer lo, lua_Integer hi)
{
    return hs_lua_checkintegral_of(L, NULL, arg, lo, hi);
}

/* luaL_argerror with the function's name given: "bad argument #arg to
 * 'fname' (...)", the parenthesis formatted as lua_pushfstring formats, at
 * the position of the caller. luaL_argerror itself names the function from
 * the call site, which for pcall(hs.check, ...) is "httpstatus.check" or "?".
 * fname NULL leaves the naming to luaL_argerror. Does not return. */
static int hs_lua_argfail(lua_State *L, const char *fname, int arg, const char *fmt, ...)
{
    va_list ap;
    luaL_checkstack(L, 4, NULL);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    if (fname == NULL)
        return luaL_argerror(L, arg, lua_tostring(L, -1));
    luaL_where(L, 1);
    lua_pushfstring(L, "bad argument #%d to '%s' (%s)", arg, fname, lua_tostring(L, -2));
    lua_concat(L, 2);
    return lua_error(L);
}

static lua_Integer hs_lua_checkintegral_of(lua_State *L, const char *fname, int arg, lua_Integer lo, lua_Integer hi)
{
    if (lua_type(L, arg) != LUA_TNUMBER)
        hs_lua_argfail(L, fname, arg, "integer expected, got %s", luaL_typename(L, arg));
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, arg)) {
        lua_Integer v = lua_tointeger(L, arg);
        return v < lo ? lo : v > hi ? hi : v;
    }
#endif
    lua_Number n = lua_tonumber(L, arg);
    if (!(n == floor(n)) || isinf(n)) /* NaN fails the comparison */
        hs_lua_argfail(L, fname, arg, "number has no integer representation");
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
    /* JSON null for problem extensions (hs.null): the NULL light userdata,
     * which cjson.null and ngx.null also are. */
    lua_pushliteral(L, "null");
    lua_pushlightuserdata(L, NULL);
    lua_rawset(L, -3);
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
#include "fields.h" /* the core's internal list of the fields the rules read */

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

/* ---- response rules ----------------------------------------------------
 *
 * The rules live in the core (core/rules.def, core/check.c) and nowhere
 * else: the Lua side only describes them (hs_rule_fields, hs_rule_message,
 * hs_rule_applies) and converts a check's arguments for the core's
 * hs_checker, which this file feeds one field at a time straight from the Lua
 * tables, with no copy and no heap. */

/* hs_rule_fields(i): the id, level, field (nil when the rule names none),
 * reference and needs_request (a boolean: whether it fires only when the
 * request is described) of rule i, in table order; nil past the end. */
static int hs_lua_rule_fields(lua_State *L)
{
    const hs_rule *r = hs_rule_at(hs_lua_checkindex(L, 1));
    if (r == NULL) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushstring(L, r->id);
    lua_pushstring(L, r->level);
    if (r->field != NULL)
        lua_pushstring(L, r->field);
    else
        lua_pushnil(L);
    lua_pushstring(L, r->reference);
    lua_pushboolean(L, r->needs_request);
    return 5;
}

/* hs_known_fields(): a new array of the names (lowercase) of the fields
 * the rules read (core/fields.h); the others never change a finding. */
static int hs_lua_known_fields(lua_State *L)
{
    size_t i;
    const char *name;
    if (!lua_isnone(L, 1))
        hs_lua_argfail(L, "hs_known_fields", 1, "no argument expected, got %s", luaL_typename(L, 1));
    lua_newtable(L);
    for (i = 0; (name = hs_known_field(i)) != NULL; i++) {
        lua_pushstring(L, name);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

/* hs_ffi(): for httpstatus.ngx, which feeds the core's checker through
 * LuaJIT's FFI (no Lua/C API call, so the whole check is compiled): the
 * sizes and offsets of hs_checker and hs_check_options, for it to compare
 * with those of its own declarations (it refuses to load when one differs),
 * the values of the hs_content and hs_level constants, and the addresses of
 * hs_checker_begin, hs_checker_response and hs_checker_end as light
 * userdata. */
static void hs_lua_set_size(lua_State *L, const char *name, size_t n)
{
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -2, name);
}
static void hs_lua_set_address(lua_State *L, const char *name, void (*function)(void))
{
    void *address; /* a function's address as a data pointer, without the cast ISO C leaves undefined */
    memcpy(&address, &function, sizeof address);
    lua_pushlightuserdata(L, address);
    lua_setfield(L, -2, name);
}
static int hs_lua_ffi(lua_State *L)
{
    if (!lua_isnone(L, 1))
        hs_lua_argfail(L, "hs_ffi", 1, "no argument expected, got %s", luaL_typename(L, 1));
    lua_createtable(L, 0, 24);
    hs_lua_set_size(L, "checker_size", sizeof(hs_checker));
    hs_lua_set_size(L, "checker_opt", offsetof(hs_checker, opt));
    hs_lua_set_size(L, "checker_response", offsetof(hs_checker, response));
    hs_lua_set_size(L, "checker_invalid", offsetof(hs_checker, invalid));
    hs_lua_set_size(L, "checker_values", offsetof(hs_checker, values));
    hs_lua_set_size(L, "checker_first_length", offsetof(hs_checker, first_length));
    hs_lua_set_size(L, "checker_problem", offsetof(hs_checker, problem));
    hs_lua_set_size(L, "options_size", sizeof(hs_check_options));
    hs_lua_set_size(L, "options_request_fields_given", offsetof(hs_check_options, request_fields_given));
    hs_lua_set_size(L, "options_content", offsetof(hs_check_options, content));
    hs_lua_set_size(L, "options_content_data", offsetof(hs_check_options, content_data));
    hs_lua_set_size(L, "options_version", offsetof(hs_check_options, version));
    hs_lua_set_size(L, "options_ignore", offsetof(hs_check_options, ignore));
    hs_lua_set_size(L, "options_level", offsetof(hs_check_options, level));
    hs_lua_set_size(L, "content_unknown", HS_CONTENT_UNKNOWN);
    hs_lua_set_size(L, "content_none", HS_CONTENT_NONE);
    hs_lua_set_size(L, "content_present", HS_CONTENT_PRESENT);
    hs_lua_set_size(L, "level_info", HS_INFO);
    hs_lua_set_size(L, "level_should", HS_SHOULD);
    hs_lua_set_size(L, "level_must", HS_MUST);
    hs_lua_set_address(L, "begin", (void (*)(void))hs_checker_begin);
    hs_lua_set_address(L, "response", (void (*)(void))hs_checker_response);
    hs_lua_set_address(L, "finish", (void (*)(void))hs_checker_end);
    return 1;
}

/* The stack slots of hs_lua_check, after its three arguments. */
enum {
    HS_CHECK_METHOD = 4,   /* the method string, kept on the stack while the core reads it */
    HS_CHECK_REQUEST,      /* the request_headers table, or nil */
    HS_CHECK_LANG,         /* the lang option, or nil for the default (English) */
    HS_CHECK_TEMPLATES,    /* the finding templates of the lang, or nil */
    HS_CHECK_CONTENT,      /* the content string, kept on the stack while the core reads it */
    HS_CHECK_TOP = HS_CHECK_CONTENT
};

/* The upvalues of hs_lua_check (hs_lua_check_function sets them). */
enum {
    HS_UP_TEMPLATES = 1,   /* lang -> array of finding templates (init.lua's) */
    HS_UP_ARRAY_MT,        /* the metatable of the result array */
    HS_UP_FINDING_MT,      /* the metatable of each finding */
    HS_UP_TEMPLATES_EN,    /* HS_UP_TEMPLATES.en, for the default lang */
    HS_UP_RULE_INDEX       /* rule id -> index, from the core (for ignore) */
};

/* More findings than rules cannot happen (hs_checker_end answers at most
 * hs_rule_count()); the ignore mask of the core has room for 64 rules. */
#define HS_LUA_MAX_FINDINGS 64

/* Text from the caller (a field name, a method, a rule id, an option's
 * string) as an error message shows it: at most 40 bytes of it, then "...";
 * a backslash, a NUL and the other ASCII control bytes written as in a Lua
 * string literal (\\, \0, \n, \r, \t, else \ddd), so that a name is never
 * cut at a NUL and nothing unprintable reaches a log. init.lua's shown()
 * writes the same. Pushed on the stack. */
#define HS_LUA_SHOWN_MAX 40
const char *hs_lua_shown(lua_State *L, const char *s, size_t len); /* lua_problem.c uses it too */
const char *hs_lua_shown(lua_State *L, const char *s, size_t len)
{
    char out[HS_LUA_SHOWN_MAX * 4 + sizeof "..."];
    size_t i, n = 0;
    for (i = 0; i < len && i < HS_LUA_SHOWN_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *short_form = c == '\\' ? "\\\\" : c == '\0' ? "\\0" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                                 : c == '\t' ? "\\t" : NULL;
        if (short_form != NULL) {
            memcpy(out + n, short_form, 2);
            n += 2;
        } else if (c < 0x20 || c == 0x7f) {
            out[n++] = '\\';
            out[n++] = (char)('0' + c / 100);
            out[n++] = (char)('0' + c / 10 % 10);
            out[n++] = (char)('0' + c % 10);
        } else {
            out[n++] = (char)c;
        }
    }
    if (len > HS_LUA_SHOWN_MAX) {
        memcpy(out + n, "...", 3);
        n += 3;
    }
    lua_pushlstring(L, out, n);
    return lua_tostring(L, -1);
}

/* Feeds every field of the headers table at index t to the checker, as the
 * response's fields or (request) the request's. The table maps a name (a
 * string, in any case) to a value: a string, or an array of strings (one per
 * field line; an empty array is no line at all). Anything else is an error
 * of argument arg to fname, whose text starts with prefix ("" or "option
 * 'request_headers': "). */
static void hs_lua_feed(lua_State *L, const char *fname, int t, int arg, const char *prefix, hs_checker *c,
                        int request)
{
    luaL_checkstack(L, 6, NULL);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        size_t name_len, value_len;
        const char *name, *value;
        if (lua_type(L, -2) != LUA_TSTRING)
            hs_lua_argfail(L, fname, arg, "%sfield name must be a string, got %s", prefix, luaL_typename(L, -2));
        name = lua_tolstring(L, -2, &name_len);
        if (lua_type(L, -1) == LUA_TSTRING) {
            value = lua_tolstring(L, -1, &value_len);
            if (request)
                hs_checker_request(c, name, name_len, value, value_len);
            else
                hs_checker_response(c, name, name_len, value, value_len);
        } else if (lua_type(L, -1) == LUA_TTABLE) {
            /* an array of strings: keys 1..n, every value a string */
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {
                if (lua_type(L, -2) != LUA_TNUMBER || lua_tonumber(L, -2) < 1 ||
                    lua_tonumber(L, -2) != floor(lua_tonumber(L, -2))) {
                    const char *shown = hs_lua_shown(L, name, name_len);
                    hs_lua_argfail(L, fname, arg, "%sfield '%s': string or array of strings expected, got a table with a %s key",
                                   prefix, shown, luaL_typename(L, -3));
                }
                if (lua_type(L, -1) != LUA_TSTRING) {
                    const char *shown = hs_lua_shown(L, name, name_len);
                    hs_lua_argfail(L, fname, arg, "%sfield '%s': string or array of strings expected, got a %s in the array",
                                   prefix, shown, luaL_typename(L, -2));
                }
                value = lua_tolstring(L, -1, &value_len);
                if (request)
                    hs_checker_request(c, name, name_len, value, value_len);
                else
                    hs_checker_response(c, name, name_len, value, value_len);
                lua_pop(L, 1);
            }
        } else {
            const char *shown = hs_lua_shown(L, name, name_len);
            hs_lua_argfail(L, fname, arg, "%sfield '%s': string or array of strings expected, got %s", prefix, shown,
                           luaL_typename(L, -2));
        }
        lua_pop(L, 1);
    }
}

/* Reads the options table (argument 3) into *opt and the slots above;
 * every key must be an option and every value of the option's type. The
 * lang, when given, goes to HS_CHECK_LANG; *lang points into it. */
static void hs_lua_check_options(lua_State *L, hs_check_options *opt, const char **lang)
{
    if (lua_isnoneornil(L, 3))
        return;
    if (lua_type(L, 3) != LUA_TTABLE)
        hs_lua_argfail(L, "check", 3, "table expected, got %s", luaL_typename(L, 3));
    luaL_checkstack(L, 6, NULL);
    lua_pushnil(L);
    while (lua_next(L, 3) != 0) {
        size_t key_len, len;
        const char *key, *s;
        int vt = lua_type(L, -1);
        if (lua_type(L, -2) != LUA_TSTRING)
            hs_lua_argfail(L, "check", 3, "option names are strings, got %s", luaL_typename(L, -2));
        key = lua_tolstring(L, -2, &key_len);
#define HS_KEY_IS(name) (key_len == sizeof name - 1 && memcmp(key, name, sizeof name - 1) == 0)
        if (HS_KEY_IS("method")) {
            if (vt != LUA_TSTRING)
                hs_lua_argfail(L, "check", 3, "option 'method': string expected, got %s", luaL_typename(L, -1));
            lua_pushvalue(L, -1);
            lua_replace(L, HS_CHECK_METHOD);
            opt->method = lua_tolstring(L, HS_CHECK_METHOD, &opt->method_len);
            if (!hs_is_method(opt->method, opt->method_len))
                hs_lua_argfail(L, "check", 3, "option 'method': invalid method \"%s\", not a token (RFC 9110, Section 9.1)",
                               hs_lua_shown(L, opt->method, opt->method_len));
        } else if (HS_KEY_IS("request_headers")) {
            if (vt != LUA_TTABLE)
                hs_lua_argfail(L, "check", 3, "option 'request_headers': table expected, got %s", luaL_typename(L, -1));
            lua_pushvalue(L, -1);
            lua_replace(L, HS_CHECK_REQUEST);
            opt->request_fields_given = true;
        } else if (HS_KEY_IS("ignore")) {
            if (vt != LUA_TTABLE)
                hs_lua_argfail(L, "check", 3, "option 'ignore': table expected, got %s", luaL_typename(L, -1));
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {
                lua_Number rule;
                if (lua_type(L, -1) != LUA_TSTRING)
                    hs_lua_argfail(L, "check", 3, "option 'ignore': rule id expected, got %s", luaL_typename(L, -1));
                lua_pushvalue(L, -1);
                lua_rawget(L, lua_upvalueindex(HS_UP_RULE_INDEX)); /* id -> index */
                rule = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : -1;
                if (!(rule >= 0 && rule < 64)) {
                    s = lua_tolstring(L, -2, &len);
                    hs_lua_argfail(L, "check", 3, "option 'ignore': unknown rule id \"%s\"", hs_lua_shown(L, s, len));
                }
                opt->ignore |= 1ULL << (unsigned)rule;
                lua_pop(L, 2);
            }
        } else if (HS_KEY_IS("version")) {
            if (vt != LUA_TSTRING)
                hs_lua_argfail(L, "check", 3, "option 'version': string expected, got %s", luaL_typename(L, -1));
            s = lua_tolstring(L, -1, &len);
            opt->version = hs_http_version_of(s, len);
            if (opt->version == HS_VERSION_UNSET)
                hs_lua_argfail(L, "check", 3,
                               "option 'version': invalid version \"%s\", not one of \"1.0\", \"1.1\", \"2\", \"3\"",
                               hs_lua_shown(L, s, len));
        } else if (HS_KEY_IS("content")) {
            if (vt == LUA_TBOOLEAN) {
                opt->content = lua_toboolean(L, -1) ? HS_CONTENT_PRESENT : HS_CONTENT_NONE;
            } else if (vt == LUA_TSTRING) {
                /* the content itself, kept on the stack while the core reads it */
                lua_pushvalue(L, -1);
                lua_replace(L, HS_CHECK_CONTENT);
                opt->content_data = lua_tolstring(L, HS_CHECK_CONTENT, &opt->content_size);
            } else {
                hs_lua_argfail(L, "check", 3, "option 'content': boolean or string expected, got %s",
                               luaL_typename(L, -1));
            }
        } else if (HS_KEY_IS("level")) {
            if (vt != LUA_TSTRING)
                hs_lua_argfail(L, "check", 3, "option 'level': string expected, got %s", luaL_typename(L, -1));
            s = lua_tolstring(L, -1, &len);
            if (!hs_level_of(s, len, &opt->level))
                hs_lua_argfail(L, "check", 3,
                               "option 'level': invalid level \"%s\", not one of \"info\", \"should\", \"must\"",
                               hs_lua_shown(L, s, len));
        } else if (HS_KEY_IS("lang")) {
            if (vt != LUA_TSTRING)
                hs_lua_argfail(L, "check", 3, "option 'lang': string expected, got %s", luaL_typename(L, -1));
            s = lua_tolstring(L, -1, &len);
            if (strlen(s) != len || !hs_is_language(s))
                hs_lua_argfail(L, "check", 3, "option 'lang': invalid language \"%s\"", hs_lua_shown(L, s, len));
            lua_pushvalue(L, -1);
            lua_replace(L, HS_CHECK_LANG);
            *lang = lua_tostring(L, HS_CHECK_LANG);
        } else {
            hs_lua_argfail(L, "check", 3, "unknown option '%s'", hs_lua_shown(L, key, key_len));
        }
#undef HS_KEY_IS
        lua_pop(L, 1);
    }
}

/* Pushes a new finding table: { id, level, field (absent when nil), message
 * (in lang), reference }. Copied from the lang's template for the rule (in
 * the table at index templates, built by init.lua at require time, whose
 * strings need no new Lua string) when there is one, else made from the
 * core's strings. finding_mt (an index, 0 for none) becomes its metatable. */
static void hs_lua_push_finding(lua_State *L, int templates, const hs_finding *f, const char *lang, int finding_mt)
{
    const hs_rule *r = hs_rule_at(f->rule);
    int same_field = f->field == r->field || (f->field != NULL && r->field != NULL && strcmp(f->field, r->field) == 0);
    luaL_checkstack(L, 6, NULL);
    lua_createtable(L, 0, 5);
    if (templates != 0 && (lua_rawgeti(L, templates, (int)f->rule + 1), lua_type(L, -1) == LUA_TTABLE)) {
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -5);
        }
        lua_pop(L, 1);
    } else {
        if (templates != 0)
            lua_pop(L, 1);
        lua_pushstring(L, r->id);
        lua_setfield(L, -2, "id");
        lua_pushstring(L, r->level);
        lua_setfield(L, -2, "level");
        lua_pushstring(L, hs_rule_message(f->rule, lang));
        lua_setfield(L, -2, "message");
        lua_pushstring(L, r->reference);
        lua_setfield(L, -2, "reference");
        same_field = 0;
    }
    if (!same_field) {
        lua_pushstring(L, "field");
        if (f->field != NULL)
            lua_pushstring(L, f->field);
        else
            lua_pushnil(L);
        lua_rawset(L, -3);
    }
    if (finding_mt != 0) {
        lua_pushvalue(L, finding_mt);
        lua_setmetatable(L, -2);
    }
}

/* Pushes the findings found[0..n) of a check as a new array (with the
 * metatable HS_UP_ARRAY_MT) of new finding tables (with the metatable
 * HS_UP_FINDING_MT), their texts from the templates at index templates (0
 * for none) or in lang. */
static void hs_lua_push_findings(lua_State *L, const hs_finding *found, size_t n, int templates, const char *lang)
{
    size_t i;
    if (n > HS_LUA_MAX_FINDINGS)
        n = HS_LUA_MAX_FINDINGS; /* cannot happen: at most hs_rule_count() <= 64 */
    /* the upvalues are tables (hs_lua_check_function made sure) */
    lua_createtable(L, (int)n, 0);
    lua_pushvalue(L, lua_upvalueindex(HS_UP_ARRAY_MT));
    lua_setmetatable(L, -2);
    for (i = 0; i < n; i++) {
        hs_lua_push_finding(L, templates, &found[i], lang, lua_upvalueindex(HS_UP_FINDING_MT));
        lua_rawseti(L, -2, (int)i + 1);
    }
}

/* check(status, headers, opts): the findings of the core's check, a new
 * array of new finding tables (hs_lua_push_findings). */
static int hs_lua_check(lua_State *L)
{
    hs_check_options opt;
    hs_checker c;
    hs_finding found[HS_LUA_MAX_FINDINGS];
    size_t n;
    int code, templates = 0;
    const char *lang = NULL;

    memset(&opt, 0, sizeof opt);
    code = (int)hs_lua_checkintegral_of(L, "check", 1, INT_MIN, INT_MAX);
    if (!lua_isnoneornil(L, 2) && lua_type(L, 2) != LUA_TTABLE)
        hs_lua_argfail(L, "check", 2, "table expected, got %s", luaL_typename(L, 2));
    lua_settop(L, HS_CHECK_TOP); /* the slots, all nil */
    hs_lua_check_options(L, &opt, &lang);
    if (lang == NULL) {
        lang = "en";
        templates = lua_upvalueindex(HS_UP_TEMPLATES_EN);
    } else {
        lua_pushvalue(L, HS_CHECK_LANG);
        lua_rawget(L, lua_upvalueindex(HS_UP_TEMPLATES));
        lua_replace(L, HS_CHECK_TEMPLATES);
        if (lua_type(L, HS_CHECK_TEMPLATES) == LUA_TTABLE)
            templates = HS_CHECK_TEMPLATES;
    }

    hs_checker_begin(&c, code, &opt);
    if (opt.request_fields_given)
        hs_lua_feed(L, "check", HS_CHECK_REQUEST, 3, "option 'request_headers': ", &c, 1);
    if (lua_type(L, 2) == LUA_TTABLE)
        hs_lua_feed(L, "check", 2, 2, "", &c, 0);
    n = hs_checker_end(&c, found, HS_LUA_MAX_FINDINGS);
    if (n == HS_CHECK_INVALID) /* cannot happen: every option was checked above */
        return luaL_error(L, "httpstatus: the core refused the options of check");
    hs_lua_push_findings(L, found, n, templates, lang);
    return 1;
}

/* check_fields(status, headers, method, request_headers, version, content,
 * level, ignore): check with its options as arguments instead of a table,
 * for httpstatus.ngx, which checks every response nginx sends and so avoids
 * the walk of an options table. method, request_headers, version and
 * content may be nil (not known; content a boolean, or the content itself
 * as a string); level is "info", "should" or "must";
 * ignore is nil or rule ids separated by commas ("date-missing"). The
 * findings in English, as check gives them, or nil when there are none.
 * Every argument is checked: anything else is an error. */
static int hs_lua_check_fields(lua_State *L)
{
    static const char fname[] = "check_fields";
    hs_check_options opt;
    hs_checker c;
    hs_finding found[HS_LUA_MAX_FINDINGS];
    size_t n, len;
    const char *s;
    int code;

    memset(&opt, 0, sizeof opt);
    lua_settop(L, 8);
    code = (int)hs_lua_checkintegral_of(L, fname, 1, INT_MIN, INT_MAX);
    if (lua_type(L, 2) != LUA_TTABLE)
        hs_lua_argfail(L, fname, 2, "table expected, got %s", luaL_typename(L, 2));
    if (!lua_isnil(L, 3)) {
        if (lua_type(L, 3) != LUA_TSTRING)
            hs_lua_argfail(L, fname, 3, "string expected, got %s", luaL_typename(L, 3));
        opt.method = lua_tolstring(L, 3, &opt.method_len);
        if (!hs_is_method(opt.method, opt.method_len))
            hs_lua_argfail(L, fname, 3, "invalid method \"%s\", not a token (RFC 9110, Section 9.1)",
                           hs_lua_shown(L, opt.method, opt.method_len));
    }
    if (!lua_isnil(L, 4)) {
        if (lua_type(L, 4) != LUA_TTABLE)
            hs_lua_argfail(L, fname, 4, "table expected, got %s", luaL_typename(L, 4));
        opt.request_fields_given = true;
    }
    if (!lua_isnil(L, 5)) {
        if (lua_type(L, 5) != LUA_TSTRING)
            hs_lua_argfail(L, fname, 5, "string expected, got %s", luaL_typename(L, 5));
        s = lua_tolstring(L, 5, &len);
        opt.version = hs_http_version_of(s, len);
        if (opt.version == HS_VERSION_UNSET)
            hs_lua_argfail(L, fname, 5, "invalid version \"%s\"", hs_lua_shown(L, s, len));
    }
    if (lua_type(L, 6) == LUA_TSTRING) /* the content itself, as check takes it */
        opt.content_data = lua_tolstring(L, 6, &opt.content_size);
    else if (lua_type(L, 6) == LUA_TBOOLEAN)
        opt.content = lua_toboolean(L, 6) ? HS_CONTENT_PRESENT : HS_CONTENT_NONE;
    else if (!lua_isnil(L, 6))
        hs_lua_argfail(L, fname, 6, "boolean or string expected, got %s", luaL_typename(L, 6));
    if (lua_type(L, 7) != LUA_TSTRING)
        hs_lua_argfail(L, fname, 7, "string expected, got %s", luaL_typename(L, 7));
    s = lua_tolstring(L, 7, &len);
    if (!hs_level_of(s, len, &opt.level))
        hs_lua_argfail(L, fname, 7, "invalid level \"%s\"", hs_lua_shown(L, s, len));
    if (!lua_isnil(L, 8)) {
        const char *id, *end;
        if (lua_type(L, 8) != LUA_TSTRING)
            hs_lua_argfail(L, fname, 8, "string expected, got %s", luaL_typename(L, 8));
        s = lua_tolstring(L, 8, &len);
        for (id = s, end = s + len; id <= end; id++) {
            const char *comma = memchr(id, ',', (size_t)(end - id));
            size_t id_len = (size_t)((comma != NULL ? comma : end) - id);
            size_t rule = hs_rule_find(id, id_len);
            if (rule >= hs_rule_count() || rule >= 64)
                hs_lua_argfail(L, fname, 8, "unknown rule id \"%s\"", hs_lua_shown(L, id, id_len));
            opt.ignore |= 1ULL << rule;
            id += id_len;
        }
    }

    hs_checker_begin(&c, code, &opt);
    if (opt.request_fields_given)
        hs_lua_feed(L, fname, 4, 4, "", &c, 1);
    hs_lua_feed(L, fname, 2, 2, "", &c, 0);
    n = hs_checker_end(&c, found, HS_LUA_MAX_FINDINGS);
    if (n == HS_CHECK_INVALID) /* cannot happen: every argument was checked above */
        return luaL_error(L, "httpstatus: the core refused the arguments of check_fields");
    if (n == 0) {
        lua_pushnil(L);
        return 1;
    }
    hs_lua_push_findings(L, found, n, lua_upvalueindex(HS_UP_TEMPLATES_EN), "en");
    return 1;
}

/* hs_check_function(templates, array_mt, finding_mt): a new check function
 * (hs_lua_check), and a check_fields function (hs_lua_check_fields) with the
 * same tables. templates maps a lang to an array whose item i + 1 holds
 * the fields of a finding of rule i (any missing or wrong one is made from
 * the core's strings instead); array_mt and finding_mt become the
 * metatables of the result and of each finding. init.lua makes hs.check with
 * it at require time. */
static int hs_lua_check_function(lua_State *L)
{
    size_t i;
    for (i = 1; i <= 3; i++)
        if (lua_type(L, (int)i) != LUA_TTABLE)
            hs_lua_argfail(L, NULL, (int)i, "table expected, got %s", luaL_typename(L, (int)i));
    lua_settop(L, 3);
    lua_pushliteral(L, "en");
    lua_rawget(L, 1); /* HS_UP_TEMPLATES_EN: a table, so that check need not test it */
    if (lua_type(L, -1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L); /* no templates: every finding made from the core's strings */
    }
    lua_createtable(L, 0, (int)hs_rule_count()); /* HS_UP_RULE_INDEX */
    for (i = 0; i < hs_rule_count(); i++) {
        lua_pushstring(L, hs_rule_at(i)->id);
        lua_pushinteger(L, (lua_Integer)i);
        lua_rawset(L, -3);
    }
    for (i = 1; i <= 5; i++) /* the same upvalues for check_fields */
        lua_pushvalue(L, (int)i);
    lua_pushcclosure(L, hs_lua_check_fields, 5); /* 1..5 the upvalues, 6 check_fields */
    lua_insert(L, 1);
    lua_pushcclosure(L, hs_lua_check, 5);        /* 1 check_fields, 2 check */
    lua_insert(L, 1);
    return 2;
}
%}
%native(hs_code_at) int hs_lua_code_at(lua_State *L);
%native(hs_find_code) int hs_lua_find_code(lua_State *L);
%native(hs_field) int hs_lua_field(lua_State *L);
%native(hs_rule_fields) int hs_lua_rule_fields(lua_State *L);
%native(hs_known_fields) int hs_lua_known_fields(lua_State *L);
%native(hs_ffi) int hs_lua_ffi(lua_State *L);
%native(hs_check_function) int hs_lua_check_function(lua_State *L);

/* Problem details (RFC 9457): bindings/lua/lua_problem.c. */
%{
int hs_lua_problem_json(lua_State *L);
int hs_lua_problem_check(lua_State *L);
%}
%native(hs_problem_json) int hs_lua_problem_json(lua_State *L);
%native(hs_problem_check) int hs_lua_problem_check(lua_State *L);

%typemap(in) int %{ $1 = hs_lua_checkcode(L, $input); %}
%typemap(in) size_t %{ $1 = hs_lua_checkindex(L, $input); %}

/* A byte string with its length, so that a NUL inside reaches hs_find,
 * hs_search and hs_rule_find (where it never matches) instead of ending the
 * string early, and so that no length can be passed apart from its string. */
%typemap(in) (const char *s, size_t len), (const char *query, size_t len), (const char *id, size_t len) {
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
