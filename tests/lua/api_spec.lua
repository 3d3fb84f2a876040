-- The Lua surface of docs/reference.md: constants, predicates, lookups, status objects.
-- Runs under Lua 5.4 and LuaJIT (ctest: lua_busted_lua5.4, lua_busted_luajit),
-- with LUA_PATH and LUA_CPATH pointing at that runtime's build.
local hs = require "httpstatus"
local core = require "httpstatus.core" -- the C table, to enumerate it

local is_54 = math.type ~= nil

local function set(list)
    local s = {}
    for _, v in ipairs(list) do s[v] = true end
    return s
end

local function between(lo, hi)
    return function(c) return c >= lo and c <= hi end
end

local function one_of(list)
    local s = set(list)
    return function(c) return s[c] == true end
end

-- Every row of the C table: { code=, name=, phrase=, ..., aliases = {...} }.
local rows = {}
for i = 0, core.hs_count() - 1 do
    local r = core.hs_at(i)
    local row = {
        code = r.code, name = r.name, phrase = r.phrase, description = r.description,
        description_ko = r.description_ko, official = r.official, origin = r.origin,
        reference = r.reference, aliases = {},
    }
    local a = 0
    while core.hs_alias(r.code, a) do
        row.aliases[#row.aliases + 1] = core.hs_alias(r.code, a)
        a = a + 1
    end
    rows[#rows + 1] = row
end
local row_by_code = {}
for _, r in ipairs(rows) do row_by_code[r.code] = r end

-- The IANA HTTP Status Code Registry (temporary 104 and unused 306 included).
local IANA = set{
    100, 101, 102, 103, 104,
    200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
    300, 301, 302, 303, 304, 305, 306, 307, 308,
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416,
    417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
    500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
}
local RETRYABLE_OFFICIAL = set{ 408, 421, 425, 429, 500, 502, 503, 504 }

-- docs/reference.md's definitions, written out independently of the module.
local DEFINITIONS = {
    is_valid = between(100, 599),
    is_known = function(c) return row_by_code[c] ~= nil end,
    is_official = function(c) return IANA[c] == true end,
    is_informational = between(100, 199),
    is_success = between(200, 299),
    is_redirection = between(300, 399),
    is_client_error = between(400, 499),
    is_server_error = between(500, 599),
    is_error = between(400, 599),
    is_redirect = one_of{ 301, 302, 303, 307, 308 },
    preserves_method = one_of{ 307, 308 },
    is_cacheable = one_of{ 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501, 451 },
    is_empty = function(c) return (c >= 100 and c <= 199) or c == 204 or c == 205 or c == 304 end,
    -- Official: exactly docs/reference.md's list. Unofficial: what the table marks transient.
    is_retryable = function(c)
        if IANA[c] then return RETRYABLE_OFFICIAL[c] == true end
        return row_by_code[c] ~= nil and core.hs_is_retryable(c)
    end,
}
local PREDICATES = {}
for name in pairs(DEFINITIONS) do PREDICATES[#PREDICATES + 1] = name end
table.sort(PREDICATES)

local CATEGORIES = { "informational", "success", "redirection", "client_error", "server_error" }

describe("the C table as Lua reads it", function()
    it("has every IANA code and the unofficial codes docs/reference.md names", function()
        for code in pairs(IANA) do
            assert.is_not_nil(row_by_code[code], "missing IANA code " .. code)
            assert.is_true(row_by_code[code].official, code)
        end
        for _, code in ipairs{ 444, 494, 495, 496, 497, 499, 509, 520, 521, 522, 523, 524, 525,
                               526, 527, 530, 598, 599 } do
            assert.is_not_nil(row_by_code[code], "missing unofficial code " .. code)
            assert.is_false(row_by_code[code].official, code)
            assert.are_not.equal("IANA", row_by_code[code].origin)
        end
    end)
end)

describe("constants", function()
    it("exist for every canonical name and alias, as integers", function()
        local expected = {}
        for _, r in ipairs(rows) do
            expected[r.name] = r.code
            for _, alias in ipairs(r.aliases) do expected[alias] = r.code end
        end
        for name, code in pairs(expected) do
            assert.are.equal(code, hs[name], name)
            if is_54 then assert.are.equal("integer", math.type(hs[name]), name) end
        end
        -- and nothing else in UPPER_SNAKE case
        for key in pairs(hs) do
            if key:match("^[A-Z][A-Z0-9_]*$") then
                assert.is_not_nil(expected[key], "unexpected constant " .. key)
            end
        end
    end)

    it("include the names users write", function()
        assert.are.equal(404, hs.NOT_FOUND)
        assert.are.equal(200, hs.OK)
        assert.are.equal(418, hs.IM_A_TEAPOT)
        assert.are.equal(413, hs.CONTENT_TOO_LARGE)
        assert.are.equal(413, hs.REQUEST_ENTITY_TOO_LARGE)
        assert.are.equal(414, hs.REQUEST_URI_TOO_LONG)
        assert.are.equal(416, hs.REQUESTED_RANGE_NOT_SATISFIABLE)
        assert.are.equal(422, hs.UNPROCESSABLE_CONTENT)
        assert.are.equal(422, hs.UNPROCESSABLE_ENTITY)
        assert.are.equal(499, hs.CLIENT_CLOSED_REQUEST)
    end)
end)

describe("predicates", function()
    it("are all present, and no others", function()
        for _, name in ipairs(PREDICATES) do
            assert.are.equal("function", type(hs[name]), name)
        end
        for key, value in pairs(hs) do
            if type(value) == "function" and (key:match("^is_") or key == "preserves_method") then
                assert.is_not_nil(DEFINITIONS[key], "predicate without a definition: " .. key)
            end
        end
    end)

    for _, name in ipairs(PREDICATES) do
        it(name .. " answers docs/reference.md's definition for every code in -5..1000", function()
            local predicate, definition = hs[name], DEFINITIONS[name]
            local wrong = {}
            for code = -5, 1000 do
                local answer = predicate(code)
                if answer ~= definition(code) then wrong[#wrong + 1] = code end
                -- an integral float is the same code
                if predicate(code + 0.0) ~= answer then wrong[#wrong + 1] = code .. ".0" end
                -- booleans, never 0/1 or nil
                if type(answer) ~= "boolean" then wrong[#wrong + 1] = code .. ":" .. type(answer) end
            end
            assert.are.same({}, wrong)
        end)
    end

    it("agree with the C core for every code in -5..1000", function()
        local wrong = {}
        for _, name in ipairs(PREDICATES) do
            for code = -5, 1000 do
                if hs[name](code) ~= core["hs_" .. name](code) then
                    wrong[#wrong + 1] = name .. "(" .. code .. ")"
                end
            end
        end
        assert.are.same({}, wrong)
    end)

    it("mark the transient unofficial codes docs/reference.md names as retryable", function()
        for _, code in ipairs{ 520, 521, 522, 523, 524, 598, 599 } do
            assert.is_true(hs.is_retryable(code), code)
        end
    end)
end)

describe("get", function()
    it("returns one object per code, the same every time, from every kind of key", function()
        for _, r in ipairs(rows) do
            local s = hs.get(r.code)
            assert.is_not_nil(s, r.code)
            assert.are.equal(s, hs.get(r.code))
            assert.are.equal(s, hs.get(r.code + 0.0))
            assert.are.equal(s, hs.get(r.name))
            assert.are.equal(s, hs.get(r.name:lower()))
            assert.are.equal(s, hs.get(r.phrase))
            assert.are.equal(s, hs.get(tostring(r.code)))
            for _, alias in ipairs(r.aliases) do
                assert.are.equal(s, hs.get(alias), alias)
                assert.are.equal(s, hs.get((alias:lower():gsub("_", " "))), alias)
            end
        end
    end)

    it("matches strings as docs/reference.md says", function()
        local not_found, teapot = hs.get(404), hs.get(418)
        for _, key in ipairs{ "not found", "Not-Found", "NOT_FOUND", "Not Found", "nOt_FoUnD", "404" } do
            assert.are.equal(not_found, hs.get(key), key)
        end
        for _, key in ipairs{ "im a teapot", "I'm a Teapot", "IM_A_TEAPOT", "i'm-a-teapot" } do
            assert.are.equal(teapot, hs.get(key), key)
        end
        assert.are.equal(hs.get(422), hs.get("unprocessable entity"))
        assert.are.equal(hs.get(413), hs.get("Request Entity Too Large"))
    end)

    it("answers nil for valid codes and names that are not in the table", function()
        for code = 100, 599 do
            if not row_by_code[code] then assert.is_nil(hs.get(code), code) end
        end
        for _, key in ipairs{ "NOT_FOUNDX", "found not", "teapot", "4040", "0404x", "", " ", "_" } do
            assert.is_nil(hs.get(key), key)
        end
    end)
end)

describe("status objects", function()
    it("carry every field of their row, and every predicate as a boolean", function()
        for _, r in ipairs(rows) do
            local s = hs.get(r.code)
            assert.are.equal(r.code, s.code)
            if is_54 then assert.are.equal("integer", math.type(s.code)) end
            assert.are.equal(r.name, s.name)
            assert.are.equal(r.phrase, s.phrase)
            assert.are.equal(r.description, s.description)
            assert.are.equal(hs.category(r.code), s.category)
            assert.are.equal(r.official, s.official)
            assert.are.equal(r.origin, s.origin)
            assert.are.equal(r.reference, s.reference)
            for _, name in ipairs(PREDICATES) do
                assert.are.equal(DEFINITIONS[name](r.code), s[name], r.code .. " " .. name)
            end
        end
        local s = hs.get(404)
        assert.are.equal("NOT_FOUND", s.name)
        assert.are.equal("Not Found", s.phrase)
        assert.are.equal("client_error", s.category)
        assert.are.equal("RFC 9110, Section 15.5.5", s.reference)
        assert.are.equal("IANA", s.origin)
        assert.is_true(s.official)
        assert.is_true(s.is_cacheable)
        assert.is_false(s.is_retryable)
        assert.are.equal("nginx", hs.get(499).origin)
        assert.is_false(hs.get(499).official)
    end)

    it("print as the status line", function()
        assert.are.equal("404 Not Found", tostring(hs.get(404)))
        assert.are.equal("418 I'm a Teapot", tostring(hs.get(418)))
        for _, r in ipairs(rows) do
            assert.are.equal(r.code .. " " .. r.phrase, tostring(hs.get(r.code)))
        end
    end)

    it("are read-only", function()
        local s = hs.get(404)
        assert.has_error(function() s.code = 200 end,
            "httpstatus: status objects are read-only (cannot set field 'code')")
        assert.has_error(function() s.phrase = "x" end)
        assert.has_error(function() s.extra = true end)
        assert.are.equal(404, s.code)
        assert.are.equal("Not Found", s.phrase)
        assert.is_nil(s.extra)
        -- the metatable is protected, so it cannot be swapped or edited
        assert.are.equal(false, getmetatable(s))
        assert.has_error(function() setmetatable(s, {}) end)
        assert.are.equal(404, hs.get(404).code)
    end)

    it("list their fields with pairs where the runtime honours __pairs", function()
        local honoured = false
        for _ in pairs(setmetatable({}, { __pairs = function() return next, { 1 }, nil end })) do
            honoured = true
        end
        if not honoured then return end -- LuaJIT without 5.2 compatibility
        local fields = {}
        for k, v in pairs(hs.get(503)) do fields[k] = v end
        assert.are.equal(503, fields.code)
        assert.are.equal("SERVICE_UNAVAILABLE", fields.name)
        assert.is_true(fields.is_retryable)
        local n = 0
        for _ in pairs(fields) do n = n + 1 end
        assert.are.equal(8 + #PREDICATES, n)
    end)
end)

describe("phrase", function()
    it("gives every row's phrase, and nil elsewhere", function()
        for code = -5, 1000 do
            local r = row_by_code[code]
            assert.are.equal(r and r.phrase, hs.phrase(code), code)
        end
        assert.are.equal("Not Found", hs.phrase(404))
        assert.are.equal("Content Too Large", hs.phrase(413))
        assert.are.equal("Unprocessable Content", hs.phrase(422.0))
    end)
end)

describe("description", function()
    it("gives English by default and Korean on request, nil for codes not in the table", function()
        for code = -5, 1000 do
            local r = row_by_code[code]
            assert.are.equal(r and r.description, hs.description(code), code)
            assert.are.equal(r and r.description, hs.description(code, "en"), code)
            assert.are.equal(r and r.description_ko, hs.description(code, "ko"), code)
        end
        assert.is_truthy(hs.description(404, "ko"):find("[\128-\255]")) -- UTF-8 Hangul
        assert.are_not.equal(hs.description(404, "en"), hs.description(404, "ko"))
    end)
end)

describe("category", function()
    it("names the class of every valid code, registered or not, and nil outside", function()
        for code = -5, 1000 do
            local expected = nil
            if code >= 100 and code <= 599 then expected = CATEGORIES[math.floor(code / 100)] end
            assert.are.equal(expected, hs.category(code), code)
        end
    end)
end)

describe("all", function()
    it("lists every status object once, canonical only, ascending by code", function()
        local list = hs.all()
        assert.are.equal(#rows, #list)
        for i, s in ipairs(list) do
            assert.are.equal(rows[i].code, s.code)
            assert.are.equal(hs.get(s.code), s)
            if i > 1 then assert.is_true(list[i - 1].code < s.code) end
        end
    end)

    it("returns a new list the caller may change", function()
        local list = hs.all()
        table.remove(list, 1)
        list[1] = "changed"
        assert.are.equal(#rows, #hs.all())
        assert.are.equal(hs.get(rows[1].code), hs.all()[1])
    end)
end)
