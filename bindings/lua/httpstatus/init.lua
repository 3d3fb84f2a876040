--[[
httpstatus: HTTP status codes for Lua 5.4 and LuaJIT / OpenResty.

    local hs = require "httpstatus"
    ngx.exit(hs.NOT_FOUND)                  -- constants are plain integers
    hs.phrase(404); hs.is_retryable(503); hs.get("not found").code

The table lives in the C core, wrapped by SWIG as the private module
httpstatus.core. This file reads all of it once, at require time, into plain
Lua tables; after that every lookup by code and every predicate is a table
read (which LuaJIT compiles) and never a call into C. Only get() of a string
that is not exactly a name goes back to C, for hs_find's normalisation.

Lookups try the table first and look at the argument only on a miss, so a
good code costs one read; a miss is a bad argument (an error in the luaL
style) or a code the table has no answer for (nil or false).
]]
local core = require "httpstatus.core"

local error, type, setmetatable, format = error, type, setmetatable, string.format
local floor, huge = math.floor, math.huge

local M = {}

-- Every predicate, answered for any integer (false outside 100..599); each
-- is also a boolean field of every status object. hs_<name> in C.
local PREDICATES = {
    "is_valid", "is_known", "is_official",
    "is_informational", "is_success", "is_redirection", "is_client_error", "is_server_error",
    "is_error", "is_redirect", "preserves_method", "is_cacheable", "is_empty", "is_retryable",
}

-- Status codes are three-digit numbers (RFC 9110, Section 15); the core
-- decides which of them are valid.
local valid_codes = {}
for code = 0, 999 do
    if core.hs_is_valid(code) then
        valid_codes[#valid_codes + 1] = code
    end
end

-- A code argument that missed the table: raise the error Lua's own
-- functions would (pointing at the caller of fname, hence level 3), or
-- return normally for an integral number the table has no answer for.
local function check_code(fname, code)
    if type(code) ~= "number" then
        error(format("bad argument #1 to '%s' (integer expected, got %s)", fname, type(code)), 3)
    end
    if code ~= code or code == huge or code == -huge or floor(code) ~= code then
        error(format("bad argument #1 to '%s' (number has no integer representation)", fname), 3)
    end
end

-- ---- status objects --------------------------------------------------

local function read_only(_, key)
    error(format("httpstatus: status objects are read-only (cannot set field '%s')", tostring(key)), 2)
end

-- One empty proxy per code; its fields live in the metatable's __index
-- table, so reading s.phrase is one metatable hop and writing is an error.
local function status_object(fields)
    local line = fields.code .. " " .. fields.phrase
    return setmetatable({}, {
        __index = fields,
        __newindex = read_only,
        __tostring = function() return line end,
        __pairs = function() return next, fields, nil end,
        __metatable = false,
    })
end

local by_code = {}   -- code -> status object
local by_name = {}   -- canonical name or alias -> status object
local ordered = {}   -- every status object, ascending by code
local phrases = {}   -- code -> phrase
local descriptions = { en = {} } -- lang -> code -> description; more langs on demand

for i = 0, core.hs_count() - 1 do
    local row = core.hs_at(i)
    local code = row.code
    local fields = {
        code = code,
        name = row.name,
        phrase = row.phrase,
        description = row.description,
        category = core.hs_category(code),
        official = row.official,
        origin = row.origin,
        reference = row.reference,
    }
    for _, predicate in ipairs(PREDICATES) do
        fields[predicate] = core["hs_" .. predicate](code)
    end
    local status = status_object(fields)
    by_code[code] = status
    ordered[#ordered + 1] = status
    phrases[code] = row.phrase
    descriptions.en[code] = row.description

    by_name[row.name] = status
    M[row.name] = code
    local a = 0
    while true do
        local alias = core.hs_alias(code, a)
        if alias == nil then break end
        by_name[alias] = status
        M[alias] = code
        a = a + 1
    end
end

-- ---- predicates --------------------------------------------------------

for _, predicate in ipairs(PREDICATES) do
    local answers = {}
    local in_c = core["hs_" .. predicate]
    for _, code in ipairs(valid_codes) do
        answers[code] = in_c(code)
    end
    M[predicate] = function(code)
        local answer = answers[code]
        if answer ~= nil then return answer end
        check_code(predicate, code)
        return false
    end
end

-- ---- lookups -------------------------------------------------------------

local categories = {}
for _, code in ipairs(valid_codes) do
    categories[code] = core.hs_category(code)
end

local find = core.hs_find

--- The status object for a code, or for a name, alias or phrase in any
--- case and spelling hs_find accepts, or for a string of digits; nil when
--- unknown.
function M.get(x)
    local status = by_code[x]
    if status ~= nil then return status end
    if type(x) == "string" then
        status = by_name[x]
        if status ~= nil then return status end
        local row = find(x)
        if row == nil then return nil end
        return by_code[row.code]
    end
    check_code("get", x)
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
        local shown = #lang > 40 and lang:sub(1, 40) .. "..." or lang
        error(format("bad argument #2 to 'description' (invalid language %q)", shown), 3)
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

M._VERSION = core.hs_version()

return M
