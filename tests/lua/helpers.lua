--[[
Small helpers shared by the specs (busted runs only *_spec.lua):

    local helpers = dofile(spec_dir .. "helpers.lua")
    helpers.error_of(f, ...)      the message of the error f(...) raises
    helpers.json_library(name)    require(name), or nil when it is not installed
]]
local M = {}

-- pcall(f, ...) returning the error message exactly (f is called from pcall,
-- a C function, so no position is prefixed).
function M.error_of(f, ...)
    local ok, err = pcall(f, ...)
    assert(not ok, "expected an error")
    return err
end

-- A JSON library, or nil when it is not installed (the test then says so).
function M.json_library(name)
    local ok, lib = pcall(require, name)
    if ok then return lib end
    return nil
end

return M
