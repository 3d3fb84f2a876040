-- Prints the request paths tests/load/wrk_api.lua cycles through, one a
-- line, from the module itself (so the test keeps no list of codes or names
-- of its own): for every status, its code, its canonical name, each alias,
-- its phrase and its name in lower case with spaces; then keys that must
-- find nothing. Each path carries the code the handler must find (0: none).
--   luajit tests/load/make_paths.lua   (LUA_PATH/LUA_CPATH at a LuaJIT build)
local hs = require "httpstatus"

local function escape(s)
    return (s:gsub("[^%w_.~-]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function path(key, code)
    return string.format("/api?key=%s&code=%d", escape(key), code)
end

local names = {}
for key, value in pairs(hs) do
    if type(key) == "string" and key:match("^[A-Z][A-Z0-9_]*$") and type(value) == "number" then
        names[#names + 1] = key
    end
end
table.sort(names)

local out = {}
for _, s in ipairs(hs.all()) do
    out[#out + 1] = path(tostring(s.code), s.code)
    out[#out + 1] = path(s.phrase, hs.get(s.phrase).code) -- a phrase may also be another row's name
    out[#out + 1] = path(s.name:lower():gsub("_", " "), s.code)
end
for _, name in ipairs(names) do
    out[#out + 1] = path(name, hs[name])
end
for _, key in ipairs{ "NO_SUCH_STATUS", "", "600", "99", "-404", "NOT_FOUND\0x", "\239\188\148\239\188\144\239\188\148",
                      string.rep("A", 4000) } do
    out[#out + 1] = path(key, 0)
end
io.write(table.concat(out, "\n"), "\n")
