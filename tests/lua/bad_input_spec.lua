-- docs/reference.md's bad-input table, Lua column: a clear error in luaL style, never a
-- crash, never a wrong answer. Each row is an input and what every function
-- taking a code must do with it.
local helpers = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "helpers.lua")
local hs = require "httpstatus"
local core = require "httpstatus.core" -- the surface list

local is_54 = math.type ~= nil

-- Every predicate of the C surface list.
local PREDICATES = {}
for i = 0, core.hs_field_count() - 1 do
    if core.hs_field_is_predicate(i) then PREDICATES[#PREDICATES + 1] = core.hs_field_name(i) end
end
local LOOKUPS = { "get", "phrase", "description", "category" }

-- Every function that takes a code as its first argument, and what it answers
-- for an integer that is no code: false for predicates, nil for lookups.
local CODE_TAKERS = {}
for _, name in ipairs(PREDICATES) do CODE_TAKERS[#CODE_TAKERS + 1] = { name, false } end
for _, name in ipairs(LOOKUPS) do CODE_TAKERS[#CODE_TAKERS + 1] = { name, nil } end

-- get takes strings too, and says so.
local function type_error(name, got)
    return string.format("bad argument #1 to '%s' (%s expected, got %s)", name,
        name == "get" and "integer or string" or "integer", got)
end
local function float_error(name)
    return string.format("bad argument #1 to '%s' (number has no integer representation)", name)
end

local error_of = helpers.error_of

local WRONG_TYPES = {
    { "nil", nil },
    { "boolean", true },
    { "boolean", false },
    { "table", {} },
    { "table", { 404 } },
    { "function", function() return 404 end },
    { "userdata", io.stdout },
    { "thread", coroutine.create(function() end) },
}

local BAD_FLOATS = { 404.5, -0.5, 0.1, 599.999, 0 / 0, -(0 / 0), math.huge, -math.huge }

local OUT_OF_RANGE = { -1, 0, 99, 600, 1000, -404, 2 ^ 31, -2 ^ 31 - 1, 2 ^ 32 + 404, 2 ^ 32 - 404,
                       2 ^ 53, 2 ^ 63, -2 ^ 63, 2 ^ 64 + 404, 2 ^ 100, -2 ^ 100, 1e308, -0.0 }
if is_54 then -- integers beyond int; load() because LuaJIT cannot parse `<<`
    local integers = load("return { math.maxinteger, math.mininteger, (1 << 32) + 404, "
        .. "-(1 << 32) + 404, math.mininteger + 404, (1 << 31) + 404, (1 << 53) + 404 }")()
    for _, v in ipairs(integers) do
        OUT_OF_RANGE[#OUT_OF_RANGE + 1] = v
    end
end

describe("a wrong type where a code is expected", function()
    for _, f in ipairs(CODE_TAKERS) do
        local name = f[1]
        it("is an error naming " .. name .. " and the type", function()
            for _, case in ipairs(WRONG_TYPES) do
                assert.are.equal(type_error(name, case[1]), error_of(hs[name], case[2]))
            end
            if name ~= "get" then -- get takes strings; the others take only numbers
                assert.are.equal(type_error(name, "string"), error_of(hs[name], "404"))
                assert.are.equal(type_error(name, "string"), error_of(hs[name], "NOT_FOUND"))
            end
        end)
    end

    it("points at the line of the caller, as Lua's own errors do", function()
        local line
        local ok, err = pcall(function()
            line = debug.getinfo(1, "l").currentline + 1
            local _ = hs.phrase({})
        end)
        assert.is_false(ok)
        assert.are.equal("bad_input_spec.lua:" .. line .. ": " .. type_error("phrase", "table"),
            err:match("[^/]*$"))
        ok, err = pcall(function()
            line = debug.getinfo(1, "l").currentline + 1
            local _ = hs.is_success(404.5)
        end)
        assert.are.equal("bad_input_spec.lua:" .. line .. ": " .. float_error("is_success"),
            err:match("[^/]*$"))
    end)
end)

describe("a float", function()
    for _, f in ipairs(CODE_TAKERS) do
        local name = f[1]
        it("with an integral value is that code, in " .. name, function()
            for _, code in ipairs{ 200, 404, 418, 503, 599, 100 } do
                assert.are.equal(hs[name](code), hs[name](code + 0.0), code)
            end
        end)
        it("that is not integral (404.5, NaN, inf) is an error in " .. name, function()
            for _, v in ipairs(BAD_FLOATS) do
                assert.are.equal(float_error(name), error_of(hs[name], v), tostring(v))
            end
        end)
    end
end)

describe("an integer out of range", function()
    for _, f in ipairs(CODE_TAKERS) do
        local name, answer = f[1], f[2]
        it("answers " .. tostring(answer) .. " in " .. name .. ", never a truncated code", function()
            for _, v in ipairs(OUT_OF_RANGE) do
                assert.are.equal(answer, hs[name](v), string.format("%.17g", v))
            end
        end)
    end
end)

describe("a string get does not know", function()
    local big = string.rep("A", 1024 * 1024)
    local cases = {
        { "unknown", "NO_SUCH_STATUS" },
        { "empty", "" },
        { "NUL inside", "NOT_FOUND\0x" },
        { "NUL at the end", "NOT_FOUND\0" },
        { "NUL after digits", "404\0" },
        { "lone NUL", "\0" },
        { "1 MB", big },
        { "1 MB after a name", "NOT_FOUND" .. big },
        { "full-width digits", "\239\188\148\239\188\144\239\188\148" }, -- U+FF14 U+FF10 U+FF14
        { "a lone surrogate", "NOT_FOUND\237\160\128" },                 -- U+D800 as UTF-8 bytes
        { "invalid UTF-8", "\255\254" },
        { "a signed code", "+404" },
        { "a float code", "404.0" },
        { "hex", "0x194" },
        { "a space inside digits", "4 04" },
        { "a code out of range", "600" },
        { "a huge code", "4294967700" },
    }
    for _, case in ipairs(cases) do
        it("gives nil: " .. case[1], function()
            assert.is_nil(hs.get(case[2]))
        end)
    end
    it("still finds what it should afterwards", function()
        assert.are.equal(404, hs.get("NOT_FOUND").code)
        assert.are.equal(404, hs.get("404").code)
    end)
end)

describe("a bad word for search", function()
    for _, case in ipairs(WRONG_TYPES) do
        it("of type " .. case[1] .. " is an error naming search and the type", function()
            assert.are.equal(string.format("bad argument #1 to 'search' (string expected, got %s)", case[1]),
                error_of(hs.search, case[2]))
        end)
    end
    it("that is a number is an error (search takes words, not codes)", function()
        assert.are.equal("bad argument #1 to 'search' (string expected, got number)", error_of(hs.search, 404))
    end)
    it("with a NUL anywhere matches nothing, as in get (a NUL never matches a shorter word)", function()
        for _, word in ipairs{ "\0", "time\0out", "timeout\0", "\0timeout" } do
            assert.are.same({}, hs.search(word))
        end
    end)
    it("that matches nothing (empty, 1 MB, invalid UTF-8) gives an empty list", function()
        for _, word in ipairs{ "", string.rep("A", 1024 * 1024), "\255\254", "NO_SUCH_STATUS" } do
            assert.are.same({}, hs.search(word))
        end
        assert.are.equal(408, hs.search("timeout")[1].code)
    end)
end)

describe("a bad lang", function()
    local strings = { "fr", "", "EN", "Ko", "english", "ko\0", "en\0x", " ko" }
    for _, lang in ipairs(strings) do
        it(string.format("%q is an error", lang), function()
            assert.are.equal(string.format("bad argument #2 to 'description' (invalid language %q)", lang),
                error_of(hs.description, 404, lang))
            assert.are.equal(string.format("bad argument #2 to 'description' (invalid language %q)", lang),
                error_of(hs.description, 999, lang)) -- even for a code with no description
        end)
    end
    it("of another type is an error", function()
        for _, case in ipairs{ { "number", 1 }, { "boolean", true }, { "boolean", false }, { "table", {} } } do
            assert.are.equal(
                string.format("bad argument #2 to 'description' (string expected, got %s)", case[1]),
                error_of(hs.description, 404, case[2]))
        end
    end)
    it("that is very long is shown shortened", function()
        local err = error_of(hs.description, 404, string.rep("x", 100000))
        assert.is_true(#err < 200)
        assert.matches("invalid language", err)
    end)
    it("leaves the good ones working", function()
        assert.are.equal(hs.get(404).description, hs.description(404, "en"))
        assert.is_string(hs.description(404, "ko"))
    end)
end)
