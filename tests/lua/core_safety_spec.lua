-- Nothing pure Lua can do through the module crashes the process: every
-- function reachable from require "httpstatus.core" (and "httpstatus"), from
-- every metatable reachable from them and from every value they return,
-- called with nil, numbers, strings, tables, userdata and other values,
-- answers or raises a string error. The walks run in a child interpreter, so
-- that a crash shows as a missing last line instead of killing busted.
local is_54 = math.type ~= nil

-- run_fresh(chunk): the chunk's output from a fresh interpreter (fresh.lua).
local run_fresh = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "fresh.lua")

-- The walk, in the child: prints "bad: ..." for a non-string error and
-- "survived N" at the end.
local WALK = [[
local core = require "httpstatus.core"
local hs = require "httpstatus"

local string_mt = debug.getmetatable("")
local ARGS = { n = 20, nil, 0, 404, -1, 2 ^ 60, 404.5, 0 / 0, "", "404", "not found", "time\0out",
               {}, setmetatable({}, { __index = function() error("no") end }), io.stdout, print, true,
               coroutine.create(print),
               -- shaped like check's headers and options, good and bad (and, for
               -- hs_check_function, like its tables of finding templates)
               { date = "x", allow = { "GET", "HEAD" }, upgrade = "" },
               { method = "GET", request_headers = { expect = "100-continue" }, lang = "ko", version = "2",
                 content = true, ignore = { "date-missing" } },
               { en = { { id = 1, field = {} }, "x" }, allow = { "GET", true } } }
local functions, seen, returned = {}, {}, {}

local function walk(v, path, depth)
    if depth > 6 or v == nil then return end
    local t = type(v)
    if t == "function" then
        if not seen[v] then
            seen[v] = true
            functions[#functions + 1] = { v, path }
        end
        return
    end
    if t ~= "table" and t ~= "userdata" then return end
    if seen[v] then return end
    seen[v] = true
    local mt = debug.getmetatable(v) -- protected ones (__metatable) too
    if mt ~= nil and mt ~= string_mt then walk(mt, path .. "<metatable>", depth + 1) end
    if t == "table" then
        for k, x in pairs(v) do walk(x, path .. "." .. tostring(k), depth + 1) end
    end
end

walk(core, "core", 0)
walk(hs, "hs", 0)
for k, v in pairs(debug.getregistry()) do -- whatever SWIG keeps in the registry
    if type(k) == "string" and k:lower():find("swig") then walk(v, "registry." .. k, 0) end
end

local calls, bad = 0, 0
local function try(entry, ...)
    calls = calls + 1
    local ok, err = pcall(entry[1], ...)
    if ok then
        -- every value a call returns is walked too (its metatable, its fields),
        -- and a function it returns is called in turn
        if type(err) == "table" or type(err) == "userdata" then returned[#returned + 1] = { err, entry[2] } end
        if type(err) == "function" and not seen[err] then
            seen[err] = true
            functions[#functions + 1] = { err, entry[2] .. "()" }
        end
    elseif type(err) ~= "string" then
        bad = bad + 1
        print("bad: " .. entry[2] .. " raised a " .. type(err))
    end
end

local i = 1
while i <= #functions do
    local entry = functions[i]
    try(entry)
    for a = 1, ARGS.n do
        try(entry, ARGS[a])
        for b = 1, ARGS.n do
            try(entry, ARGS[a], ARGS[b])
        end
        try(entry, ARGS[a], 0, ARGS[a])
        try(entry, ARGS[a], ARGS[a], ARGS[a])
    end
    -- values returned so far lead to more functions
    for _, r in ipairs(returned) do walk(r[1], r[2] .. "()", 1) end
    returned = {}
    i = i + 1
end
for _, entry in ipairs(functions) do print("reached " .. entry[2]) end
print(string.format("functions %d", #functions))
print(string.format("survived %d calls, %d bad", calls, bad))
]]

describe("every function reachable from the modules", function()
    it("answers any argument with a value or a string error, never a crash", function()
        local out = run_fresh(WALK)
        assert.is_nil(out:find("bad: ", 1, true), out)
        assert.is_truthy(out:find("survived %d+ calls, 0 bad\n$"), out)
        -- the walk did reach the C functions (hs_field_count() + helpers + ...)
        local n = tonumber(out:match("functions (%d+)"))
        assert.is_true(n ~= nil and n >= 40, out)
        -- among them the response rules' functions, and the check function
        -- hs_check_function makes from whatever it is given
        for _, path in ipairs{ "hs.check", "hs.rules", "core.hs_check_function", "core.hs_check_function()",
                               "core.hs_check_fields", "core.hs_problem_json", "core.hs_problem_check",
                               "hs.problem",
                               "core.hs_rule_fields", "core.hs_rule_find", "core.hs_rule_message",
                               "core.hs_rule_applies", "core.hs_rule_of", "core.hs_rule_count",
                               "core.hs_known_fields", "core.hs_ffi",
                               "hs.rules().1<metatable>.__tostring" } do
            assert.is_truthy(("\n" .. out):find("\nreached " .. path:gsub("[%.%(%)]", "%%%0") .. "\n"), path)
        end
    end)
end)

describe("the crash reproducers of the issue", function()
    -- Each was an abort of the whole process, pcall or not, when rows were
    -- SWIG userdata and the module table had SWIG's metatable. Each is now a
    -- Lua error (the userdata and the metatable are gone) that pcall catches.
    local REPRODUCERS = {
        [[pcall(getmetatable(require("httpstatus.core").hs_at(0))[".get"].code, nil)]],
        [[getmetatable(require("httpstatus.core").hs_get(404)).__tostring(nil)]],
        [[getmetatable(require("httpstatus.core").hs_get(404)).__index(nil, "code")]],
        [[getmetatable(require("httpstatus.core").hs_get(404)).__gc(nil)]],
        [[getmetatable(require("httpstatus.core").hs_get(404))[".get"].code = print]],
        [[getmetatable(require("httpstatus.core")).__index(nil)]],
        [[getmetatable(require("httpstatus.core")).__newindex(nil, "x", 1)]],
        [[getmetatable(require("httpstatus.core"))[".get"] = nil; return require("httpstatus.core").nothing]],
    }
    for _, chunk in ipairs(REPRODUCERS) do
        it("is a Lua error: " .. chunk, function()
            local out = run_fresh(string.format([[
                local ok, err = pcall(load(%q))
                print(ok, type(err))
                -- and the module still answers afterwards
                local hs = require "httpstatus"
                print(hs.get(404).phrase, tostring(hs.get("not found")), require("httpstatus.core").hs_find_code("404"))
            ]], chunk))
            assert.are.equal("false\tstring\nNot Found\t404 Not Found\t404\n", out)
        end)
    end

    it("leaves nothing to write through: the module table has no metatable", function()
        local core = require "httpstatus.core"
        assert.is_nil(getmetatable(core))
        if is_54 then assert.is_nil(debug.getmetatable(core)) end
    end)
end)
