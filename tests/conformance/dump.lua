--[[
The Lua module's answers to the questions of cases.txt, in the conformance
format defined at the top of compare.py. Runs under Lua 5.4 and LuaJIT.

    lua5.4|luajit dump.lua MODULE_DIR CASES [surface]

MODULE_DIR holds httpstatus/init.lua and httpstatus/core.so built for the
interpreter running this; nothing else named httpstatus can be loaded.
`surface` writes the public module-level names instead.
]]
local module_dir, cases_path, mode = arg[1], arg[2], arg[3]
if not cases_path or (mode ~= nil and mode ~= "surface") then
    io.stderr:write("usage: dump.lua MODULE_DIR CASES [surface]\n")
    os.exit(2)
end
-- cjson (to read problem bodies back, as OpenResty users do) from the
-- system's paths; then only MODULE_DIR.
local cjson = require "cjson"
package.path = module_dir .. "/?.lua;" .. module_dir .. "/?/init.lua"
package.cpath = module_dir .. "/?.so"
local hs = require "httpstatus"
local core = require "httpstatus.core"

local format, byte, char, concat = string.format, string.byte, string.char, table.concat
local floor, huge = math.floor, math.huge
local is_54 = math.type ~= nil

local function fail(message)
    io.stderr:write("dump.lua: ", message, "\n")
    os.exit(2)
end

-- ---- the format --------------------------------------------------------------

-- Length of the well-formed UTF-8 sequence of a non-ASCII character at s[i]
-- (RFC 3629), or 0.
local function utf8_length(s, i)
    local c = byte(s, i)
    local n, lo, hi = 0, 0x80, 0xBF
    if c >= 0xC2 and c <= 0xDF then
        n = 2
    elseif c >= 0xE0 and c <= 0xEF then
        n = 3
        if c == 0xE0 then lo = 0xA0 elseif c == 0xED then hi = 0x9F end
    elseif c >= 0xF0 and c <= 0xF4 then
        n = 4
        if c == 0xF0 then lo = 0x90 elseif c == 0xF4 then hi = 0x8F end
    else
        return 0
    end
    if i + n - 1 > #s then return 0 end
    local second = byte(s, i + 1)
    if second < lo or second > hi then return 0 end
    for k = i + 2, i + n - 1 do
        local b = byte(s, k)
        if b < 0x80 or b > 0xBF then return 0 end
    end
    return n
end

local ESCAPES = { [92] = "\\\\", [9] = "\\t", [10] = "\\n", [13] = "\\r" }

