-- The Lua surface of docs/reference.md: constants, predicates, lookups, status objects.
-- Runs under Lua 5.4 and LuaJIT (ctest: lua_busted_lua5.4, lua_busted_luajit),
-- with LUA_PATH and LUA_CPATH pointing at that runtime's build.
local helpers = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "helpers.lua")
local hs = require "httpstatus"
local core = require "httpstatus.core" -- the C table, to enumerate it

local is_54 = math.type ~= nil

-- run_fresh(chunk): the chunk's output from a fresh interpreter (fresh.lua).
local run_fresh = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "fresh.lua")

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

-- The surface list of the C core (core/httpstatus_surface.def): every field
-- of a status object, in order, with its index for hs_field.
local FIELD_NAMES, FIELD_INDEX = {}, {}
for i = 0, core.hs_field_count() - 1 do
    FIELD_NAMES[#FIELD_NAMES + 1] = core.hs_field_name(i)
    FIELD_INDEX[core.hs_field_name(i)] = i
end

-- Every row of the C table: { code=, name=, phrase=, aliases = {...}, ... }
-- (every field of the list), plus description_ko.
local rows = {}
for i = 0, core.hs_count() - 1 do
    local code = core.hs_code_at(i)
    local row = { description_ko = core.hs_description(code, "ko") }
    for _, name in ipairs(FIELD_NAMES) do
        row[name] = core.hs_field(code, FIELD_INDEX[name])
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
    it("takes exactly three ASCII digits as a code", function()
        assert.are.equal(hs.get(404), hs.get("404"))
        assert.is_nil(hs.get("0404"))
        assert.is_nil(hs.get("040"))
        assert.is_nil(hs.get("4"))
    end)

    it("says it takes an integer or a string", function()
        local ok, err = pcall(hs.get, true)
        assert.is_false(ok)
        assert.are.equal("bad argument #1 to 'get' (integer or string expected, got boolean)", err)
    end)

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

    it("ignores ASCII white space around a code or a name", function()
        for _, key in ipairs{ " 404", "404 ", " 404\n", "\t404\r\n", "\v404\f", "Not Found ", " not_found\n",
                              "\tNOT_FOUND\t", "\r\nnot-found \n" } do
            assert.are.equal(hs.get(404), hs.get(key), key)
        end
        assert.are.equal(hs.get(422), hs.get(" UNPROCESSABLE_ENTITY\n")) -- an alias
        assert.are.equal(hs.get(418), hs.get("  I'm a Teapot  "))
        assert.are.same(hs.search("timeout"), hs.search(" timeout\n"))
        for _, key in ipairs{ "4 04", "40 4", "Not\nFound", "\0 404", "404 \0" } do
            assert.is_nil(hs.get(key), key)
        end
        assert.is_nil(hs.get("\194\160" .. "404"), "a no-break space is not ASCII white space")
    end)

    it("answers nil for valid codes and names that are not in the table", function()
        for code = 100, 599 do
            if not row_by_code[code] then assert.is_nil(hs.get(code), code) end
        end
        for _, key in ipairs{ "NOT_FOUNDX", "found not", "teapot", "4040", "0404x", "", " ", "_",
                              "0404", "040", "4", "40", "4 04", "4O4" } do
            assert.is_nil(hs.get(key), key)
        end
    end)
end)

