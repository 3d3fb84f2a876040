-- Drives every entry point of the httpstatus Lua module, for valgrind
-- (tests/valgrind/run_valgrind.sh), under Lua 5.4 and LuaJIT: the require,
-- every code from -5 to 1004 and the integer edges, every name and alias,
-- every lookup function, tostring, a constant, the private C module
-- httpstatus.core called directly (its SWIG typemaps are the C code Lua
-- input reaches), check and rules with every code and every shape of headers
-- and options (good and bad), and every row of docs/reference.md's bad-input
-- table through pcall.
--
-- valgrind is the judge of memory; the asserts check that each call gave
-- the answer docs/reference.md promises, so a call that silently did nothing fails too.
-- Prints one line per section and "ok" at the end.
local hs = require "httpstatus"
local core = require "httpstatus.core"

-- Every predicate, and every field of a status object, from the C surface list.
local PREDICATES, FIELDS = {}, {}
for i = 0, core.hs_field_count() - 1 do
    FIELDS[#FIELDS + 1] = { core.hs_field_name(i), i }
    if core.hs_field_is_predicate(i) then PREDICATES[#PREDICATES + 1] = core.hs_field_name(i) end
end
-- A row of the C table as a Lua table of its fields, or nil.
local function row_of(code)
    if core.hs_field(code, 0) == nil then return nil end
    local row = { description_ko = core.hs_description(code, "ko") }
    for _, f in ipairs(FIELDS) do row[f[1]] = core.hs_field(code, f[2]) end
    return row
end
local LOOKUPS = { "get", "phrase", "description", "category" }
local CODE_FUNCTIONS = {}
for _, name in ipairs(LOOKUPS) do CODE_FUNCTIONS[#CODE_FUNCTIONS + 1] = name end
for _, name in ipairs(PREDICATES) do CODE_FUNCTIONS[#CODE_FUNCTIONS + 1] = name end

local INT_EDGES = { -1, 0, 99, 600, 2 ^ 31 - 1, 2 ^ 31, -2 ^ 31, -2 ^ 31 - 1, 2 ^ 32 + 404, 2 ^ 53,
                    2 ^ 63, -2 ^ 63, 2 ^ 64 + 404, 2 ^ 100, -2 ^ 100, 1e308, -0.0 }
if math.type then -- Lua 5.4 integers beyond C int; load() since LuaJIT cannot parse `<<`
    for _, v in ipairs(load("return { math.maxinteger, math.mininteger, (1 << 32) + 404, "
        .. "(1 << 31) + 404, math.mininteger + 404 }")()) do
        INT_EDGES[#INT_EDGES + 1] = v
    end
end

local function section(name)
    io.write(name, "\n")
    io.flush()
end

-- The error message of f(...), which must fail.
local function error_of(f, ...)
    local ok, err = pcall(f, ...)
    assert(not ok, "expected an error")
    return tostring(err)
end

local function check(condition, ...)
    if not condition then
        error(table.concat({ "check failed:", tostring((...)), tostring((select(2, ...))) }, " "), 2)
    end
end

section("every code")
local count, known = core.hs_count(), 0
local codes = {}
for code = -5, 1004 do codes[#codes + 1] = code end
for _, v in ipairs(INT_EDGES) do codes[#codes + 1] = v end
for _, code in ipairs(codes) do
    local s = hs.get(code)
    local valid = code >= 100 and code <= 599
    check(hs.is_valid(code) == valid and (hs.category(code) ~= nil) == valid, code)
    check(core.hs_is_valid(code) == valid and (core.hs_category(code) ~= nil) == valid, code)
    for _, p in ipairs(PREDICATES) do
        local answer = hs[p](code)
        check(type(answer) == "boolean" and answer == core["hs_" .. p](code), p, code)
    end
    local row = row_of(code)
    if s == nil then
        check(row == nil and hs.phrase(code) == nil and hs.description(code) == nil, code)
        check(hs.description(code, "ko") == nil and core.hs_phrase(code) == nil, code)
        check(core.hs_description(code, "en") == nil and core.hs_description(code, "ko") == nil, code)
    else
        known = known + 1
        check(s.code == code and hs.get(tostring(code)) == s and hs.get(code + 0.0) == s, code)
        check(row.code == code and row.name == s.name and row.phrase == s.phrase, code)
        check(s.phrase == hs.phrase(code) and s.phrase == core.hs_phrase(code), code)
        check(tostring(s) == code .. " " .. s.phrase, tostring(s))
        check(s.description == hs.description(code) and s.description == hs.description(code, "en"), code)
        check(hs.description(code, "ko") == row.description_ko, code)
        check(core.hs_description(code, "ko") == row.description_ko and row.description_ko ~= s.description, code)
        check(s.category == hs.category(code) and s.official == row.official, code)
        check(s.origin == row.origin and s.reference == row.reference, code)
        for _, f in ipairs(FIELDS) do
            local v = s[f[1]]
            if type(v) == "table" then
                check(#v == #row[f[1]], f[1], code)
                for i = 1, #v do check(v[i] == row[f[1]][i], f[1], code) end
            else
                check(v == row[f[1]], f[1], code)
            end
        end
        for _, p in ipairs(PREDICATES) do check(s[p] == hs[p](code), p, code) end
        for k, v in pairs(s) do check(s[k] == v, k) end
    end
end
check(known == count and #hs.all() == count, known)

section("every name, alias and phrase")
local names = 0
for key, value in pairs(hs) do
    if type(key) == "string" and key:match("^[A-Z][A-Z0-9_]*$") and type(value) == "number" then
        names = names + 1
        local s = hs.get(key)
        check(s ~= nil and s.code == value, key)
        check(hs.get(key:lower()) == s and hs.get((key:gsub("_", " "))) == s and hs.get((key:gsub("_", "-"))) == s, key)
        check(core.hs_find_code(key) == value and core.hs_find_code(key:lower()) == value, key)
        check(hs.get(s.phrase) ~= nil and core.hs_find_code(s.phrase) ~= nil, s.phrase)
    end
end
check(names >= count, names)
for i = 0, count - 1 do
    local row = row_of(core.hs_code_at(i))
    local a = 0
    while true do
        local alias = core.hs_alias(row.code, a)
        if alias == nil then break end
        check(hs[alias] == row.code and hs.get(alias).name == row.name, alias)
        a = a + 1
    end
end
check(core.hs_code_at(count) == nil and core.hs_code_at(-1) == nil and core.hs_code_at(2 ^ 60) == nil, "hs_code_at")
check(core.hs_field(404, core.hs_field_count()) == nil and core.hs_field(299, 0) == nil, "hs_field")
check(core.hs_alias(404, 1000) == nil and core.hs_alias(-1, 0) == nil, "hs_alias")

section("all(), search, constants, version")
local all = hs.all()
for i = 2, #all do check(all[i - 1].code < all[i].code, i) end
all[1] = nil -- the caller's own list
check(hs.all()[1] ~= nil, "all() is a new list")
for _, word in ipairs{ "not", "error", "teapot", "a", "\255", string.rep("x", 300), "" } do
    local i = core.hs_search(word, 0)
    while i < count do
        check(core.hs_code_at(i) ~= nil, word)
        i = core.hs_search(word, i + 1)
    end
    check(#hs.search(word) >= 0, word)
end
check(hs.search("timeout")[1].code == 408 and #hs.search("a\0b") == 0 and not pcall(hs.search, nil), "search")
for code, phrase in pairs(hs.phrases) do check(hs.phrase(code) == phrase, code) end
check(core.hs_search("", 0) == count and core.hs_search("not", 2 ^ 60) == count, "hs_search")
check(hs.NOT_FOUND == 404 and hs.get(hs.IM_A_TEAPOT).code == 418, "constants")
check(type(hs._VERSION) == "string" and hs._VERSION == core.hs_version(), "version")
check(core.hs_is_language("ko") and not core.hs_is_language("fr") and not core.hs_is_language("ko\0"), "lang")

section("bad input: wrong types")
local WRONG_TYPES = { { "nil", nil }, { "boolean", true }, { "boolean", false }, { "table", {} },
                      { "table", { 404 } }, { "function", print }, { "userdata", io.stdout },
                      { "thread", coroutine.create(print) } }
for _, name in ipairs(CODE_FUNCTIONS) do
    for _, case in ipairs(WRONG_TYPES) do
        local expected = string.format("bad argument #1 to '%s' (%s expected, got %s)", name,
            name == "get" and "integer or string" or "integer", case[1])
        check(error_of(hs[name], case[2]) == expected, error_of(hs[name], case[2]), expected)
    end
    if name ~= "get" then
        check(error_of(hs[name], "404"):find("integer expected, got string", 1, true), name)
    end
end
-- The C functions refuse the same, through the typemaps of lua.i.
for key, f in pairs(core) do
    if type(f) == "function" and key ~= "hs_count" and key ~= "hs_version" then
        for _, case in ipairs(WRONG_TYPES) do
            check(not pcall(f, case[2]), key, case[1])
            check(not pcall(f, case[2], 0), key, case[1])
        end
    end
end
check(not pcall(core.hs_field), "no argument")
check(not pcall(core.hs_phrase, 404, 405), "too many arguments")
check(not pcall(core.hs_description, 404), "no lang")

section("bad input: floats")
local BAD_FLOATS = { 404.5, -0.5, 0.1, 599.999, 0 / 0, -(0 / 0), math.huge, -math.huge }
for _, name in ipairs(CODE_FUNCTIONS) do
    for _, v in ipairs(BAD_FLOATS) do
        check(error_of(hs[name], v) == string.format(
            "bad argument #1 to '%s' (number has no integer representation)", name), name, v)
    end
    for _, code in ipairs{ 100, 200, 404, 418, 599 } do
        check(hs[name](code + 0.0) == hs[name](code), name, code)
    end
end
for _, f in ipairs{ core.hs_field, core.hs_phrase, core.hs_category, core.hs_is_valid, core.hs_code_at } do
    for _, v in ipairs(BAD_FLOATS) do
        check(error_of(f, v):find("number has no integer representation", 1, true), v)
    end
end
for _, v in ipairs(BAD_FLOATS) do
    check(not pcall(core.hs_alias, 404, v) and not pcall(core.hs_search, "not", v), v)
    check(not pcall(core.hs_description, v, "en"), v)
end

section("bad input: integers out of range")
for _, v in ipairs(INT_EDGES) do
    for _, p in ipairs(PREDICATES) do check(hs[p](v) == false and core["hs_" .. p](v) == false, p, v) end
    for _, name in ipairs(LOOKUPS) do check(hs[name](v) == nil, name, v) end
    check(hs.description(v, "ko") == nil and core.hs_field(v, 0) == nil and core.hs_phrase(v) == nil, v)
    check(core.hs_category(v) == nil and core.hs_description(v, "ko") == nil, v)
end

section("bad input: strings")
local megabyte = string.rep("A", 1024 * 1024)
for _, text in ipairs{ "", " ", "NO_SUCH_STATUS", "NOT_FOUND\0x", "NOT_FOUND\0", "\0", "404\0", "\0" .. "404",
                       megabyte, "NOT_FOUND" .. megabyte, string.rep("4", 1024 * 1024),
                       "\239\188\148\239\188\144\239\188\148", "NOT_FOUND\237\160\128", "\237\160\128",
                       "\255\254", "+404", "-404", "404.0", "0x194", "4 04", "600", "99", "4294967700" } do
    check(hs.get(text) == nil and core.hs_find_code(text) == nil, #text)
    core.hs_search(text, 0)
end
check(hs.get("not found") == hs.get(404), "still answers afterwards")
-- surrounding ASCII white space is not part of the key
check(hs.get(" 404 ") == hs.get(404) and core.hs_find_code(" 404\n") == 404, "white space around a code")

section("bad input: lang")
for _, lang in ipairs{ "fr", "", "EN", "Ko", "english", "ko\0", "en\0x", " ko", string.rep("x", 100000) } do
    for _, code in ipairs{ 404, 299, 999, -1 } do
        check(error_of(hs.description, code, lang):find("bad argument #2 to 'description' (invalid language",
            1, true), lang)
    end
    check(core.hs_description(404, lang) == nil, lang)
end
for _, lang in ipairs{ 1, true, false, {}, print } do
    check(error_of(hs.description, 404, lang):find("bad argument #2 to 'description' (string expected",
        1, true), type(lang))
end

section("read-only status objects")
local s = hs.get(404)
for _, key in ipairs{ "new_field", "is_teapot", 1 } do
    check(error_of(function() s[key] = 1 end):find("read-only", 1, true), key)
end
check(not pcall(setmetatable, s, {}) and getmetatable(s) == false, "metatable")
check(getmetatable(core) == nil, "the C module is a plain table")

section("response rules: check and rules")
-- check's C function walks the Lua tables itself (lua.i): every shape of
-- headers and options it takes, every status, and every bad one.
local rules = hs.rules()
check(#rules == core.hs_rule_count() and #hs.rules("ko") == #rules, "rules")
for i, r in ipairs(rules) do
    check(core.hs_rule_find(r.id) == i - 1 and core.hs_rule_message(i - 1, "ko") == hs.rules("ko")[i].message, r.id)
    check(select(1, core.hs_rule_fields(i - 1)) == r.id and tostring(r):find(r.id, 1, true), r.id)
end
check(core.hs_rule_fields(#rules) == nil and core.hs_rule_find("nope") == #rules, "past the end")
check(core.hs_rule_find("allow-missing\0") == #rules and core.hs_rule_message(0, "fr") == nil, "rule edges")
local DATE = "Tue, 15 Nov 1994 08:12:31 GMT"
local REQUESTS = { nil, {}, { expect = "100-continue", range = "bytes=0-1", ["if-none-match"] = { "a", "b" },
                              accept = "*/*", upgrade = "h2c" } }
local fired = {}
for _, code in ipairs(codes) do
    for r = 1, 3 do
        local opts = { method = r == 2 and "HEAD" or "GET", request_headers = REQUESTS[r], content = r == 3,
                       version = ({ "1.0", "2", "1.1" })[r], lang = r == 2 and "ko" or "en" }
        local headers = r == 1 and {} or { Date = DATE, ["content-length"] = "0", Allow = { "GET", "HEAD" },
                                           ["Content-Type"] = "multipart/byteranges; b=1", upgrade = "" }
        for _, f in ipairs(hs.check(code, headers, opts)) do
            fired[f.id] = true
            check(type(f.message) == "string" and type(f.reference) == "string" and tostring(f) ~= nil, f.id)
        end
    end
end
local distinct = 0
for _ in pairs(fired) do distinct = distinct + 1 end
check(distinct >= 15, "rules fired: " .. distinct) -- most rules, through every path of the C function
check(#hs.check(405, { date = DATE }) == 1 and hs.check(405, { date = DATE })[1].id == "allow-missing", "405")
check(hs.check(304, { date = DATE, ["content-language"] = "ko" })[1].field == "Content-Language", "variant field")
local many = { date = DATE }
for i = 1, 500 do many["x-" .. i] = { "a", "b", string.rep("c", i) } end
check(#hs.check(200, many) == 0, "many fields")
for _, bad in ipairs{
    { nil }, { {} }, { 404.5 }, { 0 / 0 }, { 404, "x" }, { 404, { 1 } }, { 404, { a = true } },
    { 404, { a = { "x", {} } } }, { 404, { a = { x = "y" } } }, { 404, {}, "x" }, { 404, {}, { metod = 1 } },
    { 404, {}, { method = 1 } }, { 404, {}, { content = 1 } }, { 404, {}, { version = "9" } },
    { 404, {}, { version = 2 } }, { 404, {}, { lang = "fr" } }, { 404, {}, { lang = "ko\0" } },
    { 404, {}, { ignore = { "nope" } } }, { 404, {}, { ignore = "date-missing" } }, { 404, {}, { ignore = { 1 } } },
    { 404, {}, { request_headers = 1 } }, { 404, {}, { request_headers = { a = false } } },
    { 404, {}, { [1] = true } }, { 404, { [string.rep("n", 100000)] = 1 } },
} do
    local err = error_of(hs.check, bad[1], bad[2], bad[3])
    check(err:find("^bad argument #[123] to 'check' %("), err)
end
for _, lang in ipairs{ "fr", "ko\0", 1 } do check(not pcall(hs.rules, lang), lang) end
-- a check function made from anything (the templates are only a shortcut)
for _, t in ipairs{ {}, { en = {} }, { en = { { id = 1 }, "x" } }, { ko = { {} } } } do
    local f = core.hs_check_function(t, {}, {})
    check(f(405, {}, { lang = "ko" })[1].id == "allow-missing" and f(405, {})[1].message ~= nil, "made check")
end
check(not pcall(core.hs_check_function, {}, {}) and not pcall(core.hs_check_function, nil, {}, {}), "factory")

section("a pcall'd bad input in a hot loop, and repeated lookups")
-- Enough iterations that LuaJIT compiles the loops, and that a per-call
-- leak in C shows as many lost blocks.
local sum = 0
for i = 1, 3000 do
    local code = 100 + i % 500
    if hs.is_error(code) and hs.is_known(code) then sum = sum + hs.get(code).code end
    sum = sum + #(hs.phrase(404) or "") + #hs.category(code)
    if i % 10 == 0 then
        check(not pcall(hs.get, {}) and hs.get("not found") ~= nil and core.hs_find_code("NOT_FOUND") ~= nil, i)
        check(core.hs_field(404, 2) ~= nil and core.hs_description(404, "ko") ~= nil, i)
    end
end
check(sum > 0, sum)

print("ok")
