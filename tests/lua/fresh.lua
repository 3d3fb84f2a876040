--[[
Shared by the specs (busted runs only *_spec.lua): runs a Lua chunk in a fresh
interpreter, the one running the specs (ctest sets HS_LUA), with the same
LUA_PATH / LUA_CPATH, and returns everything it wrote (stdout and stderr). A
crash in the child shows as missing output instead of killing busted.

    local run_fresh = dofile(spec_dir .. "fresh.lua")
]]
local interpreter = os.getenv("HS_LUA") or (jit and "luajit" or "lua5.4")

return function(chunk)
    local name = os.tmpname()
    local file = assert(io.open(name, "w"))
    file:write(chunk)
    file:close()
    local pipe = assert(io.popen(string.format("%q %q 2>&1", interpreter, name)))
    local out = pipe:read("*a")
    pipe:close()
    os.remove(name)
    return out
end
