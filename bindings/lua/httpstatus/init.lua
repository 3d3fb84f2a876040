--[[
httpstatus: HTTP status codes for Lua 5.4 and LuaJIT / OpenResty.

    local hs = require "httpstatus"
    ngx.exit(hs.NOT_FOUND)                  -- constants are plain integers
    hs.phrase(404); hs.is_retryable(503); hs.get("not found").code

The table lives in the C core, wrapped by SWIG as the private module
httpstatus.core. This file reads all of it once, at require time, into plain
Lua tables; after that every lookup by code and every predicate is a table
read (which LuaJIT compiles) and never a call into C. Only get() of a string
that is not exactly a name, and search(), go back to C, for the core's
normalisation.

Nothing here names a field or a predicate: both come from the C surface list
(core/httpstatus_surface.def, enumerated by hs_field_*), so a line added there
shows up in every status object and as hs.<predicate> with no edit here.

check() is the core's hs_check itself: a C function that walks the header
tables and returns the findings; the rules live in C only.

Lookups try the table first and look at the argument only on a miss, so a
good code costs one read; a miss is a bad argument (an error in the luaL
style) or a code the table has no answer for (nil or false).
]]
local core = require "httpstatus.core"

local error, type, setmetatable, format, tostring = error, type, setmetatable, string.format, tostring
local floor, huge = math.floor, math.huge

local M = {}

-- ---- the surface, from C ---------------------------------------------------

