-- hs.problem_json, hs.problem and hs.null: problem details (RFC 9457) under
-- Lua 5.4 and LuaJIT. The expected bytes are written out here from the
-- contract (member order, escapes, sorting), not read from the core.
local helpers = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "helpers.lua")
local hs = require "httpstatus"
local cjson = helpers.json_library("cjson")

local error_of = helpers.error_of
local is_54 = math.type ~= nil

local function json(code, detail, opts) return hs.problem_json(code, detail, opts) end
local function ext(extensions) return { extensions = extensions } end

describe("problem_json: the bytes", function()
    it("is title, status and detail for a code of the table", function()
        assert.are.equal('{"title":"Not Found","status":404,"detail":"No user 42"}', json(404, "No user 42"))
        assert.are.equal('{"title":"Not Found","status":404}', json(404))
        assert.are.equal('{"title":"I\'m a Teapot","status":418}', json(418))
        assert.are.equal('{"title":"Not Found","status":404}', json(404, nil, {}))
        assert.are.equal('{"title":"Not Found","status":404}', json(404.0)) -- as every code argument
    end)

    it("writes the members in the order type, title, status, detail, instance", function()
        assert.are.equal('{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",'
            .. '"status":403,"detail":"Your current balance is 30, but that costs 50.",'
            .. '"instance":"/account/12345/msgs/abc"}',
            json(403, "Your current balance is 30, but that costs 50.", {
                instance = "/account/12345/msgs/abc", title = "You do not have enough credit.",
                type = "https://example.com/probs/out-of-credit" }))
        -- an empty string is given, and about:blank is written when given
        assert.are.equal('{"type":"","title":"","status":400,"detail":"","instance":""}',
            json(400, "", { type = "", title = "", instance = "" }))
        assert.are.equal('{"type":"about:blank","title":"Bad Request","status":400}',
            json(400, nil, { type = "about:blank" }))
    end)

    it("needs a title for a code not in the table", function()
        assert.are.equal('{"title":"Mine","status":299}', json(299, nil, { title = "Mine" }))
        assert.are.equal('{"title":"Mine","status":100}', json(100, nil, { title = "Mine" }))
        assert.are.equal('{"title":"Mine","status":599}', json(599, nil, { title = "Mine" }))
    end)

    it("escapes quote, backslash and the controls, and nothing else", function()
        assert.are.equal('{"title":"Bad Request","status":400,"detail":"\\"q\\" back\\\\slash /p/ \127"}',
            json(400, '"q" back\\slash /p/ \127'))
        assert.are.equal('{"title":"Bad Request","status":400,"detail":"\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f"}',
            json(400, "\b\f\n\r\t\0\1\31"))
        -- UTF-8 as it is, U+2028 and U+2029 included
        assert.are.equal('{"title":"Bad Request","status":400,"detail":"é 한국어 \226\128\168\226\128\169 😀"}',
            json(400, "é 한국어 \226\128\168\226\128\169 😀"))
        assert.are.equal('{"type":"/a\\"b","title":"t\\\\","status":400,"instance":"\\n"}',
            json(400, nil, { type = '/a"b', title = "t\\", instance = "\n" }))
    end)

    it("sorts the extensions by the bytes of their names, and the keys of nested objects", function()
        assert.are.equal('{"title":"Bad Request","status":400,"Alpha":2,"alpha":3,"zeta":1}',
            json(400, nil, ext{ zeta = 1, Alpha = 2, alpha = 3 }))
        assert.are.equal('{"title":"Bad Request","status":400,"obj":{"":0,"B":1,"a":{"x":1,"y":2},"b":true}}',
            json(400, nil, ext{ obj = { b = true, a = { y = 2, x = 1 }, B = 1, [""] = 0 } }))
    end)

    it("writes every extension type", function()
        assert.are.equal('{"title":"Bad Request","status":400,"arr":[1,"two",false,null,[{}],{}],'
            .. '"big":9007199254740991,"nul":null,"small":-9007199254740991,"str":"x\\ty","yes":true,"zero":0}',
            json(400, nil, ext{ arr = { 1, "two", false, hs.null, { {} }, {} }, big = 2 ^ 53 - 1, nul = hs.null,
                                small = -(2 ^ 53 - 1), str = "x\ty", yes = true, zero = 0 }))
    end)

    it("takes a table with keys 1..n as an array and any other, the empty one included, as an object", function()
        local function value(v) return json(400, nil, ext{ val = v }):match('"val":(.*)}$') end
        assert.are.equal("[1,2,3]", value{ 1, 2, 3 })
        assert.are.equal("[1,2,3]", value{ [3] = 3, [1] = 1, [2] = 2 })
        assert.are.equal("{}", value{})
        assert.are.equal('{"n":1}', value{ n = 1 })
        assert.are.equal("[[{}]]", value{ { {} } }) -- the innermost {} is an empty object
        assert.are.equal("[{}]", value{ {} })
    end)

    it("writes an integral number as an integer, -0 as 0", function()
        local function value(v) return json(400, nil, ext{ val = v }):match('"val":(.*)}$') end
        assert.are.equal("3", value(3))
        assert.are.equal("3", value(3.0))   -- Lua 5.4: a float with an integral value, as 404.0 is a code
        assert.are.equal("0", value(-0.0))
        assert.are.equal("-42", value(-42))
        assert.are.equal("[1,2]", value{ 1.0, 2 })
        assert.are.equal("1000000000000", value(1e12))
    end)

    it("names JSON null hs.null, the NULL light userdata cjson.null is too", function()
        assert.are.equal("userdata", type(hs.null))
        assert.is_nil(getmetatable(hs.null))
        if cjson then
            assert.are.equal(cjson.null, hs.null)
            assert.are.equal('{"title":"Bad Request","status":400,"nul":null}', json(400, nil, ext{ nul = cjson.null }))
        else
            print("problem_spec: cjson is not installed; hs.null not compared with cjson.null")
        end
    end)

    it("is the same for bodies and extension texts past the buffers on the C stack", function()
        local detail = string.rep("é", 3000)
        local body = json(500, detail)
        assert.are.equal('{"title":"Internal Server Error","status":500,"detail":"' .. detail .. '"}', body)
        -- 40 extensions (more than the C stack holds), one of them long
        local extensions, expected = {}, {}
        for i = 1, 40 do
            local name = string.format("ext%02d", i)
            extensions[name] = i == 7 and string.rep("\"", 2000) or i
            expected[i] = string.format('"%s":%s', name, i == 7 and '"' .. string.rep('\\"', 2000) .. '"' or i)
        end
        assert.are.equal('{"title":"Bad Request","status":400,' .. table.concat(expected, ",") .. "}",
            json(400, nil, ext(extensions)))
        -- deep, but within 32
        local deep = {}
        for _ = 1, 31 do deep = { deep } end
        assert.are.equal('{"title":"Bad Request","status":400,"deep":' .. string.rep("[", 31) .. "{}"
            .. string.rep("]", 31) .. "}", json(400, nil, ext{ deep = deep }))
    end)

    it("reads tables raw: no __index, no __pairs, no __len", function()
        local tricky = setmetatable({ 1, 2 }, {
            __index = function() error("read through __index") end,
            __pairs = function() error("walked through __pairs") end,
            __len = function() return 99 end,
        })
        assert.are.equal('{"title":"Bad Request","status":400,"arr":[1,2]}', json(400, nil, ext{ arr = tricky }))
        local opts = setmetatable({}, { __index = function() return "https://injected" end })
        assert.are.equal('{"title":"Bad Request","status":400}', json(400, nil, opts))
    end)

    it("parses back with cjson to the object hs.problem gives, for every code of the table", function()
        if not cjson then
            print("problem_spec: cjson is not installed; round trip not run")
            return
        end
        local opts = { instance = "/i", extensions = { balance = 30, accounts = { "/a", "/b" },
                                                      nested = { k = { true, hs.null } }, empty = {} } }
        for _, status in ipairs(hs.all()) do
            local body = json(status.code, "d \"é\"\n", opts)
            local decoded = cjson.decode(body)
            local p = hs.problem(status.code, "d \"é\"\n", opts)
            assert.are.same(decoded, cjson.decode(cjson.encode(p)), status.code)
            assert.are.equal(status.phrase, decoded.title)
            assert.are.equal(status.code, decoded.status)
        end
    end)
end)

