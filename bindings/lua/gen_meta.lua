--[[
Writes the LuaLS annotations (---@meta files) for `require "httpstatus"` and
`require "httpstatus.ngx"`: every constant, read from the built module; every
field of a status object and every predicate, from the C surface list
(hs_field_*, with their documentation); and the other functions, documented
here. The output is committed as bindings/lua/types/httpstatus.lua and
bindings/lua/types/httpstatus/ngx.lua (LuaLS finds a module's annotations by
the module's path, as require does), and a test fails when they differ from
what this script writes now.

    lua5.4 bindings/lua/gen_meta.lua MODULE_DIR OUTPUT_DIR

MODULE_DIR holds httpstatus/init.lua, httpstatus/ngx.lua and
httpstatus/core.so (a CMake build's lua5.4 directory); OUTPUT_DIR receives
httpstatus.lua and httpstatus/ngx.lua.
]]
local module_dir, output_dir = arg[1], arg[2]
if not module_dir or not output_dir then
    io.stderr:write("usage: gen_meta.lua MODULE_DIR OUTPUT_DIR\n")
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
    {
        "check", "status, headers, opts",
        {
            "The findings of the response rules for a response with this status and these",
            "header fields, in rule order; an empty array when it breaks none. headers maps",
            "field names (any case) to a string or an array of strings, as ngx.resp.get_headers(0)",
            "returns them; nil is no fields. A status outside 100..599 gives status-invalid.",
            "Each finding is a new table. A status that is not an integral number, a bad header",
            "or a bad option is an error (bad argument #n to 'check').",
        },
        "---@param status integer\n---@param headers? httpstatus.Headers\n"
            .. "---@param opts? httpstatus.CheckOptions\n---@return httpstatus.Finding[]",
    },
    {
        "rules", "lang",
        {
            "Every response rule once, in table order: a new list of new rule tables on every call,",
            "so a change to one is seen by no other caller. Messages in lang, \"en\" (the default)",
            "or \"ko\".",
        },
        "---@param lang? \"en\"|\"ko\"\n---@return httpstatus.Rule[]",
    },
    {
        "problem_json", "code, detail, opts",
        {
            "The application/problem+json body (RFC 9457) of a status, the same bytes in every",
            "language: {\"title\":(the phrase),\"status\":404,\"detail\":...}, compact, members in",
            "the order type, title, status, detail, instance, then the extensions sorted by name.",
            "title is the phrase unless opts.title gives one (a code not in the table needs it).",
            "A bad argument, an extension value that is not JSON (a fraction, NaN, a function, a",
            "table inside itself) or a string that is not UTF-8 is an error (bad argument #n).",
        },
        "---@param code integer\n---@param detail? string\n---@param opts? httpstatus.ProblemOptions\n"
            .. "---@return string",
    },
    {
        "problem", "code, detail, opts",
        {
            "The problem object problem_json writes, as a new plain table (for cjson): title,",
            "status, and detail, type, instance and the extensions when given. The same errors.",
        },
        "---@param code integer\n---@param detail? string\n---@param opts? httpstatus.ProblemOptions\n"
            .. "---@return httpstatus.Problem",
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
-- The response rules: their ids and levels, read from the built module.
local rule_ids, levels, level_seen = {}, {}, {}
for _, r in ipairs(hs.rules()) do
    rule_ids[#rule_ids + 1] = string.format("%q", r.id)
    if not level_seen[r.level] then
        level_seen[r.level] = true
        levels[#levels + 1] = string.format("%q", r.level)
    end
end
-- levels from the most severe (the core's hs_level: HS_INFO < HS_SHOULD < HS_MUST)
local severity = { ['"must"'] = core.HS_MUST, ['"should"'] = core.HS_SHOULD, ['"info"'] = core.HS_INFO }
table.sort(levels, function(a, b) return assert(severity[a], a) > assert(severity[b], b) end)
emit("---@alias httpstatus.RuleId " .. table.concat(rule_ids, "|"))
emit("---@alias httpstatus.Level " .. table.concat(levels, "|"))
emit("---Header fields by name, in any case: a string, or an array of strings for a repeated")
emit("---field (what ngx.resp.get_headers() and ngx.req.get_headers() return).")
emit("---@alias httpstatus.Headers table<string, string|string[]>")
emit("")
emit("---What check() knows of the request and of the response beyond its fields. A request")
emit("---rule fires only when the option it reads is given.")
emit("---@class httpstatus.CheckOptions")
emit("---@field method? string the request method, a case-sensitive token (\"GET\"; \"\", \"GET \" are errors)")
emit("---@field request_headers? httpstatus.Headers the request's fields; given (even empty), the rules about them apply")
emit("---@field content? boolean|string whether the response has content, or the content itself (\"\" is none)")
emit("---@field version? \"1.0\"|\"1.1\"|\"2\"|\"3\" the HTTP version of the request")
emit("---@field ignore? httpstatus.RuleId[] rules to skip")
emit("---@field level? httpstatus.Level the least level reported: \"info\" (the default) reports all")
emit("---@field lang? \"en\"|\"ko\" the language of the messages (\"en\" by default)")
emit("")
emit("---A rule a response broke. tostring(finding) gives level, id, message and reference;")
emit("---adding a key is an error.")
emit("---@class httpstatus.Finding")
emit("---@field id httpstatus.RuleId the rule's stable id")
emit("---@field level httpstatus.Level must (a MUST or MUST NOT broken), should, or info")
emit("---@field field string|nil the header field it concerns, or nil")
emit("---@field message string what is wrong, in the lang asked for")
emit("---@field reference string where the requirement is stated (\"RFC 9110, Section 15.5.6\")")
emit("")
emit("---A response rule, with the codes it can apply to: a new table on every call of rules();")
emit("---adding a key is an error.")
emit("---@class httpstatus.Rule")
emit("---@field id httpstatus.RuleId the rule's stable id")
emit("---@field level httpstatus.Level must (a MUST or MUST NOT broken), should, or info")
emit("---@field field string|nil the header field it concerns, or nil")
emit("---@field message string what the rule requires, in the lang asked for")
emit("---@field reference string where the requirement is stated")
emit("---@field codes integer[] the codes in 100..599 it can apply to (none for status-invalid)")
emit("")
emit("---The members of a problem besides its status and detail; any other key is an error.")
emit("---@class httpstatus.ProblemOptions")
emit("---@field type? string a URI reference naming the problem type")
emit("---@field title? string replaces the status's phrase as the title")
emit("---@field instance? string a URI reference naming this occurrence")
emit("---@field extensions? table<string, any> extension members: strings, integers (|n| < 2^53), booleans,")
emit("---httpstatus.null, and tables of these (keys 1..n an array, string keys an object)")
emit("")
emit("---A problem-details object (RFC 9457), a plain table; its extensions are keys of it too.")
emit("---@class httpstatus.Problem")
emit("---@field type? string")
emit("---@field title string")
emit("---@field status integer")
emit("---@field detail? string")
emit("---@field instance? string")
emit("")
emit("---@class httpstatus")
emit("local httpstatus = {}")
emit("")
emit("---JSON null in problem extensions: the NULL light userdata (equal to cjson.null and ngx.null).")
emit("---@type lightuserdata")
emit("httpstatus.null = nil")
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

-- ---- httpstatus.ngx ------------------------------------------------------

-- The module needs nginx's ngx API to load; for reading what it exports, a
-- stand-in whose every field is itself (a table that can be called) will do.
local stand_in = setmetatable({}, { __index = function(t) return t end, __call = function() end })
_G.ngx = stand_in
local helper = require "httpstatus.ngx"
_G.ngx = nil

local NGX_FUNCTIONS = {
    {
        "check", "opts",
        {
            "The findings of the response rules for the current request and the response nginx",
            "sent, in rule order: a new array of finding tables, empty when it breaks no rule or",
            "when nginx sent no response (return 444;). Reads every request and response field,",
            "the method, the HTTP version and whether content was sent. Phase: log_by_lua* only;",
            "anywhere else it is an error.",
        },
        "---@param opts? httpstatus.ngx.Options\n---@return httpstatus.Finding[]",
    },
    {
        "log", "opts",
        {
            "check(opts), and each finding logged with ngx.log at opts.log_level (ngx.WARN by",
            "default) as \"httpstatus: METHOD URI STATUS: LEVEL ID: MESSAGE (REFERENCE)\".",
            "Returns the findings. Phase: log_by_lua* only; anywhere else it is an error.",
        },
        "---@param opts? httpstatus.ngx.Options\n---@return httpstatus.Finding[]",
    },
}
documented = {}
for _, f in ipairs(NGX_FUNCTIONS) do
    assert(type(helper[f[1]]) == "function", "documented but not in httpstatus.ngx: " .. f[1])
    documented[f[1]] = true
end
for key, value in pairs(helper) do
    assert(type(value) ~= "function" or documented[key], "function of httpstatus.ngx without documentation: " .. key)
end
assert(helper._VERSION == hs._VERSION)

local ngx_out = {}
local function emit_ngx(line) ngx_out[#ngx_out + 1] = line end
emit_ngx("---@meta httpstatus.ngx")
emit_ngx("-- LuaLS annotations for `require \"httpstatus.ngx\"`, the response rules on every response")
emit_ngx("-- nginx sends (`log_by_lua_block { require(\"httpstatus.ngx\").log() }`). Generated by")
emit_ngx("-- bindings/lua/gen_meta.lua (httpstatus " .. hs._VERSION .. "); do not edit.")
emit_ngx("")
emit_ngx("---The options of check() and log(); any other key is an error.")
emit_ngx("---@class httpstatus.ngx.Options")
emit_ngx("---@field level? httpstatus.Level the least level reported: \"should\" by default")
emit_ngx("---@field ignore? httpstatus.RuleId[] rules to skip")
emit_ngx("---@field log_level? integer log() only: the ngx.log level, ngx.WARN by default")
emit_ngx("")
emit_ngx("---@class httpstatus.ngx")
emit_ngx("local ngx_helper = {}")
emit_ngx("")
emit_ngx("---The version of the C core, as httpstatus._VERSION.")
emit_ngx("ngx_helper._VERSION = " .. string.format("%q", helper._VERSION))
for _, f in ipairs(NGX_FUNCTIONS) do
    emit_ngx("")
    for _, line in ipairs(f[3]) do
        emit_ngx("---" .. line)
    end
    emit_ngx(f[4])
    emit_ngx(string.format("function ngx_helper.%s(%s) end", f[1], f[2]))
end
emit_ngx("")
emit_ngx("return ngx_helper")

local function write(path, lines)
    local file = assert(io.open(path, "w"))
    file:write(table.concat(lines, "\n") .. "\n")
    file:close()
end
assert(os.execute(string.format("mkdir -p '%s/httpstatus'", output_dir:gsub("'", "'\\''"))))
write(output_dir .. "/httpstatus.lua", out)
write(output_dir .. "/httpstatus/ngx.lua", ngx_out)
