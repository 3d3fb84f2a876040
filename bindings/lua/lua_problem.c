/*
 * httpstatus.core for Lua: problem details (RFC 9457). hs.problem_json is
 * hs_problem_json of the core with its arguments taken from Lua values: the
 * detail a string, the options a table (type, title, instance, extensions),
 * each extension value a Lua value encoded here as JSON text, which the core
 * then validates (UTF-8, names, duplicates) and writes canonically. So the
 * bytes are the core's, the same as in every other language.
 *
 * A Lua value as JSON: a string; a boolean; hs.null (the NULL light
 * userdata, which cjson.null and ngx.null also are) as null; an integer of
 * magnitude below 2^53 (in Lua 5.4 a float with an integral value counts,
 * 3.0 being 3, as 404.0 is a status code; in LuaJIT every number is a
 * double and the integral ones are integers; -0 is 0); a table whose keys
 * are exactly 1..n (n > 0) as an array, any other table, the empty one
 * included, as an object, whose keys must then be strings. Tables are read
 * raw (no __index, no __pairs). Anything else (a fraction, NaN, an
 * infinity, a function, a coroutine, a full userdata, another light
 * userdata, a table inside itself, nesting past HS_PROBLEM_DEPTH) is an
 * error in the luaL style naming the extension:
 *   bad argument #3 to 'problem_json' (extension 'balance': number 1.5 is not an integer)
 * No body is returned with an error, so none is ever malformed.
 *
 * Memory: the JSON text of the extensions, the extension array and the body
 * use buffers on the C stack when they fit (the common case) and userdata
 * on the Lua stack otherwise, so an error (which longjmps) leaks nothing.
 *
 * The same code serves hs.problem (init.lua), which only needs the checks:
 * hs_problem_check raises the same errors, named 'problem', at the position
 * of the caller of hs.problem, and returns nothing.
 */
#include <lauxlib.h>
#include <lua.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "httpstatus.h"

/* Defined in the SWIG wrapper (bindings/lua/lua.i): a caller's text as an
 * error message shows it, pushed on the stack. */
const char *hs_lua_shown(lua_State *L, const char *s, size_t len);

/* Registered by lua.i as the module's hs_problem_json and hs_problem_check. */
int hs_lua_problem_json(lua_State *L);
int hs_lua_problem_check(lua_State *L);

/* The stack slots of a call, after its three arguments. */
enum {
    SLOT_EXTENSIONS = 4, /* the extensions table, or nil */
    SLOT_TEXT,           /* the userdata holding the extensions' JSON text, once it outgrows the C stack */
    SLOT_ARRAY,          /* the userdata holding the hs_problem_extension array, when there are many */
    SLOT_BODY,           /* the userdata holding a long body */
    SLOT_TOP = SLOT_BODY
};

#define TEXT_ON_STACK 1024  /* bytes of extension JSON text before a userdata is needed */
#define ARRAY_ON_STACK 16   /* extensions before a userdata is needed */
#define BODY_ON_STACK 1024  /* bytes of body (and its NUL) before a userdata is needed */

typedef struct call {
    lua_State *L;
    const char *fname;   /* "problem_json" or "problem", as errors name the function */
    int level;           /* luaL_where's level of the position errors point at */
    char *text;          /* the extension values' JSON text so far */
    size_t len, cap;
    const char *ext;     /* the extension being encoded, for errors */
    size_t ext_len;
    const void *open[HS_PROBLEM_DEPTH]; /* the tables being encoded, outermost first */
} call;

/* "bad argument #arg to 'fname' (...)" at the caller's position (the
 * parenthesis formatted as lua_pushfstring formats). Does not return. */
static int fail(call *c, int arg, const char *fmt, ...)
{
    lua_State *L = c->L;
    va_list ap;
    luaL_checkstack(L, 4, NULL);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    luaL_where(L, c->level);
    lua_pushfstring(L, "bad argument #%d to '%s' (%s)", arg, c->fname, lua_tostring(L, -2));
    lua_concat(L, 2);
    return lua_error(L);
}

/* An error in the value of the extension being encoded: "extension 'name': why". */
static int fail_value(call *c, const char *why)
{
    const char *name = hs_lua_shown(c->L, c->ext, c->ext_len);
    return fail(c, 3, "extension '%s': %s", name, why);
}

/* ---- the JSON text of the extension values ---------------------------------- */

static void reserve(call *c, size_t more)
{
    size_t cap = c->cap;
    if (cap - c->len >= more)
        return;
    while (cap - c->len < more) {
        if (cap > SIZE_MAX / 2)
            luaL_error(c->L, "httpstatus: problem extensions too large");
        cap *= 2;
    }
    char *grown = (char *)lua_newuserdata(c->L, cap);
    memcpy(grown, c->text, c->len);
    lua_replace(c->L, SLOT_TEXT); /* the old one, if any, is garbage now */
    c->text = grown;
    c->cap = cap;
}