describe("status objects", function()
    it("carry every field of their row, and every predicate as a boolean", function()
        for _, r in ipairs(rows) do
            local s = hs.get(r.code)
            for _, name in ipairs(FIELD_NAMES) do
                assert.are.same(r[name], s[name], r.code .. " " .. name)
            end
            if is_54 then assert.are.equal("integer", math.type(s.code)) end
            assert.are.equal(hs.category(r.code), s.category)
            assert.are.equal(r.code .. " " .. r.phrase, s.status_line)
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
        assert.are.equal("common", s.usage)
        assert.are.equal("404 Not Found", s.status_line)
        assert.are.same({}, s.aliases)
        -- the ids of the response rules that can apply to 404 (see check_spec.lua): the
        -- value rules and the problem rules apply to any code
        assert.are.same({ "date-missing", "content-forbidden", "location-invalid", "location-undefined",
                          "allow-invalid", "retry-after-invalid", "date-invalid", "content-length-invalid",
                          "content-range-invalid", "content-range-undefined", "www-authenticate-invalid",
                          "proxy-authenticate-invalid", "upgrade-invalid", "problem-invalid",
                          "problem-status-mismatch", "problem-member-type", "problem-title-differs" }, s.rules)
        assert.is_true(s.official)
        assert.is_true(s.is_cacheable)
        assert.is_false(s.is_retryable)
        assert.are.same({ "UNPROCESSABLE_ENTITY" }, hs.get(422).aliases)
        assert.are.equal("nginx", hs.get(499).origin)
        assert.is_false(hs.get(499).official)
    end)

    it("have every field of the C surface list, and every predicate of the module", function()
        -- the C list's predicates are the module's predicate functions
        for i = 0, core.hs_field_count() - 1 do
            local name = core.hs_field_name(i)
            assert.are_not.equal(nil, hs.get(404)[name], name)
            if core.hs_field_is_predicate(i) then
                assert.are.equal("function", type(hs[name]), name)
                assert.are.equal(hs[name](404), hs.get(404)[name], name)
            end
        end
    end)

    it("print as the status line", function()
        assert.are.equal("404 Not Found", tostring(hs.get(404)))
        assert.are.equal("418 I'm a Teapot", tostring(hs.get(418)))
        for _, r in ipairs(rows) do
            assert.are.equal(r.code .. " " .. r.phrase, tostring(hs.get(r.code)))
        end
    end)

    it("refuse new keys, and keep their metatable", function()
        local s = hs.get(404)
        assert.has_error(function() s.extra = true end,
            "httpstatus: status objects are read-only (cannot add field 'extra')")
        assert.has_error(function() s[1] = true end)
        assert.has_error(function() s.is_teapot = false end)
        assert.is_nil(rawget(s, "extra"))
        assert.is_nil(s.extra)
        assert.are.equal(404, s.code)
        -- the metatable is protected, so it cannot be swapped or edited
        assert.are.equal(false, getmetatable(s))
        assert.has_error(function() setmetatable(s, {}) end)
        assert.are.equal("404 Not Found", tostring(hs.get(404)))
    end)

    it("are plain tables: pairs and next see exactly the C list's fields, on every runtime", function()
        for _, r in ipairs(rows) do
            local s = hs.get(r.code)
            local seen, n = {}, 0
            for k, v in pairs(s) do
                n = n + 1
                seen[k] = true
                assert.are.equal(rawget(s, k), v)
            end
            assert.are.equal(#FIELD_NAMES, n, r.code)
            for _, name in ipairs(FIELD_NAMES) do
                assert.is_true(seen[name], r.code .. " " .. name)
            end
            -- next walks the same keys
            local k, m = next(s), 0
            while k ~= nil do
                m = m + 1
                assert.is_true(seen[k], tostring(k))
                k = next(s, k)
            end
            assert.are.equal(n, m)
        end
    end)

    it("hold their lists as plain arrays of strings", function()
        for _, r in ipairs(rows) do
            local s = hs.get(r.code)
            for _, name in ipairs{ "aliases", "rules" } do
                assert.are.equal("table", type(s[name]))
                for i, v in ipairs(s[name]) do assert.are.equal(r[name][i], v) end
                assert.are.equal(#r[name], #s[name])
            end
        end
    end)
end)

local json_library = helpers.json_library

-- Every field a decoded object must hold: the status object's own values,
-- lists as arrays.
local function assert_decoded(decoded, s)
    local n = 0
    for _ in pairs(decoded) do n = n + 1 end
    assert.are.equal(#FIELD_NAMES, n)
    for _, name in ipairs(FIELD_NAMES) do
        assert.are.same(s[name], decoded[name], name)
    end
end

describe("status objects in JSON", function()
    local cjson, dkjson = json_library("cjson"), json_library("dkjson")

    it("encode with cjson to every field, 404 and Not Found among them", function()
        assert.is_not_nil(cjson, "lua-cjson is not installed (scripts/deps)")
        for _, code in ipairs{ 404, 422, 503, 599 } do
            local s = hs.get(code)
            local text = cjson.encode(s)
            assert.is_truthy(text:find('"code":' .. code, 1, true), text)
            assert.is_truthy(text:find('"phrase":' .. cjson.encode(s.phrase), 1, true), text)
            assert_decoded(cjson.decode(text), s)
        end
        local text = cjson.encode(hs.get(404))
        assert.is_truthy(text:find('"code":404', 1, true))
        assert.is_truthy(text:find('"phrase":"Not Found"', 1, true))
        assert.is_truthy(text:find('"status_line":"404 Not Found"', 1, true))
        assert.is_truthy(cjson.encode(hs.get(422)):find('"aliases":["UNPROCESSABLE_ENTITY"]', 1, true))
        -- An empty list: [] with a cjson that has empty_array_mt (OpenResty's),
        -- {} with one that has none (Debian's lua-cjson 2.1.0).
        local empty = cjson.empty_array_mt and "[]" or "{}"
        assert.is_truthy(text:find('"aliases":' .. empty, 1, true), text)
        assert.is_truthy(text:find('"rules":["date-missing","content-forbidden","location-invalid",', 1, true), text)
        assert.is_truthy(text:find('"upgrade-invalid","problem-invalid","problem-status-mismatch",'
            .. '"problem-member-type","problem-title-differs"]', 1, true), text)
    end)

    it("encode with dkjson to every field, empty lists as []", function()
        assert.is_not_nil(dkjson, "lua-dkjson is not installed (scripts/deps)")
        for _, code in ipairs{ 404, 422, 503, 599 } do
            local s = hs.get(code)
            local text = dkjson.encode(s)
            assert.is_truthy(text:find('"code":' .. code, 1, true), text)
            assert_decoded(dkjson.decode(text), s)
        end
        local text = dkjson.encode(hs.get(404))
        assert.is_truthy(text:find('"code":404', 1, true))
        assert.is_truthy(text:find('"phrase":"Not Found"', 1, true))
        assert.is_truthy(text:find('"aliases":[]', 1, true), text)
        assert.is_truthy(text:find('"rules":["date-missing","content-forbidden","location-invalid",', 1, true), text)
        assert.is_truthy(text:find('"upgrade-invalid","problem-invalid","problem-status-mismatch",'
            .. '"problem-member-type","problem-title-differs"]', 1, true), text)
        assert.is_truthy(dkjson.encode(hs.search("no such word")) == "[]")
    end)

    it("mark lists as arrays for dkjson, or with cjson.empty_array_mt when that cjson is loaded", function()
        local mt = getmetatable(hs.get(404).aliases)
        assert.is_table(mt)
        if mt.__jsontype ~= nil then assert.are.equal("array", mt.__jsontype) end
        assert.are.equal(mt, getmetatable(hs.get(404).rules))
        assert.are.equal(mt, getmetatable(hs.search("timeout")))
        -- OpenResty's lua-cjson, loaded before the module: its own marker is used
        local out = run_fresh([[
            local marker = {}
            package.loaded.cjson = { empty_array_mt = marker }
            local hs = require "httpstatus"
            print(getmetatable(hs.get(404).aliases) == marker, getmetatable(hs.get(404).rules) == marker)
        ]])
        assert.are.equal("true\ttrue\n", out)
    end)
end)

describe("search", function()
    -- What the C core's hs_search answers, as codes.
    local function core_search(word)
        local codes, i = {}, core.hs_search(word, 0)
        while i < core.hs_count() do
            codes[#codes + 1] = core.hs_code_at(i)
            i = core.hs_search(word, i + 1)
        end
        return codes
    end
    local function codes_of(list)
        local codes = {}
        for i, s in ipairs(list) do codes[i] = s.code end
        return codes
    end

    it("gives what hs_search gives, as status objects ascending by code", function()
        for _, word in ipairs{ "timeout", "TIME-OUT", "cloudflare", "not", "error", "teapot", "nginx",
                               "a", "unprocessable entity", "zzz", "", string.rep("x", 300), "\255" } do
            local list = hs.search(word)
            assert.are.same(core_search(word), codes_of(list), word)
            for i, s in ipairs(list) do
                assert.are.equal(hs.get(s.code), s)
                if i > 1 then assert.is_true(list[i - 1].code < s.code) end
            end
        end
    end)

    it("finds the codes users look for", function()
        local timeout = set(codes_of(hs.search("timeout")))
        for _, code in ipairs{ 408, 504, 524, 598 } do
            assert.is_true(timeout[code], "timeout: " .. code)
        end
        assert.is_nil(timeout[404])
        local cloudflare = set(codes_of(hs.search("cloudflare")))
        for _, code in ipairs{ 520, 521, 522, 523, 524 } do
            assert.is_true(cloudflare[code], "cloudflare: " .. code)
        end
        assert.are.same(codes_of(hs.search("timeout")), codes_of(hs.search("TimeOut")))
        assert.are.same({ 418 }, codes_of(hs.search("teapot")))
        assert.are.same({}, hs.search("no such word"))
    end)

    it("returns a new list every time", function()
        local a, b = hs.search("timeout"), hs.search("timeout")
        assert.are_not.equal(a, b)
        a[1] = nil
        assert.are.equal(408, hs.search("timeout")[1].code)
    end)

    it("refuses what is not a word in the luaL style", function()
        for _, case in ipairs{ { "nil", nil }, { "number", 404 }, { "boolean", true }, { "table", {} } } do
            local ok, err = pcall(hs.search, case[2])
            assert.is_false(ok)
            assert.are.equal("bad argument #1 to 'search' (string expected, got " .. case[1] .. ")", err)
        end
        assert.are.same({}, hs.search("time\0out"))
    end)
end)

describe("phrases", function()
    it("maps every row's code to its phrase, and nothing else", function()
        local n = 0
        for code, phrase in pairs(hs.phrases) do
            n = n + 1
            assert.is_not_nil(row_by_code[code], code)
            assert.are.equal(row_by_code[code].phrase, phrase)
        end
        assert.are.equal(#rows, n)
        assert.are.equal("Not Found", hs.phrases[404])
        assert.are.equal("I'm a Teapot", hs.phrases[418])
        assert.is_nil(hs.phrases[299])
        assert.is_nil(getmetatable(hs.phrases))
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