-- Every field of a status object in the C list's order (0-based index i in
-- C), and the predicates among them: predicate fields are also functions.
local FIELDS, PREDICATES = {}, {}
for i = 0, core.hs_field_count() - 1 do
    local name = core.hs_field_name(i)
    FIELDS[#FIELDS + 1] = { name = name, index = i }
    if core.hs_field_is_predicate(i) then
        PREDICATES[#PREDICATES + 1] = { name = name, index = i }
    end
end

-- Status codes are three-digit numbers (RFC 9110, Section 15); the ones with
-- a category are the valid ones, which every predicate answers for.
local categories = {} -- code -> category, for every valid code
local valid_codes = {}
for code = 0, 999 do
    local category = core.hs_category(code)
    if category ~= nil then
        categories[code] = category
        valid_codes[#valid_codes + 1] = code
    end
end

-- A code argument that missed the table: raise the error Lua's own
-- functions would (pointing at the caller of fname, hence level 3), or
-- return normally for an integral number the table has no answer for.
local function check_code(fname, code, expected)
    if type(code) ~= "number" then
        error(format("bad argument #1 to '%s' (%s expected, got %s)", fname, expected or "integer", type(code)), 3)
    end
    if code ~= code or code == huge or code == -huge or floor(code) ~= code then
        error(format("bad argument #1 to '%s' (number has no integer representation)", fname), 3)
    end
end

-- Text from the caller (a language, a key) as an error message shows it, as
-- the C side's hs_lua_shown (bindings/lua/lua.i) shows it: at most 40 bytes,
-- then "..."; a backslash, a NUL and the other ASCII control bytes written
-- as in a Lua string literal, so that a name is never cut at a NUL.
local ESCAPES = { ["\\"] = "\\\\", ["\0"] = "\\0", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function escape(c) return ESCAPES[c] or format("\\%03d", c:byte()) end
local function shown(text)
    local s = tostring(text)
    local cut = #s > 40
    if cut then s = s:sub(1, 40) end
    s = s:gsub("[%z\1-\31\\\127]", escape)
    return cut and s .. "..." or s
end

-- ---- lists in JSON -----------------------------------------------------------

-- The lists (aliases and rules of a status, a search result) carry a
-- metatable saying they are arrays, so that an empty one encodes as [] and
-- not {}. OpenResty's lua-cjson knows only its own cjson.empty_array_mt: it is
-- used when that cjson is loaded already, or under OpenResty (which ships it).
-- dkjson reads __jsontype (and encodes an empty table as [] anyway). Debian's
-- lua-cjson 2.1.0 has no such marker and encodes every empty table as {}.
local ARRAY_MT
do
    local cjson = package.loaded.cjson or package.loaded["cjson.safe"]
    if cjson == nil and type(rawget(_G, "ngx")) == "table" then
        local ok, loaded = pcall(require, "cjson")
        if ok then cjson = loaded end
    end
    if type(cjson) == "table" and type(cjson.empty_array_mt) == "table" then
        ARRAY_MT = cjson.empty_array_mt
    else
        ARRAY_MT = { __jsontype = "array" }
    end
end

-- ---- status objects ----------------------------------------------------------

-- A status object is a plain table holding every field itself, so pairs,
-- next, cjson and dkjson see them all, on Lua 5.4 and LuaJIT alike. Its
-- (hidden) metatable prints it as its status line and refuses new keys; a
-- plain table cannot refuse a new value for an existing key, so the objects
-- are read-only by convention: the module hands the same table to everyone.
local line_of = {} -- status object -> its status line, kept apart from the object

local STATUS_MT = {
    __tostring = function(status) return line_of[status] end,
    __newindex = function(_, key)
        error(format("httpstatus: status objects are read-only (cannot add field '%s')", shown(key)), 2)
    end,
    __metatable = false,
}

local by_code = {}   -- code -> status object
local by_name = {}   -- canonical name or alias -> status object
local ordered = {}   -- every status object, ascending by code (index = C row + 1)
local phrases = {}   -- code -> phrase (the module's own; M.phrases is a copy)
local descriptions = { en = {} } -- lang -> code -> description; more langs on demand

local field = core.hs_field
for row = 0, core.hs_count() - 1 do
    local code = core.hs_code_at(row)
    local status = {}
    for _, f in ipairs(FIELDS) do
        local value = field(code, f.index)
        if type(value) == "table" then setmetatable(value, ARRAY_MT) end
        status[f.name] = value
    end
    line_of[status] = status.status_line
    setmetatable(status, STATUS_MT)

    by_code[code] = status
    ordered[#ordered + 1] = status
    phrases[code] = status.phrase
    descriptions.en[code] = status.description
    by_name[status.name] = status
    M[status.name] = code
    for _, alias in ipairs(status.aliases) do
        by_name[alias] = status
        M[alias] = code
    end
end

-- ---- predicates ----------------------------------------------------------------

for _, p in ipairs(PREDICATES) do
    local name, answers, index = p.name, {}, p.index
    for _, code in ipairs(valid_codes) do
        answers[code] = core.hs_predicate(index, code)
    end
    M[name] = function(code)
        local answer = answers[code]
        if answer ~= nil then return answer end
        check_code(name, code)
        return false
    end
end

-- ---- lookups ---------------------------------------------------------------------

local find = core.hs_find_code

--- The status object for a code, or for a name, alias or phrase in any
--- case and spelling hs_find accepts, or for a string of three digits; nil
--- when unknown.
function M.get(x)
    local status = by_code[x]
    if status ~= nil then return status end
    if type(x) == "string" then
        status = by_name[x]
        if status ~= nil then return status end
        local code = find(x)
        if code == nil then return nil end
        return by_code[code]
    end
    check_code("get", x, "integer or string")
    return nil
end

function M.phrase(code)
    local phrase = phrases[code]
    if phrase ~= nil then return phrase end
    check_code("phrase", code)
    return nil
end

function M.category(code)
    local category = categories[code]
    if category ~= nil then return category end
    check_code("category", code)
    return nil
end

-- The descriptions of a language the core knows, read on first use.
local function load_language(lang)
    if type(lang) ~= "string" then
        error(format("bad argument #2 to 'description' (string expected, got %s)", type(lang)), 3)
    end
    if not core.hs_is_language(lang) then
        error(format("bad argument #2 to 'description' (invalid language \"%s\")", shown(lang)), 3)
    end
    local texts = {}
    for code in pairs(by_code) do
        texts[code] = core.hs_description(code, lang)
    end
    descriptions[lang] = texts
    return texts
end

--- The description of a code in lang ("en", the default, or "ko"); nil for
--- a code not in the table; an error for any other lang.
function M.description(code, lang)
    if lang == nil then lang = "en" end
    local texts = descriptions[lang]
    if texts == nil then
        texts = load_language(lang)
    end
    local text = texts[code]
    if text ~= nil then return text end
    check_code("description", code)
    return nil
end

--- Every status object once (canonical names only), ascending by code, in a
--- new list the caller may change.
function M.all()
    local list = {}
    for i = 1, #ordered do
        list[i] = ordered[i]
    end
    return list
end

local search, count = core.hs_search, core.hs_count()

--- Every status whose name, alias, phrase or origin contains word, normalised
--- as get() normalises (the core's hs_search), ascending by code, in a new
--- list the caller may change. A word with a NUL byte matches nothing, as in
--- get().
function M.search(word)
    if type(word) ~= "string" then
        error(format("bad argument #1 to 'search' (string expected, got %s)", type(word)), 2)
    end
    local list, i = setmetatable({}, ARRAY_MT), search(word, 0)
    while i < count do
        list[#list + 1] = ordered[i + 1]
        i = search(word, i + 1)
    end
    return list
end

--- code -> phrase for every row, a plain table (the shape of npm
--- statuses.message). Read-only by convention: every caller shares it; the
--- module's own lookups use a table of their own.
M.phrases = {}
for code, phrase in pairs(phrases) do
    M.phrases[code] = phrase
end

-- ---- response rules ------------------------------------------------------------

-- The rules are the core's (core/rules.def): which rule fires for which
-- response is decided in C and nowhere else. This part only describes them
-- and hands check()'s arguments to the core (bindings/lua/lua.i walks the
-- header tables and feeds the core's hs_checker, with no copy).

local rule_count = core.hs_rule_count()
local rule_fields = core.hs_rule_fields
local LANGS = { "en", "ko" } -- the languages the core has messages in

-- Findings and rules are plain tables holding their fields (pairs, cjson and
-- dkjson see them all); their metatable prints them and refuses new keys.
local function read_only_mt(what)
    return {
        __tostring = function(t)
            return format("%s %s: %s (%s)", rawget(t, "level"), rawget(t, "id"), rawget(t, "message"),
                rawget(t, "reference"))
        end,
        __newindex = function(_, key)
            error(format("httpstatus: %s are read-only (cannot add field '%s')", what, shown(key)), 2)
        end,
        __metatable = false,
    }
end
local FINDING_MT, RULE_MT = read_only_mt("findings"), read_only_mt("rules")

-- The fields of every finding of each rule, per language: the C check copies
-- them into each new finding, so that a finding costs one table and no new
-- string. (field is the rule's own; a finding naming another field, as
-- metadata-in-304 does, gets it from C.)
local templates = {}
for _, lang in ipairs(LANGS) do
    assert(core.hs_is_language(lang))
    local list = {}
    for i = 0, rule_count - 1 do
        local id, level, field, reference = rule_fields(i)
        list[i + 1] = { id = id, level = level, field = field, message = core.hs_rule_message(i, lang),
                        reference = reference }
    end
    templates[lang] = list
end

--- The findings of the core's rules for a response with this status and
--- these header fields: a new array of new finding tables { id, level, field
--- (nil when none), message (in opts.lang), reference }, in rule order, empty
--- when nothing fires. headers maps field names (any case) to a string or an
--- array of strings, as ngx.resp.get_headers(0) returns them; opts may give
--- method (a token), request_headers, content (a boolean, or the content
--- itself as a string, "" meaning none), version, ignore, level ("info", the
--- default, "should" or "must": the least level reported) and lang. A C
--- function.
local check_fields
M.check, check_fields = core.hs_check_function(templates, ARRAY_MT, FINDING_MT)
-- The same check with its options as arguments, for httpstatus.ngx only
-- (bindings/lua/lua.i: hs_lua_check_fields); kept in the private C module.
core.hs_check_fields = check_fields

-- What rules() answers, per language: the fields of every rule, read from C
-- on first use (the codes of every rule take 500 calls per rule into C).
-- These tables stay private: rules() hands out new copies, so that no
-- caller can change another's answer.
local rules_by_lang, codes_of_rule = {}, nil

local function rules_in(lang)
    if codes_of_rule == nil then
        codes_of_rule = {}
        for i = 0, rule_count - 1 do
            local codes = {}
            for _, code in ipairs(valid_codes) do
                if core.hs_rule_applies(i, code) then codes[#codes + 1] = code end
            end
            codes_of_rule[i + 1] = codes
        end
    end
    local list = {}
    for i = 0, rule_count - 1 do
        local id, level, field, reference = rule_fields(i)
        list[i + 1] = { id = id, level = level, field = field, message = core.hs_rule_message(i, lang),
                        reference = reference, codes = codes_of_rule[i + 1] }
    end
    rules_by_lang[lang] = list
    return list
end

--- Every rule once, in table order: a new list of new rule tables { id,
--- level, field (nil when none), message (in lang, "en" by default, or "ko"),
--- reference, codes (a new list of the codes in 100..599 it can apply to) }
--- on every call, so a caller may change its copy and no other caller sees
--- it. The rule tables refuse new keys, as findings do.
function M.rules(lang)
    if lang == nil then lang = "en" end
    local list = rules_by_lang[lang]
    if list == nil then
        if type(lang) ~= "string" then
            error(format("bad argument #1 to 'rules' (string expected, got %s)", type(lang)), 2)
        end
        if not core.hs_is_language(lang) then
            error(format("bad argument #1 to 'rules' (invalid language \"%s\")", shown(lang)), 2)
        end
        list = rules_in(lang)
    end
    local copy = setmetatable({}, ARRAY_MT)
    for i = 1, #list do
        local r, codes = list[i], setmetatable({}, ARRAY_MT)
        for j = 1, #r.codes do codes[j] = r.codes[j] end
        copy[i] = setmetatable({ id = r.id, level = r.level, field = r.field, message = r.message,
                                 reference = r.reference, codes = codes }, RULE_MT)
    end
    return copy
end

-- ---- problem details (RFC 9457) ----------------------------------------------

-- The body is the core's hs_problem_json, called from C (bindings/lua/
-- lua_problem.c) with the extension values encoded there as JSON text; the
-- core validates them and writes every byte, as in every other language.

--- JSON null in problem extensions: the NULL light userdata, which
--- cjson.null and ngx.null also are.
M.null = core.null

--- The application/problem+json body of a status, a string: {"title":
--- <the phrase>,"status":<code>,"detail":...}; opts may give type, title,
--- instance (strings) and extensions (name -> string, integer, boolean,
--- hs.null, or a table of these). A C function.
M.problem_json = core.hs_problem_json

local problem_check = core.hs_problem_check

-- An extension value as its JSON says it (problem_check has accepted it):
-- integral numbers as integers (3.0 is 3, -0 is 0), tables as new tables.
local function plain(v)
    local t = type(v)
    if t == "number" then
        if v == 0 then return 0 end
        return floor(v) -- an integer in Lua 5.4
    elseif t == "table" then
        local copy = {}
        for k, x in next, v do copy[k] = plain(x) end
        return copy
    end
    return v
end

--- The problem itself, a new plain table { type, title, status, detail,
--- instance, <extensions> } (absent members nil), whose cjson encoding is
--- the object problem_json writes. The same arguments and errors.
function M.problem(code, detail, opts)
    problem_check(code, detail, opts) -- not a tail call: its errors point at our caller
    local p = { status = floor(code), detail = detail }
    if opts ~= nil then
        p.type, p.title, p.instance = rawget(opts, "type"), rawget(opts, "title"), rawget(opts, "instance")
        local extensions = rawget(opts, "extensions")
        if extensions ~= nil then
            for name, v in next, extensions do p[name] = plain(v) end
        end
    end
    if p.title == nil then p.title = phrases[code] end
    return p
end

M._VERSION = core.hs_version()

return M