static void put(call *c, const char *s, size_t n)
{
    reserve(c, n);
    memcpy(c->text + c->len, s, n);
    c->len += n;
}

static void put_byte(call *c, char b)
{
    reserve(c, 1);
    c->text[c->len++] = b;
}

/* A Lua string as a JSON string: '"', '\' and the controls escaped, every
 * other byte as it is (the core checks that they are UTF-8, and writes the
 * escapes its own way). */
static void put_string(call *c, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    reserve(c, n + 2);
    c->text[c->len++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b != '"' && b != '\\')
            continue;
        put(c, s + run, i - run);
        if (b == '"' || b == '\\') {
            char e[2] = {'\\', (char)b};
            put(c, e, 2);
        } else {
            char e[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
            put(c, e, 6);
        }
        run = i + 1;
    }
    put(c, s + run, n - run);
    put_byte(c, '"');
}

/* An integer of magnitude below 2^53, in decimal. */
static void put_integer(call *c, int64_t v)
{
    char digits[24];
    size_t at = sizeof digits;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[--at] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        digits[--at] = '-';
    put(c, digits + at, sizeof digits - at);
}

#define LIMIT 9007199254740992.0 /* 2^53 */

static void put_number(call *c, int idx)
{
    lua_State *L = c->L;
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, idx)) {
        lua_Integer v = lua_tointeger(L, idx);
        if (v <= -(lua_Integer)9007199254740992LL || v >= (lua_Integer)9007199254740992LL) {
            lua_pushfstring(L, "integer %I is out of range (an integer must be of magnitude below 2^53)", (LUAI_UACINT)v);
            fail_value(c, lua_tostring(L, -1));
        }
        put_integer(c, (int64_t)v);
        return;
    }
#endif
    lua_Number n = lua_tonumber(L, idx);
    if (n != n || isinf(n)) {
        fail_value(c, n != n ? "NaN is not a JSON value" : "an infinity is not a JSON value");
    } else if (n != floor(n)) {
        lua_pushfstring(L, "number %f is not an integer", n);
        fail_value(c, lua_tostring(L, -1));
    } else if (n <= -LIMIT || n >= LIMIT) {
        lua_pushfstring(L, "number %f is out of range (an integer must be of magnitude below 2^53)", n);
        fail_value(c, lua_tostring(L, -1));
    }
    put_integer(c, (int64_t)n); /* -0.0 is 0 */
}

static void put_value(call *c, int idx, int depth);

/* The table at idx (an absolute index), depth tables deep (1 for an
 * extension's own table). */
static void put_table(call *c, int idx, int depth)
{
    lua_State *L = c->L;
    const void *self = lua_topointer(L, idx);
    for (int i = 0; i < depth - 1; i++)
        if (c->open[i] == self)
            fail_value(c, "a table that contains itself");
    if (depth > HS_PROBLEM_DEPTH)
        fail_value(c, "tables nested more than 32 deep");
    c->open[depth - 1] = self;
    luaL_checkstack(L, 4, NULL);

    /* an array when its keys are exactly 1..n */
    size_t count = 0;
    lua_Number max = 0;
    int array = 1;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pop(L, 1);
        count++;
        if (array) {
            lua_Number k = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
            if (k >= 1 && k == floor(k) && k < LIMIT)
                max = k > max ? k : max;
            else
                array = 0;
        }
    }
    if (array && count > 0 && max == (lua_Number)count) {
        put_byte(c, '[');
        for (size_t i = 1; i <= count; i++) {
            if (i > 1)
                put_byte(c, ',');
            #if LUA_VERSION_NUM >= 503
            lua_rawgeti(L, idx, (lua_Integer)i);
#else
            lua_rawgeti(L, idx, (int)i); /* LuaJIT: no table holds INT_MAX items */
#endif
            put_value(c, lua_gettop(L), depth);
            lua_pop(L, 1);
        }
        put_byte(c, ']');
        return;
    }

    int first = 1;
    put_byte(c, '{');
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        size_t klen;
        const char *key;
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pushfstring(L, "a table with a %s key, which is neither an array (keys 1..n) nor an object "
                               "(string keys)", luaL_typename(L, -2));
            fail_value(c, lua_tostring(L, -1));
        }
        key = lua_tolstring(L, -2, &klen); /* a string already: lua_next is not disturbed */
        if (!first)
            put_byte(c, ',');
        first = 0;
        put_string(c, key, klen);
        put_byte(c, ':');
        put_value(c, lua_gettop(L), depth);
        lua_pop(L, 1);
    }
    put_byte(c, '}');
}