describe("problem: the object", function()
    it("is a plain table of the members given", function()
        local p = hs.problem(404, "No user 42")
        assert.are.same({ title = "Not Found", status = 404, detail = "No user 42" }, p)
        assert.is_nil(getmetatable(p))
        local keys = {}
        for k in pairs(p) do keys[#keys + 1] = k end
        table.sort(keys)
        assert.are.same({ "detail", "status", "title" }, keys)
        if is_54 then assert.are.equal("integer", math.type(p.status)) end
        assert.are.same({ title = "Bad Request", status = 400 }, hs.problem(400))
        assert.are.same({ title = "Mine", status = 299, type = "t", instance = "i" },
            hs.problem(299.0, nil, { title = "Mine", type = "t", instance = "i" }))
        if is_54 then assert.are.equal("integer", math.type(hs.problem(299.0, nil, { title = "M" }).status)) end
    end)

    it("holds the extensions as members, in new tables, numbers as integers", function()
        local mine = { list = { 1.0, { x = 2.0 } }, nul = hs.null, flag = false, name = "n" }
        local p = hs.problem(400, nil, ext(mine))
        assert.are.same({ title = "Bad Request", status = 400, list = { 1, { x = 2 } }, nul = hs.null, flag = false,
                          name = "n" }, p)
        assert.are_not.equal(mine.list, p.list)
        assert.are_not.equal(mine.list[2], p.list[2])
        if is_54 then
            assert.are.equal("integer", math.type(p.list[1]))
            assert.are.equal("integer", math.type(p.list[2].x))
        end
        p.list[1] = "changed"
        assert.are.equal(1.0, mine.list[1])
    end)

    it("encodes with cjson and dkjson to an object with the same members", function()
        local p = hs.problem(404, "No user 42", ext{ balance = 30 })
        if cjson then
            assert.are.same({ title = "Not Found", status = 404, detail = "No user 42", balance = 30 },
                cjson.decode(cjson.encode(p)))
        end
        local dkjson = helpers.json_library("dkjson")
        if dkjson then
            assert.are.same({ title = "Not Found", status = 404, detail = "No user 42", balance = 30 },
                dkjson.decode(dkjson.encode(p)))
        end
    end)
end)

describe("problem and problem_json: bad input", function()
    -- { arguments, argument number, message in the parenthesis }
    local cases = {
        { { nil }, 1, "integer expected, got nil" },
        { { "404" }, 1, "integer expected, got string" },
        { { {} }, 1, "integer expected, got table" },
        { { true }, 1, "integer expected, got boolean" },
        { { 404.5 }, 1, "number has no integer representation" },
        { { 0 / 0 }, 1, "number has no integer representation" },
        { { math.huge }, 1, "number has no integer representation" },
        { { -math.huge }, 1, "number has no integer representation" },
        { { 600 }, 1, "the status code is outside 100..599" },
        { { 99 }, 1, "the status code is outside 100..599" },
        { { -1 }, 1, "the status code is outside 100..599" },
        { { 2 ^ 63 }, 1, "the status code is outside 100..599" },
        { { 299 }, 1, "the status code is not in the table, so the problem needs a title (option 'title')" },
        { { 404, 42 }, 2, "string expected, got number" },
        { { 404, {} }, 2, "string expected, got table" },
        { { 404, "ok \255" }, 2, "not valid UTF-8 at byte 4" },
        { { 404, "\237\160\128" }, 2, "not valid UTF-8 at byte 1" }, -- a lone surrogate
        { { 404, nil, "opts" }, 3, "table expected, got string" },
        { { 404, nil, { detail = "x" } }, 3, "unknown option 'detail' (the detail is argument #2)" },
        { { 404, nil, { titel = "x" } }, 3, "unknown option 'titel'" },
        { { 404, nil, { [1] = "x" } }, 3, "option names are strings, got number" },
        { { 404, nil, { type = 1 } }, 3, "option 'type': string expected, got number" },
        { { 404, nil, { title = false } }, 3, "option 'title': string expected, got boolean" },
        { { 404, nil, { instance = {} } }, 3, "option 'instance': string expected, got table" },
        { { 404, nil, { instance = "/a\192" } }, 3, "option 'instance': not valid UTF-8 at byte 3" },
        { { 404, nil, { extensions = "x" } }, 3, "option 'extensions': table expected, got string" },
        { { 404, nil, ext{ [1] = 1 } }, 3, "option 'extensions': extension names are strings, got number" },
        { { 404, nil, ext{ ab = 1 } }, 3, "extension 'ab': an extension name is an ASCII letter, then ASCII "
            .. "letters, digits or '_', three characters or more" },
        { { 404, nil, ext{ ["1abc"] = 1 } }, 3, "extension '1abc': an extension name is an ASCII letter, then "
            .. "ASCII letters, digits or '_', three characters or more" },
        { { 404, nil, ext{ ["a-bc"] = 1 } }, 3, "extension 'a-bc': an extension name is an ASCII letter, then "
            .. "ASCII letters, digits or '_', three characters or more" },
        { { 404, nil, ext{ ["ab\0c"] = 1 } }, 3, "extension 'ab\\0c': an extension name is an ASCII letter, then "
            .. "ASCII letters, digits or '_', three characters or more" },
        { { 404, nil, ext{ status = 404 } }, 3, "extension 'status': an extension cannot take the name of a "
            .. "standard member (type, title, status, detail, instance)" },
        { { 404, nil, ext{ balance = 1.5 } }, 3, "extension 'balance': number 1.5 is not an integer" },
        { { 404, nil, ext{ balance = 0 / 0 } }, 3, "extension 'balance': NaN is not a JSON value" },
        { { 404, nil, ext{ balance = math.huge } }, 3, "extension 'balance': an infinity is not a JSON value" },
        { { 404, nil, ext{ balance = -math.huge } }, 3, "extension 'balance': an infinity is not a JSON value" },
        { { 404, nil, ext{ balance = { 1, { 2.25 } } } }, 3, "extension 'balance': number 2.25 is not an integer" },
        { { 404, nil, ext{ fun = print } }, 3, "extension 'fun': a function is not a JSON value" },
        { { 404, nil, ext{ co = coroutine.create(print) } }, 3, "extension 'co': a thread is not a JSON value" },
        { { 404, nil, ext{ file = io.stdout } }, 3, "extension 'file': a userdata is not a JSON value" },
        { { 404, nil, ext{ sparse = { 1, nil, 3 } } }, 3, "extension 'sparse': a table with a number key, which is "
            .. "neither an array (keys 1..n) nor an object (string keys)" },
        { { 404, nil, ext{ zero = { [0] = 1 } } }, 3, "extension 'zero': a table with a number key, which is "
            .. "neither an array (keys 1..n) nor an object (string keys)" },
        { { 404, nil, ext{ mixed = { 1, x = 2 } } }, 3, "extension 'mixed': a table with a number key, which is "
            .. "neither an array (keys 1..n) nor an object (string keys)" },
        { { 404, nil, ext{ keyed = { [true] = 1 } } }, 3, "extension 'keyed': a table with a boolean key, which is "
            .. "neither an array (keys 1..n) nor an object (string keys)" },
        { { 404, nil, ext{ text = "a\255" } }, 3, "extension 'text': not valid UTF-8" },
        { { 404, nil, ext{ obj = { ["k\255"] = 1 } } }, 3, "extension 'obj': not valid UTF-8" },
        { { 404, nil, ext{ big = 2 ^ 53 } }, 3, "extension 'big': number 9.007199254741e+15 is out of range "
            .. "(an integer must be of magnitude below 2^53)" },
        { { 404, nil, ext{ big = -2 ^ 53 } }, 3, "extension 'big': number -9.007199254741e+15 is out of range "
            .. "(an integer must be of magnitude below 2^53)" },
    }
    if is_54 then
        cases[#cases + 1] = { { 404, nil, ext{ big = math.tointeger(2 ^ 53) } }, 3, "extension 'big': integer "
            .. "9007199254740992 is out of range (an integer must be of magnitude below 2^53)" }
        cases[#cases + 1] = { { 404, nil, ext{ big = math.mininteger } }, 3, "extension 'big': integer "
            .. math.mininteger .. " is out of range (an integer must be of magnitude below 2^53)" }
    end
    for i, case in ipairs(cases) do
        it("case " .. i .. ": " .. case[3], function()
            local a = case[1]
            for _, name in ipairs{ "problem_json", "problem" } do
                assert.are.equal("bad argument #" .. case[2] .. " to '" .. name .. "' (" .. case[3] .. ")",
                    error_of(hs[name], a[1], a[2], a[3]))
            end
        end)
    end

    it("refuses a table inside itself, and nesting deeper than 32", function()
        local loop = {}
        loop.me = loop
        assert.are.equal("bad argument #3 to 'problem_json' (extension 'loop': a table that contains itself)",
            error_of(hs.problem_json, 400, nil, ext{ loop = loop }))
        local ring = { {} }
        ring[1][1] = ring
        assert.are.equal("bad argument #3 to 'problem' (extension 'ring': a table that contains itself)",
            error_of(hs.problem, 400, nil, ext{ ring = ring }))
        local deep = {}
        for _ = 1, 32 do deep = { deep } end -- 33 tables
        assert.are.equal("bad argument #3 to 'problem_json' (extension 'deep': tables nested more than 32 deep)",
            error_of(hs.problem_json, 400, nil, ext{ deep = deep }))
        -- the same table twice, side by side, is no cycle
        local shared = { 1 }
        assert.are.equal('{"title":"Bad Request","status":400,"two":[[1],[1]]}',
            json(400, nil, ext{ two = { shared, shared } }))
    end)

    it("points at the caller's line", function()
        local line = debug.getinfo(1, "l").currentline + 1
        local ok, err = pcall(function() hs.problem(404, 5) end)
        assert.is_false(ok)
        assert.is_truthy(err:find("problem_spec.lua:" .. line .. ": bad argument #2 to 'problem'", 1, true), err)
        ok, err = pcall(function() hs.problem_json(404, 5) end)
        assert.is_truthy(err:find("problem_spec.lua:" .. (line + 3) .. ": bad argument #2 to 'problem_json'", 1, true),
            err)
    end)

    it("leaves the module working after any error", function()
        for _ = 1, 3 do
            pcall(hs.problem_json, 400, nil, ext{ big = string.rep("x", 5000), bad = 1.5 })
        end
        assert.are.equal('{"title":"Not Found","status":404}', json(404))
    end)
end)
