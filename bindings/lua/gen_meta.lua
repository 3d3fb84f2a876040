--[[
Writes the LuaLS annotations (a ---@meta file) for `require "httpstatus"`:
every constant, read from the built module; every field of a status object
and every predicate, from the C surface list (hs_field_*, with their
documentation); and the other functions, documented here. The output is committed as bindings/lua/types/httpstatus.lua and a
test fails when it differs from what this script writes now.

    lua5.4 bindings/lua/gen_meta.lua MODULE_DIR [OUTPUT]

MODULE_DIR holds httpstatus/init.lua and httpstatus/core.so (a CMake build's
lua5.4 directory); without OUTPUT the file goes to standard output.
]]
local module_dir, output = arg[1], arg[2]
if not module_dir then
    io.stderr:write("usage: gen_meta.lua MODULE_DIR [OUTPUT]\n")
    os.exit(2)
end
package.path = module_dir .. "/?.lua;" .. module_dir .. "/?/init.lua;" .. package.path
package.cpath = module_dir .. "/?.so;" .. package.cpath

local hs = require "httpstatus"
local core = require "httpstatus.core"

-- The surface, from the C list (core/httpstatus_surface.def): every field of
-- a status object with its kind and documentation, the predicates among them.
local LUA_TYPES = { [core.HS_INTEGER] = "integer", [core.HS_BOOLEAN] = "boolean",
                    [core.HS_STRING] = "string", [core.HS_STRINGS] = "string[]" }
-- Fields whose values are a closed set get a named alias of that set, built
-- from the values themselves (for category, what category() answers too).
local ENUMS = { category = "httpstatus.Category", usage = "httpstatus.Usage" }
local FIELDS, PREDICATES = {}, {}
for i = 0, core.hs_field_count() - 1 do
    local f = { name = core.hs_field_name(i), doc = core.hs_field_doc(i), index = i,
                type = assert(LUA_TYPES[core.hs_field_kind(i)], "unknown kind") }
    FIELDS[#FIELDS + 1] = f
    if core.hs_field_is_predicate(i) then PREDICATES[#PREDICATES + 1] = f end
end

-- One line of documentation per function, and its signature.
local FUNCTIONS = {
    {
        "get", "x",
        {
            "The status object for a code, a name, an alias or a phrase; nil when unknown.",
            "Strings match in any case, with spaces, hyphens and underscores alike and",
            "apostrophes ignored; exactly three ASCII digits are a code (\"404\", not \"0404\").",
            "The object is the same table every time: treat it as read-only.",
        },
        "---@param x integer|string\n---@return httpstatus.Status|nil",
    },
    {
        "phrase", "code", { "The reason phrase of a code, or nil when it is not in the table." },
        "---@param code integer\n---@return string|nil",
    },
    {
        "description", "code, lang",
        {
            "The description of a code in lang, \"en\" (the default) or \"ko\"; nil for a code",
            "not in the table. Any other lang is an error.",
        },
        "---@param code integer\n---@param lang? \"en\"|\"ko\"\n---@return string|nil",
    },
    {
        "category", "code", { "The class of any code in 100..599; nil outside." },
        "---@param code integer\n---@return httpstatus.Category|nil",
    },
    {
        "all", "", { "Every status object once (canonical names only), ascending by code, in a new list." },
        "---@return httpstatus.Status[]",
    },
    {
        "search", "word",
        {
            "Every status whose name, alias, phrase or origin contains word (normalised as",
            "get normalises), ascending by code, in a new list. A word with a NUL is an error.",
        },
        "---@param word string\n---@return httpstatus.Status[]",
    },
}
for _, p in ipairs(PREDICATES) do
    -- The list's words for what the predicate is true for, as a sentence.
    local doc = p.doc:sub(1, 1):upper() .. p.doc:sub(2) .. "."
    if not p.doc:find("100..599", 1, true) then doc = doc .. " False for anything outside 100..599." end
    FUNCTIONS[#FUNCTIONS + 1] = {
        p.name, "code", { doc }, "---@param code integer\n---@return boolean",
    }
end

-- The annotations must cover the module exactly: no function undocumented,
-- none documented that the module lacks.
local documented = {}
for _, f in ipairs(FUNCTIONS) do
    assert(type(hs[f[1]]) == "function", "documented but not in the module: " .. f[1])
    documented[f[1]] = true
end
for key, value in pairs(hs) do
    assert(type(value) ~= "function" or documented[key], "function without documentation: " .. key)
end

-- The values of each enumerated field, in the order of first appearance.
local enum_values = {}
for name in pairs(ENUMS) do
    local values, seen = {}, {}
    for _, status in ipairs(hs.all()) do
        local v = status[name]
        assert(type(v) == "string", name)
        if not seen[v] then
            seen[v] = true
            values[#values + 1] = string.format("%q", v)
        end
    end
    enum_values[name] = values
end

local out = {}
local function emit(line) out[#out + 1] = line end

emit("---@meta httpstatus")
emit("-- LuaLS annotations for `require \"httpstatus\"`, so that editors complete its")
emit("-- constants and functions. Generated by bindings/lua/gen_meta.lua from the built")
emit("-- module (httpstatus " .. hs._VERSION .. "); do not edit.")
emit("")
local enum_names = {}
for name in pairs(ENUMS) do enum_names[#enum_names + 1] = name end
table.sort(enum_names)
for _, name in ipairs(enum_names) do
    emit("---@alias " .. ENUMS[name] .. " " .. table.concat(enum_values[name], "|"))
end
emit("")
emit("---A status: a plain table holding every field (pairs, cjson and dkjson see them all),")
emit("---one per code and the same every time, so treat it as read-only; adding a key is an")
emit("---error. tostring(status) gives its status line: the code, a space and the phrase.")
emit("---@class httpstatus.Status")
for _, f in ipairs(FIELDS) do
    emit("---@field " .. f.name .. " " .. (ENUMS[f.name] or f.type) .. " " .. f.doc)
end
emit("")
emit("---@class httpstatus")
emit("local httpstatus = {}")
emit("")
emit("---The version of the C core.")
emit("httpstatus._VERSION = " .. string.format("%q", hs._VERSION))
emit("")
emit("---code -> phrase for every row (npm statuses.message); shared, so treat it as read-only.")
emit("---@type table<integer, string>")
emit("httpstatus.phrases = {}")
emit("")
emit("-- Every status code by canonical name, and by each older alias: plain integers.")
for _, status in ipairs(hs.all()) do
    emit(string.format("httpstatus.%s = %d", status.name, status.code))
    for _, alias in ipairs(status.aliases) do
        assert(hs[alias] == status.code)
        emit(string.format("httpstatus.%s = %d -- alias of %s", alias, status.code, status.name))
    end
end
for _, f in ipairs(FUNCTIONS) do
    emit("")
    for _, line in ipairs(f[3]) do
        emit("---" .. line)
    end
    emit(f[4])
    emit(string.format("function httpstatus.%s(%s) end", f[1], f[2]))
end
emit("")
emit("return httpstatus")

local text = table.concat(out, "\n") .. "\n"
if output then
    local file = assert(io.open(output, "w"))
    file:write(text)
    file:close()
else
    io.write(text)
end
