--[[
Lua benchmark: hs.phrases[c], hs.phrase(c), hs.is_success(c), hs.get(c).phrase,
hs.check(200, h) and hs.problem_json(404, d) against the same work on plain Lua
tables filled in this process (for check, a hand-written check in plain Lua; for
problem_json, cjson.encode), under whichever
Lua runs it (Lua 5.4 or LuaJIT).

    lua5.4 bench/lua_bench.lua [--tsv] [--runs N] [--build BUILD_DIR]
    luajit bench/lua_bench.lua [--tsv] [--runs N] [--build BUILD_DIR]

--build takes a CMake build directory and loads the module built there for
this runtime (BUILD_DIR/lua5.4 or BUILD_DIR/luajit); without it, the module
comes from package.path and package.cpath as they are (an installed rock).

Each loop walks 1024 codes drawn at random from the table, so no lookup can
be hoisted, and folds every answer into a counter the loop returns, so none
can be dropped. A figure is the median of --runs runs (default 7), module and
baseline runs interleaved. The ratio is module time over baseline time, and
each operation has its target:
  hs.phrases[c]      1.1  it is a plain table: the same read as the baseline
  hs.get(c).phrase   1.9  a function call around a plain table read, then a
                          field read of a plain table (a call alone is ~1.85x)
  hs.phrase(c), hs.is_success(c)
                     2.5 in Lua 5.4 (a function call on top of one table
                     read), 2.0 in LuaJIT (where both compile to machine code)
  hs.check(200, h)   2.0  the core's rules on a 10-field response table (a
                          call into C that walks the table) against a
                          hand-written check in Lua: lowercase the names into
                          a set, test it, return a list
  hs.problem_json(404, d)
                     1.0  the problem-details body with a 40-byte detail (one
                          call into C) against cjson.encode of the same
                          object's table, built beforehand (needs cjson)
]]

local tsv, runs, build = false, 7, nil
do
    local i = 1
    while i <= #arg do
        local a = arg[i]
        if a == "--tsv" then
            tsv = true
        elseif a == "--runs" then
            i = i + 1
            runs = tonumber(arg[i]) or error("--runs needs a number")
        elseif a == "--build" then
            i = i + 1
            build = arg[i] or error("--build needs a directory")
        else
            io.stderr:write("usage: lua_bench.lua [--tsv] [--runs N] [--build BUILD_DIR]\n")
            os.exit(2)
        end
        i = i + 1
    end
end

local runtime = jit and "luajit" or "lua5.4"
if build then
    local dir = build .. "/" .. runtime
    package.path = dir .. "/?.lua;" .. dir .. "/?/init.lua;" .. package.path
    package.cpath = dir .. "/?.so;" .. package.cpath
end

local hs = require "httpstatus"
local group = jit and "lua_luajit" or "lua_5.4"
local call_target = jit and 2.0 or 2.5

-- The baselines: the module's own answers, copied into plain tables.
local plain_phrase, plain_success, plain_rows = {}, {}, {}
for _, s in ipairs(hs.all()) do
    plain_phrase[s.code] = s.phrase
    plain_rows[s.code] = { phrase = s.phrase }
end
for code = 100, 599 do
    plain_success[code] = hs.is_success(code)
end

