-- What the module does to the Lua state it is loaded into, the SWIG typemaps
-- of the private C module, and (under LuaJIT) that the hot paths compile.
local hs = require "httpstatus"
local core = require "httpstatus.core"

local is_54 = math.type ~= nil

-- run_fresh(chunk): the chunk's output from a fresh interpreter (fresh.lua).
local run_fresh = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "fresh.lua")

describe("require", function()
    it("sets no globals and changes none", function()
        local out = run_fresh([[
            local before = {}
            for k, v in pairs(_G) do before[k] = v end
            local loaded = {}
            for k in pairs(package.loaded) do loaded[k] = true end
            local hs = require "httpstatus"
            assert(hs.NOT_FOUND == 404)
            for k, v in pairs(_G) do
                if before[k] ~= v then print("global set: " .. tostring(k)) end
            end
            for k in pairs(before) do
                if rawget(_G, k) == nil then print("global removed: " .. tostring(k)) end
            end
            for k in pairs(package.loaded) do
                if not loaded[k] then print("loaded: " .. k) end
            end
            print("done")
        ]])
        -- Only the two modules themselves, under their own names.
        local lines = {}
        for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
        table.sort(lines)
        assert.are.same({ "done", "loaded: httpstatus", "loaded: httpstatus.core" }, lines)
    end)

    it("leaves globals named like SWIG's helpers as they were", function()
        local out = run_fresh([[
            swig_type = "mine"
            require "httpstatus"
            print(swig_type, swig_equals)
        ]])
        assert.are.equal("mine\tnil\n", out)
    end)

    it("returns the same module every time", function()
        assert.are.equal(hs, require "httpstatus")
    end)

    it("loads the C module from the build under test", function()
        -- ctest and the rockspec test name the directory they mean to test
        local dir = os.getenv("HS_MODULE_DIR")
        local path = package.searchpath("httpstatus.core", package.cpath)
        assert.is_string(path)
        if dir then assert.are.equal(dir .. "/httpstatus/core.so", path) end
    end)
end)

describe("the private C module httpstatus.core", function()
    it("returns integers as Lua integers and predicates as booleans", function()
        assert.are.equal(404, core.hs_field(404, 0))
        assert.are.equal(404, core.hs_find_code("not found"))
        assert.are.equal(100, core.hs_code_at(0))
        if is_54 then
            assert.are.equal("integer", math.type(core.hs_field(404, 0)))
            assert.are.equal("integer", math.type(core.hs_find_code("404")))
            assert.are.equal("integer", math.type(core.hs_code_at(0)))
            assert.are.equal("integer", math.type(core.hs_count()))
        end
        assert.are.equal(true, core.hs_is_success(200))
        assert.are.equal(false, core.hs_is_success(404)) -- false, not 0 (which Lua treats as true)
    end)

    it("gives every field of the surface list as a plain Lua value", function()
        local kinds = { [core.HS_INTEGER] = "number", [core.HS_BOOLEAN] = "boolean",
                        [core.HS_STRING] = "string", [core.HS_STRINGS] = "table" }
        for i = 0, core.hs_field_count() - 1 do
            local v = core.hs_field(404, i)
            assert.are.equal(kinds[core.hs_field_kind(i)], type(v), core.hs_field_name(i))
            if type(v) == "table" then
                assert.is_nil(getmetatable(v))
                for _, item in ipairs(v) do assert.is_string(item) end
            end
        end
        assert.are.same({ "UNPROCESSABLE_ENTITY" }, core.hs_field(422, 2))
        assert.are.equal(true, core.hs_field(404, 6))
        assert.are.equal(false, core.hs_field(499, 6))
        -- codes not in the table, fields past the end
        assert.is_nil(core.hs_field(299, 0))
        assert.is_nil(core.hs_field(404, core.hs_field_count()))
        assert.is_nil(core.hs_field(404, -1))
        assert.is_nil(core.hs_field(404, 2 ^ 60))
    end)

    it("hands no C struct to Lua: no userdata, no metatable", function()
        assert.is_nil(getmetatable(core))
        for key, value in pairs(core) do
            if key ~= "null" then
                assert.is_true(type(value) == "function" or type(value) == "number" or type(value) == "string", key)
            end
        end
        -- the one light userdata is JSON null, a NULL pointer with no metatable
        -- (a light userdata has no metatable of its own)
        assert.are.equal("userdata", type(core.null))
        assert.is_nil(getmetatable(core.null))
        assert.is_nil(core.hs_get)
        assert.is_nil(core.hs_at)
        assert.is_nil(core.hs_find)
        assert.is_nil(core.hs_status)
        assert.is_nil(core.hs_field_value)
    end)

    it("rejects non-integral numbers and wrong types in the luaL style", function()
        for _, v in ipairs{ 404.5, 0 / 0, math.huge, -math.huge } do
            local ok, err = pcall(core.hs_is_known, v)
            assert.is_false(ok)
            assert.matches("bad argument #1 to '.*' %(number has no integer representation%)$", err)
            ok, err = pcall(core.hs_field, v, 0)
            assert.is_false(ok)
            assert.matches("bad argument #1 to '.*' %(number has no integer representation%)$", err)
        end
        local ok, err = pcall(core.hs_field, {}, 0)
        assert.is_false(ok)
        assert.matches("bad argument #1 to '.*' %(integer expected, got table%)$", err)
        ok, err = pcall(core.hs_field, 404, "0")
        assert.is_false(ok)
        assert.matches("bad argument #2 to '.*' %(integer expected, got string%)$", err)
        ok, err = pcall(core.hs_find_code, 404)
        assert.is_false(ok)
        assert.matches("bad argument #1 to '.*' %(string expected, got number%)$", err)
        ok, err = pcall(core.hs_code_at, nil)
        assert.is_false(ok)
        assert.matches("bad argument #1 to '.*' %(integer expected, got nil%)$", err)
    end)

    it("never truncates a huge number into a valid code", function()
        for _, v in ipairs{ 2 ^ 32 + 404, 2 ^ 32 + 200, -2 ^ 32 + 404, 2 ^ 64 + 404, 2 ^ 100, 1e308 } do
            assert.is_false(core.hs_is_known(v), string.format("%.17g", v))
            assert.is_nil(core.hs_field(v, 0))
        end
        if is_54 then -- load() because LuaJIT cannot parse `<<`
            assert.is_false(core.hs_is_known(load("return (1 << 32) + 404")()))
            assert.is_false(core.hs_is_valid(math.mininteger + 404))
            assert.is_false(core.hs_is_valid(math.maxinteger))
        end
        assert.are.equal(404, core.hs_field(404.0, 0))
    end)

    it("passes strings with their length, so a NUL never matches a shorter name", function()
        assert.is_nil(core.hs_find_code("NOT_FOUND\0x"))
        assert.is_nil(core.hs_find_code("404\0"))
        assert.are.equal(404, core.hs_find_code("NOT_FOUND"))
        assert.is_false(core.hs_is_language("ko\0"))
        assert.is_true(core.hs_is_language("ko"))
        assert.is_nil(core.hs_description(404, "en\0"))
    end)

    it("is past the end for negative or huge indexes", function()
        assert.is_nil(core.hs_code_at(-1))
        assert.is_nil(core.hs_code_at(core.hs_count()))
        assert.is_nil(core.hs_code_at(2 ^ 60))
        assert.is_nil(core.hs_alias(413, -1))
    end)
end)