local function quote(s)
    local out, i = {}, 1
    while i <= #s do
        local c = byte(s, i)
        if ESCAPES[c] then
            out[#out + 1] = ESCAPES[c]
        elseif c < 0x20 or c == 0x7F then
            out[#out + 1] = format("\\x%02x", c)
        elseif c < 0x80 then
            out[#out + 1] = char(c)
        else
            local n = utf8_length(s, i)
            if n > 0 then
                out[#out + 1] = s:sub(i, i + n - 1)
                i = i + n - 1
            else
                out[#out + 1] = format("\\x%02x", c)
            end
        end
        i = i + 1
    end
    return '"' .. concat(out) .. '"'
end

-- An integer as C prints it; a Lua 5.4 float keeps its ".0", so that it
-- differs from C's integer.
local function number(v)
    if is_54 then return tostring(v) end
    if v == floor(v) and v > -2 ^ 53 and v < 2 ^ 53 then return format("%d", v) end
    return format("%.17g", v)
end

local function answer(v)
    local t = type(v)
    if t == "nil" then return "nil" end
    if t == "boolean" then return tostring(v) end
    if t == "number" then return number(v) end
    if t == "string" then return quote(v) end
    if t == "table" and rawget(v, "code") ~= nil then return "object" end
    if t == "table" then -- a list of strings: aliases, rules
        for i, item in ipairs(v) do
            if type(item) ~= "string" then return "raised:" .. quote("item " .. i .. " of a list is no string") end
        end
        return quote(concat(v, ","))
    end
    return "raised:" .. quote("an answer of type " .. t)
end

-- The answer of f(...); an error in luaL's style naming the function is the
-- error docs/reference.md asks for, anything else is not.
local function call(name, f, ...)
    local ok, result = pcall(f, ...)
    if ok then return answer(result) end
    local message = tostring(result)
    if message:find("bad argument #%d+ to '" .. name .. "'") then return "error" end
    return "raised:" .. quote(message)
end

-- ---- cases.txt -------------------------------------------------------------------

local function read_cases(path)
    local f = assert(io.open(path, "rb"))
    local text = f:read("*a")
    f:close()
    if text:sub(-1) ~= "\n" then fail("the cases must end with a newline") end
    local cases = {}
    for line in text:gmatch("([^\n]*)\n") do
        if line:find("[%z\1-\31]") then fail("a control character in the cases (write it escaped): " .. line) end
        if line ~= "" and line:sub(1, 1) ~= "#" then
            local kind, rest = line:match("^(%S+) (.*)$")
            if not kind then fail("not KIND ARGUMENT: " .. line) end
            cases[#cases + 1] = { kind, rest }
        end
    end
    return cases
end

local SIMPLE_ESCAPES = { t = "\t", n = "\n", r = "\r", ["\\"] = "\\", ['"'] = '"' }

-- PARTS: one or more "..." or N*"...", concatenated.
local function parse_parts(spelling)
    local out, i = {}, 1
    while i <= #spelling do
        local c = spelling:sub(i, i)
        if c == " " then
            i = i + 1
        else
            local count = 1
            local digits = spelling:match("^(%d+)%*", i)
            if digits then
                count = tonumber(digits)
                i = i + #digits + 1
            end
            if spelling:sub(i, i) ~= '"' then fail("expected a quoted string: " .. spelling) end
            i = i + 1
            local part = {}
            while spelling:sub(i, i) ~= '"' do
                c = spelling:sub(i, i)
                if c == "" then fail("unterminated string: " .. spelling) end
                i = i + 1
                if c == "\\" then
                    c = spelling:sub(i, i)
                    i = i + 1
                    if c == "x" then
                        c = char(tonumber(spelling:sub(i, i + 1), 16))
                        i = i + 2
                    else
                        c = SIMPLE_ESCAPES[c] or fail("unknown escape in " .. spelling)
                    end
                end
                part[#part + 1] = c
            end
            i = i + 1
            out[#out + 1] = concat(part):rep(count)
        end
    end
    return concat(out)
end

-- A decimal integer of cases.txt as a Lua number: an integer where Lua 5.4
-- has one, else an integral float; it must be exact.
local function integer(decimal)
    local v = tonumber(decimal)
    if is_54 and math.type(v) == "float" then
        if format("%.0f", v) ~= decimal then fail("not exact as a double: " .. decimal) end
    elseif is_54 then
        if format("%d", v) ~= decimal then fail("not read exactly: " .. decimal) end
    elseif format("%.0f", v) ~= decimal then
        fail("not exact as a double: " .. decimal)
    end
    return v
end

local BADARG_VALUES = {
    ["true"] = true,
    ["false"] = false,
    table = { 404 },
    ["function"] = function() return 404 end,
    object = io.stdout,
}

local function badarg_value(label)
    if label == "nil" then return nil end
    if BADARG_VALUES[label] ~= nil then return BADARG_VALUES[label] end
    if label:sub(1, 1) == '"' then return parse_parts(label) end
    local v
    if label == "nan" then v = 0 / 0
    elseif label == "inf" then v = huge
    elseif label == "-inf" then v = -huge
    else v = tonumber(label) end
    if v == nil then fail("unknown badarg " .. label) end
    if v == floor(v) and v ~= huge and v ~= -huge then fail("badarg " .. label .. " is an integral number, which Lua takes as a code") end
    return v
end

-- ---- the questions ------------------------------------------------------------------

local out = {}
local function line(section, subject, question, text)
    out[#out + 1] = section .. "\t" .. subject .. "\t" .. question .. "\t" .. text .. "\n"
end

local function ask(name, ...)
    return call(name, hs[name], ...)
end

local function dump_surface()
    local names = {}
    for name in pairs(hs) do names[#names + 1] = name end
    table.sort(names)
    for _, name in ipairs(names) do
        local v = hs[name]
        local kind = type(v)
        if kind == "number" then
            kind = (not is_54 or math.type(v) == "integer") and "constant" or "float"
        end
        line("surface", name, "kind", kind)
    end
end

-- A `check` case (grammar in cases.txt) as hs.check's arguments: headers
-- keyed by name, a repeated name's values as an array (ngx.resp.get_headers'
-- shape).
local function add_field(headers, text)
    local name, value = text:match("^([^:]*):(.*)$")
    if name == nil then fail("a field without a colon in a check case: " .. text) end
    value = value:gsub("^ +", "")
    local old = headers[name]
    if old == nil then
        headers[name] = value
    elseif type(old) == "table" then
        old[#old + 1] = value
    else
        headers[name] = { old, value }
    end
end

-- The space-separated tokens of a case's head; a space inside a quoted
-- string does not end one.
local function split_head(head)
    local tokens, token, quoted, i = {}, {}, false, 1
    while i <= #head do
        local c = head:sub(i, i)
        if quoted and c == "\\" and i < #head then
            token[#token + 1] = head:sub(i, i + 1)
            i = i + 2
        else
            if c == '"' then quoted = not quoted end
            if c == " " and not quoted then
                if #token > 0 then tokens[#tokens + 1] = concat(token) end
                token = {}
            else
                token[#token + 1] = c
            end
            i = i + 1
        end
    end
    if #token > 0 then tokens[#tokens + 1] = concat(token) end
    return tokens
end

-- An option's value is PARTS when it starts with a quote or N*"...".
local function is_parts(value)
    return value:sub(1, 1) == '"' or value:match("^%d+%*") ~= nil
end

-- An option's value as a string: PARTS, or the text as written.
local function option_value(value)
    if is_parts(value) then return parse_parts(value) end
    return value
end

-- The parts of a case separated by " | ".
local function split_bars(spelling)
    local parts, at = {}, 1
    while true do
        local i = spelling:find(" | ", at, true)
        parts[#parts + 1] = spelling:sub(at, (i or 0) - 1)
        if i == nil then break end
        at = i + 3
    end
    return parts
end

local function parse_check(spelling)
    local parts = split_bars(spelling)
    local code, options, headers, opts = nil, {}, {}, {}
    for _, token in ipairs(split_head(parts[1])) do
        if code == nil then code = tonumber(token) else options[#options + 1] = token end
    end
    for i = 2, #parts do add_field(headers, parts[i]) end
    for _, option in ipairs(options) do
        local key, value = option:match("^([^=]*)=(.*)$")
        if key == "method" or key == "version" or key == "lang" or key == "level" then
            opts[key] = option_value(value)
        elseif key == "content" and is_parts(value) then
            opts.content = parse_parts(value)
        elseif key == "content" then
            opts.content = value == "yes"
        elseif key == "ignore" then
            opts.ignore = {}
            for id in value:gmatch("[^,]+") do opts.ignore[#opts.ignore + 1] = id end
        elseif key == "request" then
            opts.request_headers = opts.request_headers or {}
            if value ~= "" then add_field(opts.request_headers, value) end
        else
            fail("unknown option in a check case: " .. option)
        end
    end
    return code, headers, opts
end

local function dump_check(spelling)
    local ok, findings = pcall(hs.check, parse_check(spelling))
    if not ok and tostring(findings):find("bad argument #%d+ to 'check'") then
        line("check", spelling, "count", "error") -- refused, as docs/reference.md says
        return
    elseif not ok or type(findings) ~= "table" then
        line("check", spelling, "count", "raised:" .. quote(tostring(findings)))
        return
    end
    line("check", spelling, "count", number(#findings))
    for i, finding in ipairs(findings) do
        for _, question in ipairs({ "id", "level", "field", "message", "reference" }) do
            line("check", spelling, i .. "." .. question, answer(finding[question]))
        end
    end
end

-- ---- problem details ----------------------------------------------------------------

-- A small JSON reader for the extension values of cases.txt: objects and
-- arrays as plain tables (no case gives Lua an empty array, which a plain
-- table cannot tell from an empty object), null as hs.null, a number without
-- fraction or exponent as an integer where Lua 5.4 has them, NaN, Infinity
-- and -Infinity as Python's json reads them, \u escapes as UTF-8 (a lone
-- surrogate as its three bytes, which are no UTF-8, as cjson has it).
local function utf8_char(cp)
    if cp < 0x80 then return char(cp) end
    if cp < 0x800 then return char(0xC0 + floor(cp / 64), 0x80 + cp % 64) end
    if cp < 0x10000 then
        return char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
    end
    return char(0xF0 + floor(cp / 262144), 0x80 + floor(cp / 4096) % 64, 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
end

local JSON_ESCAPES = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local function decode_json(text)
    local i = 1
    local value
    local function space() i = text:find("[^ \t\r\n]", i) or #text + 1 end
    local function bad() fail("not JSON at byte " .. i .. ": " .. text) end
    local function str()
        i = i + 1
        local out = {}
        while true do
            local c = text:sub(i, i)
            if c == "" then bad() end
            if c == '"' then i = i + 1; return concat(out) end
            if c == "\\" then
                local e = text:sub(i + 1, i + 1)
                if e == "u" then
                    local cp = tonumber(text:sub(i + 2, i + 5), 16) or bad()
                    i = i + 6
                    local low = text:match("^\\u(%x%x%x%x)", i)
                    if cp >= 0xD800 and cp <= 0xDBFF and low and tonumber(low, 16) >= 0xDC00
                        and tonumber(low, 16) <= 0xDFFF then
                        cp = 0x10000 + (cp - 0xD800) * 1024 + tonumber(low, 16) - 0xDC00
                        i = i + 6
                    end
                    out[#out + 1] = utf8_char(cp)
                else
                    out[#out + 1] = JSON_ESCAPES[e] or bad()
                    i = i + 2
                end
            else
                out[#out + 1] = c
                i = i + 1
            end
        end
    end
    function value()
        space()
        local c = text:sub(i, i)
        if c == "{" then
            local t = {}
            i = i + 1
            space()
            if text:sub(i, i) == "}" then i = i + 1; return t end
            while true do
                space()
                if text:sub(i, i) ~= '"' then bad() end
                local key = str()
                space()
                if text:sub(i, i) ~= ":" then bad() end
                i = i + 1
                t[key] = value()
                space()
                c = text:sub(i, i)
                i = i + 1
                if c == "}" then return t end
                if c ~= "," then bad() end
            end
        elseif c == "[" then
            local t = {}
            i = i + 1
            space()
            if text:sub(i, i) == "]" then fail("an empty array, which Lua cannot give: " .. text) end
            while true do
                t[#t + 1] = value()
                space()
                c = text:sub(i, i)
                i = i + 1
                if c == "]" then return t end
                if c ~= "," then bad() end
            end
        elseif c == '"' then
            return str()
        end
        for word, v in pairs({ ["true"] = true, ["false"] = false, null = hs.null, NaN = 0 / 0,
                               Infinity = huge, ["-Infinity"] = -huge }) do
            if text:sub(i, i + #word - 1) == word then
                i = i + #word
                return v
            end
        end
        local number = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i) or bad()
        i = i + #number
        if is_54 and not number:find("[.eE]") then
            return math.tointeger(tonumber(number)) or tonumber(number .. ".0")
        end
        return tonumber(number)
    end
    local v = value()
    space()
    if i <= #text then bad() end
    return v
end

-- An object as one JSON text with sorted keys, written as Python's
-- json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
-- writes it, to compare objects: a table with keys 1..n is an array, any
-- other table an object; an integral float is written as an integer (cjson
-- under Lua 5.4 reads every number as a float).
local function canonical(v)
    local t = type(v)
    if v == hs.null then return "null" end
    if t == "boolean" then return tostring(v) end
    if t == "number" then
        if v ~= v or v == huge or v == -huge then error("not JSON: " .. tostring(v)) end
        if v == floor(v) and v > -2 ^ 53 and v < 2 ^ 53 then return format("%d", v) end
        return format("%.17g", v)
    end
    if t == "string" then
        return '"' .. v:gsub('[%c"\\]', function(c)
            local short = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n",
                            ["\r"] = "\\r", ["\t"] = "\\t" }
            if short[c] then return short[c] end
            if byte(c) == 0x7F then return c end
            return format("\\u%04x", byte(c))
        end) .. '"'
    end
    if t ~= "table" then error("not JSON: a " .. t) end
    local n, keys = 0, {}
    for k in pairs(v) do
        n = n + 1
        keys[n] = k
    end
    if n > 0 and #v == n then
        local items = {}
        for k = 1, n do items[k] = canonical(v[k]) end
        return "[" .. concat(items, ",") .. "]"
    end
    for _, k in ipairs(keys) do
        if type(k) ~= "string" then error("not JSON: a key of type " .. type(k)) end
    end
    table.sort(keys)
    local members = {}
    for k, key in ipairs(keys) do members[k] = canonical(key) .. ":" .. canonical(v[key]) end
    return "{" .. concat(members, ",") .. "}"
end

local function canonical_answer(v)
    local ok, text = pcall(canonical, v)
    if ok then return quote(text) end
    return "raised:" .. quote(tostring(text))
end

-- A `problem` case (grammar in cases.txt): the code, the members given, the
-- extensions decoded.
local function parse_problem(spelling)
    local parts = split_bars(spelling)
    local tokens = split_head(parts[1])
    local code, given, extensions = tonumber(tokens[1]), {}, {}
    for k = 2, #tokens do
        local key, value = tokens[k]:match("^([^=]*)=(.*)$")
        given[key] = parse_parts(value)
    end
    for k = 2, #parts do
        local name, text = parts[k]:match("^([^:]*):%s*(.*)$")
        if extensions[name] ~= nil then fail("one extension name twice: " .. spelling) end
        extensions[name] = decode_json(text)
    end
    return code, given, extensions
end

-- hs.problem_json and hs.problem of one case: the bytes (json), and for a
-- problem that is written, in section problem_object, the object the case
-- describes (input), hs.problem's table (object) and cjson.decode of the
-- bytes (parsed). Refused: an error in luaL's style from both.
local function dump_problem(section, spelling)
    local code, given, extensions = parse_problem(spelling)
    local opts = { type = given.type, title = given.title, instance = given.instance, extensions = extensions }
    local ok, body = pcall(hs.problem_json, code, given.detail, opts)
    local problem_ok, problem = pcall(hs.problem, code, given.detail, opts)
    local function refused(ok_, result, name)
        return not ok_ and tostring(result):find("bad argument #%d+ to '" .. name .. "'") ~= nil
    end
    if not ok and not refused(ok, body, "problem_json") then
        line(section, spelling, "json", "raised:" .. quote(tostring(body)))
    elseif not problem_ok and not refused(problem_ok, problem, "problem") then
        line(section, spelling, "json", "raised:" .. quote(tostring(problem)))
    elseif ok ~= problem_ok then
        line(section, spelling, "json", "raised:" .. quote("problem_json and problem disagree: "
            .. tostring(body) .. " / " .. tostring(problem)))
    elseif not ok then
        line(section, spelling, "json", "error")
    elseif type(body) ~= "string" or type(problem) ~= "table" then
        line(section, spelling, "json", "raised:" .. quote("problem_json gave a " .. type(body)
            .. ", problem a " .. type(problem)))
    else
        line(section, spelling, "json", quote(body))
        local check_ok, findings = pcall(hs.check, code, { ["Content-Type"] = "application/problem+json" },
            { content = body })
        if check_ok then
            local ids = {}
            for _, finding in ipairs(findings) do
                if finding.id:sub(1, 8) == "problem-" then ids[#ids + 1] = finding.id end
            end
            line(section, spelling, "check", quote(concat(ids, ",")))
        else
            line(section, spelling, "check", "raised:" .. quote(tostring(findings)))
        end
        local expected = { title = given.title or hs.phrase(code), status = code }
        for key, value in pairs(given) do if key ~= "title" then expected[key] = value end end
        for name, value in pairs(extensions) do expected[name] = value end
        local objects = section:gsub("problem", "problem_object")
        line(objects, spelling, "input", canonical_answer(expected))
        line(objects, spelling, "object", canonical_answer(problem))
        local parsed_ok, parsed = pcall(cjson.decode, body)
        line(objects, spelling, "parsed", parsed_ok and canonical_answer(parsed)
            or "raised:" .. quote("cjson.decode: " .. tostring(parsed)))
    end
end

local function dump(cases)
    -- The fields in the surface list's order (core/httpstatus_surface.def);
    -- the predicates are those that are module functions. get.fields checks
    -- that an object holds exactly these, whatever the order pairs gives.
    local fields, predicates = {}, {}
    for i = 0, core.hs_field_count() - 1 do
        local name = core.hs_field_name(i)
        fields[#fields + 1] = name
        if type(hs[name]) == "function" and type(hs.get(404)[name]) == "boolean" then
            predicates[#predicates + 1] = name
        end
    end

    local function dump_code(section, subject, code)
        local got = hs.get(code)
        line(section, subject, "get", ask("get", code))
        if type(got) == "table" then
            local names = {}
            for name in pairs(got) do names[#names + 1] = name end
            table.sort(names)
            line(section, subject, "get.fields", quote(concat(names, ",")))
            for _, field in ipairs(fields) do
                line(section, subject, "get." .. field, answer(got[field]))
            end

            line(section, subject, "get.by_name_is_same", answer(hs.get(got.name) == got))
        end
        local digits = hs.get(subject) -- the code in decimal
        line(section, subject, "get.digits", answer(type(digits) == "table" and digits.code or digits))
        line(section, subject, "phrase", ask("phrase", code))
        line(section, subject, "category", ask("category", code))
        line(section, subject, "description", ask("description", code))
        line(section, subject, "description.en", ask("description", code, "en"))
        line(section, subject, "description.ko", ask("description", code, "ko"))
        for _, predicate in ipairs(predicates) do
            line(section, subject, predicate, ask(predicate, code))
        end
    end

    line("version", "library", "version", answer(hs._VERSION))
    for _, name in ipairs(fields) do
        local is_predicate = false
        for _, p in ipairs(predicates) do is_predicate = is_predicate or p == name end
        line("field", name, "kind", quote(is_predicate and "predicate" or "field"))
    end
    for code = -5, 1000 do
        dump_code("code", tostring(code), code)
    end

    local badargs = {}
    for _, case in ipairs(cases) do
        local kind, rest = case[1], case[2]
        if kind == "function" or kind == "value" then
            -- read by the surface check
        elseif kind == "search" then
            local ok, found = pcall(hs.search, parse_parts(rest))
            if not ok or type(found) ~= "table" then
                line("search", rest, "count", "raised:" .. quote(tostring(found)))
            else
                line("search", rest, "count", number(#found))
                for i, s in ipairs(found) do
                    line("search", rest, tostring(i), answer(type(s) == "table" and s.code or s))
                end
            end
        elseif kind == "string" then
            local text = parse_parts(rest)
            line("string", rest, "bytes", number(#text))
            line("string", rest, "get", ask("get", text))
            local got = hs.get(text)
            if type(got) == "table" then
                line("string", rest, "get.code", answer(got.code))
                line("string", rest, "get.name", answer(got.name))
            end
        elseif kind == "lang" then
            local lang = parse_parts(rest)
            for _, code in ipairs({ 404, 299, -1 }) do
                line(lang:find("\0", 1, true) and "lang_nul" or "lang", rest,
                    "description(" .. code .. ")", ask("description", code, lang))
            end
        elseif kind == "int" then
            local v = integer(rest)
            dump_code((v >= -2 ^ 31 and v < 2 ^ 31) and "int" or "bigint", rest, v)
        elseif kind == "check" then
            dump_check(rest)
        elseif kind == "badarg" then
            badargs[#badargs + 1] = { rest, badarg_value(rest) }
        elseif kind == "problem_every_code" then
            for _, s in ipairs(hs.all()) do
                dump_problem("problem", s.code .. " detail=" .. rest)
            end
        elseif kind == "problem" or kind == "badproblem" or kind == "badproblem_nopy" then
            dump_problem(kind, rest)
        elseif kind == "problem_nolua" or kind == "badproblem_c" or kind == "badproblem_nolua" then
            -- what Lua cannot say: an empty array, one name twice, a key twice, a float that is integral
        else
            fail("unknown case " .. kind .. " " .. rest)
        end
    end

    local names = { "get", "phrase", "category", "description" }
    for _, predicate in ipairs(predicates) do names[#names + 1] = predicate end
    for _, badarg in ipairs(badargs) do
        local label, value = badarg[1], badarg[2]
        for _, name in ipairs(names) do
            line("badarg", label, name, ask(name, value))
        end
        if value ~= nil then -- nil is "no lang": see the lua section
            line("badarg", label, "description.lang", ask("description", 404, value))
        end
    end

    -- Constants: every key with a number value, sorted by bytes.
    local constants = {}
    for name, v in pairs(hs) do
        if type(v) == "number" then constants[#constants + 1] = name end
    end
    table.sort(constants)
    for _, name in ipairs(constants) do
        line("constant", name, "value", answer(hs[name]))
        local got = hs.get(name)
        line("constant", name, "get.code", answer(type(got) == "table" and got.code or got))
        line("constant", name, "get.name", answer(type(got) == "table" and got.name or got))
    end

    local everything = hs.all()
    line("all", "count", "length", number(#everything))
    for i, s in ipairs(everything) do
        line("all", tostring(i), "code", answer(s.code))
        line("all", tostring(i), "name", answer(s.name))
        line("all", tostring(i), "is_get", answer(hs.get(s.code) == s))
    end

    local codes, count = {}, 0
    for code in pairs(hs.phrases) do
        count = count + 1
        codes[count] = code
    end
    table.sort(codes)
    line("phrases", "count", "length", number(count))
    for _, code in ipairs(codes) do
        line("phrases", number(code), "phrase", answer(hs.phrases[code]))
    end

    -- Compared between Lua 5.4 and LuaJIT only: what only Lua accepts.
    local only = {
        { "404.0", "get", "get", 404.0 },
        { "404.0", "phrase", "phrase", 404.0 },
        { "404.0", "is_valid", "is_valid", 404.0 },
        { "404.0", "category", "category", 404.0 },
        { "-0.0", "get", "get", -0.0 },
        { "-0.0", "is_valid", "is_valid", -0.0 },
        { "1e300", "is_valid", "is_valid", 1e300 },
        { "1e300", "get", "get", 1e300 },
    }
    for _, case in ipairs(only) do
        line("lua", case[1], case[2], ask(case[3], case[4]))
    end
    line("lua", "nil", "description.lang", ask("description", 404, nil))
    line("lua", '"404"', "get.code", answer((hs.get("404") or {}).code))
    line("lua", "get(404)", "tostring", answer(tostring(hs.get(404))))
end

if mode == "surface" then dump_surface() else dump(read_cases(cases_path)) end
io.stdout:write(concat(out))
