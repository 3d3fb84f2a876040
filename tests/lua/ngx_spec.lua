-- require "httpstatus.ngx" outside nginx: the helper needs nginx's ngx API
-- (tests/nginx/test_ngx_helper.sh runs it in a real nginx), and says so
-- instead of failing on a nil index.
describe("httpstatus.ngx outside nginx", function()
    it("is an error that says where it runs and what to use instead", function()
        assert.is_nil(rawget(_G, "ngx"))
        local ok, err = pcall(require, "httpstatus.ngx")
        assert.is_false(ok)
        assert.is_truthy(err:find("httpstatus.ngx runs inside nginx with its Lua module (OpenResty): there is no "
            .. "ngx API here; outside nginx, use require(\"httpstatus\").check", 1, true), err)
    end)

    it("is found beside httpstatus, in the same directory", function()
        local helper = assert(package.searchpath("httpstatus.ngx", package.path))
        local module = assert(package.searchpath("httpstatus", package.path))
        assert.are.equal(module:match("^(.*)/init%.lua$"), helper:match("^(.*)/ngx%.lua$"))
    end)
end)