/* The value at idx (an absolute index), inside depth tables. */
static void put_value(call *c, int idx, int depth)
{
    lua_State *L = c->L;
    size_t n;
    const char *s;
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &n);
        put_string(c, s, n);
        return;
    case LUA_TBOOLEAN:
        if (lua_toboolean(L, idx))
            put(c, "true", 4);
        else
            put(c, "false", 5);
        return;
    case LUA_TNUMBER:
        put_number(c, idx);
        return;
    case LUA_TTABLE:
        put_table(c, idx, depth + 1);
        return;
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == NULL) {
            put(c, "null", 4);
            return;
        }
        fail_value(c, "a light userdata other than hs.null (JSON null) is not a JSON value");
        return;
    default:
        lua_pushfstring(L, "a %s is not a JSON value", luaL_typename(L, idx));
        fail_value(c, lua_tostring(L, -1));
    }
}

/* ---- the call ---------------------------------------------------------------- */

/* The string of option key (the value on top), or an error. */
static const char *option_string(call *c, const char *key, size_t *len)
{
    if (lua_type(c->L, -1) != LUA_TSTRING)
        fail(c, 3, "option '%s': string expected, got %s", key, luaL_typename(c->L, -1));
    return lua_tolstring(c->L, -1, len);
}

/* Reads the arguments into *p, encoding the extensions into c's text and
 * their array into *ext (exts on the C stack, or a userdata). */
static void read_arguments(call *c, hs_problem *p, hs_problem_extension **ext, hs_problem_extension *exts)
{
    lua_State *L = c->L;
    if (lua_type(L, 2) == LUA_TSTRING)
        p->detail = lua_tolstring(L, 2, &p->detail_len);
    else if (!lua_isnil(L, 2))
        fail(c, 2, "string expected, got %s", luaL_typename(L, 2));
    if (lua_isnil(L, 3))
        return;
    if (lua_type(L, 3) != LUA_TTABLE)
        fail(c, 3, "table expected, got %s", luaL_typename(L, 3));

    lua_pushnil(L);
    while (lua_next(L, 3) != 0) {
        size_t klen = 0;
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &klen) : NULL;
#define KEY_IS(k) (key != NULL && klen == sizeof(k) - 1 && memcmp(key, k, sizeof(k) - 1) == 0)
        if (KEY_IS("detail")) {
            fail(c, 3, "unknown option 'detail' (the detail is argument #2)");
        } else if (KEY_IS("type")) {
            p->type = option_string(c, "type", &p->type_len);
        } else if (KEY_IS("title")) {
            p->title = option_string(c, "title", &p->title_len);
        } else if (KEY_IS("instance")) {
            p->instance = option_string(c, "instance", &p->instance_len);
        } else if (KEY_IS("extensions")) {
            if (lua_type(L, -1) != LUA_TTABLE)
                fail(c, 3, "option 'extensions': table expected, got %s", luaL_typename(L, -1));
            lua_pushvalue(L, -1);
            lua_replace(L, SLOT_EXTENSIONS);
        } else if (key != NULL) {
            fail(c, 3, "unknown option '%s'", hs_lua_shown(L, key, klen));
        } else {
            fail(c, 3, "option names are strings, got %s", luaL_typename(L, -2));
        }
#undef KEY_IS
        lua_pop(L, 1);
    }
    if (lua_isnil(L, SLOT_EXTENSIONS))
        return;

    size_t count = 0;
    lua_pushnil(L);
    while (lua_next(L, SLOT_EXTENSIONS) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            fail(c, 3, "option 'extensions': extension names are strings, got %s", luaL_typename(L, -1));
        count++;
    }
    if (count > ARRAY_ON_STACK) {
        if (count > SIZE_MAX / sizeof **ext)
            luaL_error(L, "httpstatus: too many problem extensions");
        *ext = (hs_problem_extension *)lua_newuserdata(L, count * sizeof **ext);
        lua_replace(L, SLOT_ARRAY);
    } else {
        *ext = exts;
    }
    /* The text grows at its end and may move as it grows: each value's end
     * is kept in value_len until all are written, values being consecutive. */
    size_t i = 0;
    lua_pushnil(L);
    while (lua_next(L, SLOT_EXTENSIONS) != 0) {
        if (i == count) { /* cannot happen: nothing changes the table meanwhile */
            lua_pop(L, 2);
            break;
        }
        hs_problem_extension *e = &(*ext)[i++];
        e->name = lua_tolstring(L, -2, &e->name_len); /* kept alive by the table, on the stack */
        c->ext = e->name;
        c->ext_len = e->name_len;
        put_value(c, lua_gettop(L), 0);
        e->value_len = c->len;
        lua_pop(L, 1);
    }
    for (size_t j = 0, start = 0; j < i; j++) {
        size_t end = (*ext)[j].value_len;
        (*ext)[j].value = c->text + start;
        (*ext)[j].value_len = end - start;
        start = end;
    }
    p->extensions = *ext;
    p->extension_count = i;
}