-- 1024 codes from the table, by a fixed linear congruential sequence.
local codes = {}
do
    local all, x = hs.all(), 12345
    for i = 1, 1024 do
        x = (x * 1103515245 + 12345) % 2147483648
        codes[i] = all[x % #all + 1].code
    end
end

local phrases = hs.phrases
local cases = {
    {
        "hs.phrases[c]", "phrases[c] (plain table)", 1.1,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #phrases[codes[i]] end
            end
            return n
        end,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #plain_phrase[codes[i]] end
            end
            return n
        end,
    },
    {
        "hs.phrase(c)", "phrases[c] (plain table)", call_target,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #hs.phrase(codes[i]) end
            end
            return n
        end,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #plain_phrase[codes[i]] end
            end
            return n
        end,
    },
    {
        "hs.is_success(c)", "success[c] (plain table)", call_target,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do if hs.is_success(codes[i]) then n = n + 1 end end
            end
            return n
        end,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do if plain_success[codes[i]] then n = n + 1 end end
            end
            return n
        end,
    },
    {
        "hs.get(c).phrase", "rows[c].phrase (plain tables)", 1.9,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #hs.get(codes[i]).phrase end
            end
            return n
        end,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #plain_rows[codes[i]].phrase end
            end
            return n
        end,
    },
}

-- hs.check(200, h) on a realistic response, as ngx.resp.get_headers() gives
-- it (lowercase names, Date included: nothing fires), against the least a
-- hand-written check of the same response must do: lowercase the names into
-- a set and test the set for the fields the status needs.
local response = {
    ["date"] = "Tue, 15 Nov 1994 08:12:31 GMT",
    ["content-type"] = "text/html; charset=utf-8",
    ["content-length"] = "5120",
    ["connection"] = "keep-alive",
    ["cache-control"] = "max-age=3600",
    ["etag"] = '"33a64df551425fcc55e4d42a148795d9f25f89d4"',
    ["last-modified"] = "Tue, 15 Nov 1994 08:00:00 GMT",
    ["vary"] = "Accept-Encoding",
    ["server"] = "nginx",
    ["x-request-id"] = "f058ebd6-02f7-4d3f-942e-904344e8cde5",
}
assert(#hs.check(200, response) == 0)
local lower, pairs_ = string.lower, pairs
local function hand_check(status, headers)
    local names = {}
    for name in pairs_(headers) do
        names[lower(name)] = true
    end
    local findings = {}
    if status >= 200 and status <= 499 and not names.date then findings[#findings + 1] = "date-missing" end
    if (status < 200 or status == 204) and names["content-length"] then
        findings[#findings + 1] = "content-length-forbidden"
    end
    return findings
end
assert(#hand_check(200, response) == 0 and #hand_check(200, {}) == 1)
local check = hs.check
cases[#cases + 1] = {
    "hs.check(200, h)", "names -> lower set, test (Lua)", 2.0,
    function(reps)
        local n = 0
        for _ = 1, reps do
            for _ = 1, #codes do n = n + #check(200, response) + 1 end
        end
        return n
    end,
    function(reps)
        local n = 0
        for _ = 1, reps do
            for _ = 1, #codes do n = n + #hand_check(200, response) + 1 end
        end
        return n
    end,
}

-- hs.problem_json(404, d), the core's bytes of a problem, against cjson
-- encoding the same object from a table built beforehand (so the baseline
-- does not even pay for the table): d is one of 16 details of 40 bytes.
local cjson_ok, cjson = pcall(require, "cjson")
if cjson_ok then
    local problem_json, encode = hs.problem_json, cjson.encode
    local details, tables = {}, {}
    for i = 1, 16 do
        details[i] = string.format("No user %02d in this account, please retry", i)
        assert(#details[i] == 40)
        tables[i] = { title = "Not Found", status = 404, detail = details[i] }
        assert(#problem_json(404, details[i]) == #encode(tables[i]))
    end
    cases[#cases + 1] = {
        "hs.problem_json(404, d)", "cjson.encode{title,status,detail}", 1.0,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #problem_json(404, details[i % 16 + 1]) end
            end
            return n
        end,
        function(reps)
            local n = 0
            for _ = 1, reps do
                for i = 1, #codes do n = n + #encode(tables[i % 16 + 1]) end
            end
            return n
        end,
    }
else
    io.stderr:write("lua_bench: cjson is not installed; hs.problem_json is not measured\n")
end

local clock = os.clock

local function seconds(f, reps)
    local t0 = clock()
    local n = f(reps)
    local t = clock() - t0
    assert(n > 0)
    return t
end

local function median(xs)
    table.sort(xs)
    return xs[math.floor((#xs + 1) / 2)]
end

-- Enough repetitions that one baseline run takes about 0.1 s.
local function calibrate(f)
    local reps = 1
    while seconds(f, reps) < 0.1 do
        reps = reps * 2
    end
    return reps
end

local rows = {}
for _, case in ipairs(cases) do
    local name, baseline_name, target, module_loop, baseline_loop = case[1], case[2], case[3], case[4], case[5]
    local reps = calibrate(baseline_loop)
    seconds(module_loop, reps) -- warm up (and let LuaJIT compile it)
    local m, b = {}, {}
    for r = 1, runs do
        m[r] = seconds(module_loop, reps)
        b[r] = seconds(baseline_loop, reps)
    end
    local ops = reps * #codes
    local ns, base_ns = median(m) / ops * 1e9, median(b) / ops * 1e9
    rows[#rows + 1] = { name, baseline_name, ns, base_ns, ns / base_ns, target }
end

local all_ok = true
if not tsv then
    print(string.format("%s (%s), median of %d runs, 1024 varying codes; ratio = module / baseline",
        runtime, hs._VERSION and ("httpstatus " .. hs._VERSION) or "httpstatus", runs))
    print(string.format("%-24s %-34s %8s %12s %7s %7s  %s", "operation", "baseline", "ns/op", "baseline ns",
        "ratio", "target", ""))
end
for _, r in ipairs(rows) do
    local ok = r[5] <= r[6]
    all_ok = all_ok and ok
    if tsv then
        print(string.format("%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%s",
            group, r[1], r[2], r[3], r[4], r[5], r[6], ok and "ok" or "MISS"))
    else
        print(string.format("%-24s %-34s %8.2f %12.2f %7.2f %7.2f  %s", r[1], r[2], r[3], r[4], r[5], r[6],
            ok and "ok" or "MISS"))
    end
end
os.exit(all_ok and 0 or 1)