describe("under LuaJIT", function()
    if not jit then
        it("(not this runtime)", function() end)
        return
    end

    -- The traces LuaJIT records while f runs. The hot paths must compile into
    -- a looping trace: a call into C would abort recording as not yet
    -- implemented (NYI) or end the trace in a "stitch" and run in the
    -- interpreter. Other aborts ("inner loop in root trace") are LuaJIT
    -- finding its way to the inner loop, and are fine.
    local jit_util = require "jit.util"
    local vmdef = require "jit.vmdef"
    local function traces_of(f)
        local events = { stops = {}, aborts = {} }
        local function on_trace(what, tr, _, _, otr, oex)
            if what == "abort" then
                local why = type(otr) == "number" and vmdef.traceerr[otr] or tostring(otr)
                local ok, formatted = pcall(string.format, why, oex)
                if ok then why = formatted end
                if why:find("NYI") or why:find("blacklisted") or why:find("disabled") then
                    events.aborts[#events.aborts + 1] = why
                end
            elseif what == "stop" then
                events.stops[#events.stops + 1] = tr
            end
        end
        jit.flush()
        jit.attach(on_trace, "trace")
        local ok, err = pcall(f)
        jit.attach(on_trace)
        assert(ok, err)
        events.links = {}
        for _, tr in ipairs(events.stops) do
            local link = jit_util.traceinfo(tr).linktype
            events.links[link] = (events.links[link] or 0) + 1
        end
        return events
    end

    local codes = {}
    for i, s in ipairs(hs.all()) do codes[i] = s.code end

    local loops = {
        { "phrase", function()
            local n = 0
            for _ = 1, 200 do for i = 1, #codes do n = n + #hs.phrase(codes[i]) end end
            return n
        end },
        { "is_success", function()
            local n = 0
            for _ = 1, 200 do for i = 1, #codes do if hs.is_success(codes[i]) then n = n + 1 end end end
            return n
        end },
        { "phrases", function()
            local n, phrases = 0, hs.phrases
            for _ = 1, 200 do for i = 1, #codes do n = n + #phrases[codes[i]] end end
            return n
        end },
        { "get_phrase", function()
            local n = 0
            for _ = 1, 200 do for i = 1, #codes do n = n + #hs.get(codes[i]).phrase end end
            return n
        end },
        { "constants", function()
            local n = 0
            for _ = 1, 20000 do if hs.is_retryable(hs.SERVICE_UNAVAILABLE) then n = n + hs.NOT_FOUND end end
            return n
        end },
    }
    for _, case in ipairs(loops) do
        local name, loop = case[1], case[2]
        it("compiles the " .. name .. " loop into a looping trace, with no call into C", function()
            local events = traces_of(loop)
            assert.are.same({}, events.aborts)
            assert.is_nil(events.links.stitch, "a trace was stitched around a call into C")
            assert.is_not_nil(events.links.loop, "no looping trace was compiled")
        end)
    end
end)