/* Raises the error of a problem the core refuses. */
static int refuse(call *c, int code, const hs_problem *p)
{
    hs_problem_error e;
    lua_State *L = c->L;
    if (hs_problem_validate(code, p, &e))
        return luaL_error(L, "httpstatus: the core refused a problem it validates"); /* cannot happen */
    if (e.member == NULL || e.fault == HS_PROBLEM_BAD_ARGUMENT) {
        if (e.fault == HS_PROBLEM_NO_TITLE)
            return fail(c, 1, "%s (option 'title')", e.message);
        return fail(c, 1, "%s", e.message);
    }
    const char *member = hs_lua_shown(L, e.member, e.member_len);
    if (e.extension != (size_t)-1)
        return fail(c, 3, "extension '%s': %s", member, e.message);
    if (e.fault == HS_PROBLEM_BAD_UTF8) {
        int byte = e.offset < (size_t)INT32_MAX ? (int)e.offset + 1 : INT32_MAX;
        if (strcmp(member, "detail") == 0)
            return fail(c, 2, "%s at byte %d", e.message, byte);
        return fail(c, 3, "option '%s': %s at byte %d", member, e.message, byte);
    }
    return fail(c, strcmp(member, "detail") == 0 ? 2 : 3, "%s: %s", member, e.message);
}

/* The checks of both functions; returns the code, *p filled. */
static int run(lua_State *L, call *c, hs_problem *p, hs_problem_extension **ext, hs_problem_extension *exts,
               char *text)
{
    lua_Integer code;
    lua_settop(L, 3);
    if (lua_type(L, 1) != LUA_TNUMBER)
        fail(c, 1, "integer expected, got %s", luaL_typename(L, 1));
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, 1)) {
        code = lua_tointeger(L, 1);
    } else
#endif
    {
        lua_Number n = lua_tonumber(L, 1);
        if (n != floor(n) || isinf(n)) /* NaN fails the comparison */
            fail(c, 1, "number has no integer representation");
        code = n < 0 ? -1 : n > 1000 ? 1000 : (lua_Integer)n;
    }
    if (code < 0 || code > 1000) /* outside 100..599 either way: the core refuses it */
        code = -1;
    for (int i = SLOT_EXTENSIONS; i <= SLOT_TOP; i++)
        lua_pushnil(L);
    c->text = text;
    c->len = 0;
    c->cap = TEXT_ON_STACK;
    read_arguments(c, p, ext, exts);
    return (int)code;
}

static int problem(lua_State *L, const char *fname, int level, int body)
{
    call c;
    hs_problem p = HS_PROBLEM_INIT;
    hs_problem_extension exts[ARRAY_ON_STACK], *ext = NULL;
    char text[TEXT_ON_STACK], out[BODY_ON_STACK];
    c.L = L;
    c.fname = fname;
    c.level = level;
    c.ext = NULL;
    c.ext_len = 0;
    int code = run(L, &c, &p, &ext, exts, text);
    if (!body) {
        if (!hs_problem_validate(code, &p, NULL))
            refuse(&c, code, &p);
        return 0;
    }
    size_t n = hs_problem_json(out, sizeof out, code, &p);
    if (n == 0)
        return refuse(&c, code, &p);
    if (n < sizeof out) {
        lua_pushlstring(L, out, n);
        return 1;
    }
    if (n == SIZE_MAX)
        return luaL_error(L, "httpstatus: problem body too large");
    char *big = (char *)lua_newuserdata(L, n + 1);
    lua_replace(L, SLOT_BODY);
    if (hs_problem_json(big, n + 1, code, &p) != n) /* cannot happen: the same problem */
        return luaL_error(L, "httpstatus: the problem body changed length");
    lua_pushlstring(L, big, n);
    return 1;
}

/* hs_problem_json(code, detail, opts): the body, a string. */
int hs_lua_problem_json(lua_State *L)
{
    return problem(L, "problem_json", 1, 1);
}

/* hs_problem_check(code, detail, opts): nothing, or the error hs.problem
 * raises, pointing at the caller of hs.problem (init.lua's function, which
 * must call this directly and not as a tail call). */
int hs_lua_problem_check(lua_State *L)
{
    return problem(L, "problem", 2, 0);
}
