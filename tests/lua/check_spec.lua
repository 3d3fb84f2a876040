-- hs.check and hs.rules: the response rules of the contract, under Lua 5.4 and
-- LuaJIT. Every expectation here is written from the rules' text (which
-- rule fires for which status, fields and request), not read from the core.
local helpers = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "helpers.lua")
local hs = require "httpstatus"

-- run_fresh(chunk): the chunk's output from a fresh interpreter (fresh.lua).
local run_fresh = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "fresh.lua")

local DATE = "Tue, 15 Nov 1994 08:12:31 GMT"

-- The ids of a list of findings, in order.
local function ids(findings)
    local list = {}
    for i, f in ipairs(findings) do list[i] = f.id end
    return list
end

-- A list's items in a plain table (no metatable).
local function copy(list)
    local c = {}
    for i, v in ipairs(list) do c[i] = v end
    return c
end

-- The ids check gives.
local function check_ids(status, headers, opts)
    return ids(hs.check(status, headers, opts))
end

-- A copy of a headers table with more fields.
local function with(headers, more)
    local copy = {}
    for k, v in pairs(headers) do copy[k] = v end
    for k, v in pairs(more) do copy[k] = v end
    return copy
end

local error_of = helpers.error_of

-- The two tables of the contract, in order: id, level, the field a finding
-- names, and the section numbers of the reference.
local RULES = {
    { "status-invalid", "must", nil, { "RFC 9110", "15" } },
    { "status-unregistered", "info", nil, { "RFC 9110", "16.2.1" } },
    { "status-obsolete", "should", nil, { "RFC 9110", "15.4.6", "15.4.7" } },
    { "upgrade-missing", "must", "Upgrade", { "RFC 9110", "15.2.2", "15.5.22" } },
    { "www-authenticate-missing", "must", "WWW-Authenticate", { "RFC 9110", "15.5.2" } },
    { "proxy-authenticate-missing", "must", "Proxy-Authenticate", { "RFC 9110", "15.5.8" } },
    { "allow-missing", "must", "Allow", { "RFC 9110", "15.5.6" } },
    { "content-range-missing", "must", "Content-Range", { "RFC 9110", "15.3.7" } },
    { "content-range-suggested", "should", "Content-Range", { "RFC 9110", "15.5.17" } },
    { "location-missing", "should", "Location", { "RFC 9110", "15.4" } },
    { "location-suggested", "info", "Location", { "RFC 9110", "15.3.2", "15.4.1" } },
    { "retry-after-suggested", "info", "Retry-After", { "RFC 9110", "15.5.14", "15.6.4", "RFC 6585", "4" } },
    { "date-missing", "must", "Date", { "RFC 9110", "6.6.1" } },
    { "content-length-forbidden", "must", "Content-Length", { "RFC 9110", "8.6" } },
    { "transfer-encoding-forbidden", "must", "Transfer-Encoding", { "RFC 9112", "6.1" } },
    { "content-forbidden", "must", nil, { "RFC 9110", "9.3.2", "15.3.5", "15.3.6", "15.4.5" } },
    { "metadata-in-304", "should", "Content-Type", { "RFC 9110", "15.4.5" } },
    { "informational-to-http10", "must", nil, { "RFC 9110", "15.2" } },
    { "switching-over-http2", "must", nil, { "RFC 9113", "8.6", "RFC 9114", "4.5" } },
    { "upgrade-unrequested", "must", "Upgrade", { "RFC 9110", "7.8" } },
    { "continue-unexpected", "info", "Expect", { "RFC 9110", "10.1.1" } },
    { "created-by-safe-method", "should", nil, { "RFC 9110", "9.2.1" } },
    { "partial-unrequested", "should", "Range", { "RFC 9110", "15.3.7" } },
    { "range-unrequested", "should", "Range", { "RFC 9110", "15.5.17" } },
    { "not-modified-unconditional", "should", nil, { "RFC 9110", "15.4.5" } },
    { "precondition-unrequested", "should", nil, { "RFC 9110", "15.5.13" } },
    { "expectation-unrequested", "should", "Expect", { "RFC 9110", "15.5.18" } },
    { "method-in-allow", "should", "Allow", { "RFC 9110", "15.5.6" } },
    { "negotiation-unrequested", "info", nil, { "RFC 9110", "15.5.7" } },
    { "location-invalid", "must", "Location", { "RFC 9110", "10.2.2", "RFC 3986", "4.1" } },
    { "location-undefined", "info", "Location", { "RFC 9110", "10.2.2" } },
    { "allow-invalid", "must", "Allow", { "RFC 9110", "10.2.1" } },
    { "retry-after-invalid", "must", "Retry-After", { "RFC 9110", "10.2.3", "5.6.7" } },
    { "date-invalid", "must", "Date", { "RFC 9110", "5.6.7", "6.6.1" } },
    { "content-length-invalid", "must", "Content-Length", { "RFC 9110", "8.6", "RFC 9112", "6.3" } },
    { "content-range-invalid", "must", "Content-Range", { "RFC 9110", "14.4" } },
    { "content-range-unsatisfied-in-206", "must", "Content-Range", { "RFC 9110", "14.4", "15.3.7.1" } },
    { "content-range-undefined", "info", "Content-Range", { "RFC 9110", "14.4" } },
    { "www-authenticate-invalid", "must", "WWW-Authenticate", { "RFC 9110", "11.6.1", "11.3" } },
    { "proxy-authenticate-invalid", "must", "Proxy-Authenticate", { "RFC 9110", "11.7.1", "11.3" } },
    { "upgrade-invalid", "must", "Upgrade", { "RFC 9110", "7.8" } },
    { "problem-invalid", "must", nil, { "RFC 9457", "3" } },
    { "problem-status-mismatch", "must", nil, { "RFC 9457", "3.1.2" } },
    { "problem-member-type", "should", nil, { "RFC 9457", "3.1" } },
    { "problem-title-differs", "info", nil, { "RFC 9457", "4.2.1" } },
}

local function range(lo, hi)
    local list = {}
    for c = lo, hi do list[#list + 1] = c end
    return list
end

-- The codes each rule can apply to, from its "fires when" column.
local CODES = {
    ["status-invalid"] = {},
    ["status-unregistered"] = "unofficial",
    ["status-obsolete"] = { 305, 306 },
    ["upgrade-missing"] = { 101, 426 },
    ["www-authenticate-missing"] = { 401 },
    ["proxy-authenticate-missing"] = { 407 },
    ["allow-missing"] = { 405 },
    ["content-range-missing"] = { 206 },
    ["content-range-suggested"] = { 416 },
    ["location-missing"] = { 301, 302, 303, 307, 308 },
    ["location-suggested"] = { 201, 300 },
    ["retry-after-suggested"] = { 413, 429, 503 },
    ["date-missing"] = range(200, 499),
    ["content-length-forbidden"] = range(100, 299), -- 1xx, 204, and any 2xx to CONNECT
    ["transfer-encoding-forbidden"] = range(100, 299),
    ["content-forbidden"] = range(100, 599),        -- any response to HEAD
    ["metadata-in-304"] = { 304 },
    ["informational-to-http10"] = range(100, 199),
    ["switching-over-http2"] = { 101 },
    ["upgrade-unrequested"] = { 101 },
    ["continue-unexpected"] = { 100 },
    ["created-by-safe-method"] = { 201 },
    ["partial-unrequested"] = { 206 },
    ["range-unrequested"] = { 416 },
    ["not-modified-unconditional"] = { 304 },
    ["precondition-unrequested"] = { 412 },
    ["expectation-unrequested"] = { 417 },
    ["method-in-allow"] = { 405 },
    ["negotiation-unrequested"] = { 406 },
    -- the values, on any code where the field appears
    ["location-invalid"] = range(100, 599),
    ["location-undefined"] = {},  -- below: not 201, not 3xx
    ["allow-invalid"] = range(100, 599),
    ["retry-after-invalid"] = range(100, 599),
    ["date-invalid"] = range(100, 599),
    ["content-length-invalid"] = range(100, 599),
    ["content-range-invalid"] = range(100, 599),
    ["content-range-unsatisfied-in-206"] = { 206 },
    ["content-range-undefined"] = {}, -- below: not 206, not 416
    ["www-authenticate-invalid"] = range(100, 599),
    ["proxy-authenticate-invalid"] = range(100, 599),
    ["upgrade-invalid"] = range(100, 599),
    -- any response may carry a problem body; its title is compared with a phrase
    ["problem-invalid"] = range(100, 599),
    ["problem-status-mismatch"] = range(100, 599),
    ["problem-member-type"] = range(100, 599),
    ["problem-title-differs"] = "known",
}
for c = 100, 599 do
    if c ~= 201 and (c < 300 or c > 399) then table.insert(CODES["location-undefined"], c) end
    if c ~= 206 and c ~= 416 then table.insert(CODES["content-range-undefined"], c) end
end

-- The IANA registry (as in api_spec.lua): status-unregistered applies to
-- every other valid code.
local IANA = {}
for _, c in ipairs{ 100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
                    300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406,
                    407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424,
                    425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510,
                    511 } do
    IANA[c] = true
end
do
    local unofficial = {}
    for c = 100, 599 do
        if not IANA[c] then unofficial[#unofficial + 1] = c end
    end
    CODES["status-unregistered"] = unofficial
    local known = {}
    for c = 100, 599 do
        if hs.get(c) then known[#known + 1] = c end
    end
    CODES["problem-title-differs"] = known
end

-- Every rule on a minimal response that breaks it (all the ids that must
-- fire), and on the same response fixed (nothing fires).
-- { rule, status, headers, opts, expected ids, fixed headers, fixed opts }
local D = { date = DATE }
local PJ = with(D, { ["content-type"] = "application/problem+json" })
local CASES = {
    { "status-invalid", 600, {}, nil, { "status-invalid" }, nil, nil, 200, D },
    { "status-unregistered", 499, D, nil, { "status-unregistered" }, nil, nil, 404, D },
    { "status-unregistered", 520, {}, nil, { "status-unregistered" }, nil, nil, 502, {} },
    { "status-obsolete", 305, D, nil, { "status-obsolete" }, nil, nil, 307, with(D, { location = "/x" }) },
    { "status-obsolete", 306, D, nil, { "status-obsolete" }, nil, nil, 307, with(D, { location = "/x" }) },
    { "upgrade-missing", 101, {}, nil, { "upgrade-missing" }, { upgrade = "websocket" } },
    { "upgrade-missing", 426, D, nil, { "upgrade-missing" }, with(D, { upgrade = "TLS/1.2" }) },
    { "www-authenticate-missing", 401, D, nil, { "www-authenticate-missing" },
      with(D, { ["www-authenticate"] = 'Basic realm="x"' }) },
    { "proxy-authenticate-missing", 407, D, nil, { "proxy-authenticate-missing" },
      with(D, { ["proxy-authenticate"] = 'Basic realm="x"' }) },
    { "allow-missing", 405, D, nil, { "allow-missing" }, with(D, { allow = "GET, HEAD" }) },
    { "content-range-missing", 206, D, nil, { "content-range-missing" },
      with(D, { ["content-range"] = "bytes 0-9/100" }) },
    { "content-range-missing", 206, with(D, { ["content-type"] = "multipart/mixed" }), nil,
      { "content-range-missing" }, with(D, { ["content-type"] = "multipart/byteranges; boundary=THIS" }) },
    { "content-range-missing", 206, with(D, { ["content-type"] = "text/plain" }), nil,
      { "content-range-missing" }, with(D, { ["content-type"] = "Multipart/ByteRanges;boundary=x" }) },
    { "content-range-suggested", 416, D, nil, { "content-range-suggested" },
      with(D, { ["content-range"] = "bytes */100" }) },
    { "location-missing", 301, D, nil, { "location-missing" }, with(D, { location = "/new" }) },
    { "location-missing", 302, D, nil, { "location-missing" }, with(D, { location = "/new" }) },
    { "location-missing", 303, D, nil, { "location-missing" }, with(D, { location = "/new" }) },
    { "location-missing", 307, D, nil, { "location-missing" }, with(D, { location = "/new" }) },
    { "location-missing", 308, D, nil, { "location-missing" }, with(D, { location = "/new" }) },
    { "location-suggested", 201, D, nil, { "location-suggested" }, with(D, { location = "/items/1" }) },
    { "location-suggested", 300, D, nil, { "location-suggested" }, with(D, { location = "/a" }) },
    { "retry-after-suggested", 413, D, nil, { "retry-after-suggested" }, with(D, { ["retry-after"] = "5" }) },
    { "retry-after-suggested", 429, D, nil, { "retry-after-suggested" }, with(D, { ["retry-after"] = "5" }) },
    { "retry-after-suggested", 503, {}, nil, { "retry-after-suggested" }, { ["retry-after"] = "5" } },
    { "date-missing", 200, {}, nil, { "date-missing" }, D },
    { "date-missing", 304, {}, nil, { "date-missing" }, D },
    { "date-missing", 404, {}, nil, { "date-missing" }, D },
    { "date-missing", 299, {}, nil, { "status-unregistered", "date-missing" }, D, nil, nil, nil,
      { "status-unregistered" } },
    { "content-length-forbidden", 204, with(D, { ["content-length"] = "0" }), nil, { "content-length-forbidden" }, D },
    { "content-length-forbidden", 103, { ["content-length"] = "0" }, nil, { "content-length-forbidden" }, {} },
    { "content-length-forbidden", 200, with(D, { ["content-length"] = "0" }), { method = "CONNECT" },
      { "content-length-forbidden" }, D, nil },
    { "content-length-forbidden", 200, with(D, { ["content-length"] = "0" }), { method = "CONNECT" },
      { "content-length-forbidden" }, nil, { method = "GET" } },
    { "transfer-encoding-forbidden", 204, with(D, { ["transfer-encoding"] = "chunked" }), nil,
      { "transfer-encoding-forbidden" }, D },
    { "transfer-encoding-forbidden", 100, { ["transfer-encoding"] = "chunked" }, nil,
      { "transfer-encoding-forbidden" }, {} },
    { "transfer-encoding-forbidden", 204, with(D, { ["transfer-encoding"] = "chunked" }), { method = "CONNECT" },
      { "transfer-encoding-forbidden" }, D, { method = "CONNECT" } },
    { "transfer-encoding-forbidden", 201, with(D, { ["transfer-encoding"] = "chunked", location = "/t" }),
      { method = "CONNECT" }, { "transfer-encoding-forbidden" }, nil, { method = "POST" } },
    { "content-forbidden", 204, D, { content = true }, { "content-forbidden" }, nil, { content = false } },
    { "content-forbidden", 205, D, { content = true }, { "content-forbidden" }, nil, {} },
    { "content-forbidden", 304, D, { content = true }, { "content-forbidden" }, nil, { content = false } },
    { "content-forbidden", 102, {}, { content = true }, { "content-forbidden" }, nil, { content = false } },
    { "content-forbidden", 200, D, { content = true, method = "HEAD" }, { "content-forbidden" }, nil,
      { content = true, method = "GET" } },
    { "content-forbidden", 503, with(D, { ["retry-after"] = "1" }), { content = true, method = "HEAD" },
      { "content-forbidden" }, nil, { content = false, method = "HEAD" } },
    { "metadata-in-304", 304, with(D, { ["content-type"] = "text/html" }), nil, { "metadata-in-304" },
      with(D, { etag = '"x"' }) },
    { "metadata-in-304", 304, with(D, { ["content-encoding"] = "gzip" }), nil, { "metadata-in-304" }, D },
    { "metadata-in-304", 304, with(D, { ["content-language"] = "ko" }), nil, { "metadata-in-304" }, D },
    { "informational-to-http10", 103, {}, { version = "1.0" }, { "informational-to-http10" }, nil,
      { version = "1.1" } },
    { "informational-to-http10", 100, {}, { version = "1.0" }, { "informational-to-http10" }, nil, {} },
    { "switching-over-http2", 101, { upgrade = "h2c" }, { version = "2" }, { "switching-over-http2" }, nil,
      { version = "1.1" } },
    { "switching-over-http2", 101, { upgrade = "h2c" }, { version = "3" }, { "switching-over-http2" }, nil,
      { version = "1.1" } },
    { "upgrade-unrequested", 101, { upgrade = "websocket" }, { request_headers = {} }, { "upgrade-unrequested" },
      nil, { request_headers = { upgrade = "websocket", connection = "upgrade" } } },
    { "continue-unexpected", 100, {}, { request_headers = {} }, { "continue-unexpected" }, nil,
      { request_headers = { expect = "100-continue" } } },
    { "continue-unexpected", 100, {}, { request_headers = { expect = "something-else" } },
      { "continue-unexpected" }, nil, { request_headers = { Expect = "100-Continue" } } },
    { "created-by-safe-method", 201, with(D, { location = "/1" }), { method = "GET" }, { "created-by-safe-method" },
      nil, { method = "POST" } },
    { "created-by-safe-method", 201, with(D, { location = "/1" }), { method = "HEAD" },
      { "created-by-safe-method" }, nil, { method = "PUT" } },
    { "created-by-safe-method", 201, with(D, { location = "/1" }), { method = "OPTIONS" },
      { "created-by-safe-method" }, nil, { method = "get" } }, -- methods are case-sensitive
    { "created-by-safe-method", 201, with(D, { location = "/1" }), { method = "TRACE" },
      { "created-by-safe-method" }, nil, {} },
    { "partial-unrequested", 206, with(D, { ["content-range"] = "bytes 0-9/100" }), { request_headers = {} },
      { "partial-unrequested" }, nil, { request_headers = { range = "bytes=0-9" } } },
    { "range-unrequested", 416, with(D, { ["content-range"] = "bytes */100" }), { request_headers = {} },
      { "range-unrequested" }, nil, { request_headers = { Range = "bytes=200-" } } },
    { "not-modified-unconditional", 304, D, { method = "POST" }, { "not-modified-unconditional" }, nil,
      { method = "GET" } },
    { "not-modified-unconditional", 304, D, { request_headers = {} }, { "not-modified-unconditional" }, nil,
      { request_headers = { ["if-none-match"] = '"x"' } } },
    { "not-modified-unconditional", 304, D, { method = "GET", request_headers = { ["if-match"] = '"x"' } },
      { "not-modified-unconditional" }, nil,
      { method = "HEAD", request_headers = { ["If-Modified-Since"] = DATE } } },
    { "precondition-unrequested", 412, D, { request_headers = {} }, { "precondition-unrequested" }, nil,
      { request_headers = { ["if-match"] = '"x"' } } },
    { "precondition-unrequested", 412, D, { request_headers = { accept = "*/*" } }, { "precondition-unrequested" },
      nil, { request_headers = { ["If-None-Match"] = "*" } } },
    { "precondition-unrequested", 412, D, { request_headers = {} }, { "precondition-unrequested" }, nil,
      { request_headers = { ["if-modified-since"] = DATE } } },
    { "precondition-unrequested", 412, D, { request_headers = {} }, { "precondition-unrequested" }, nil,
      { request_headers = { ["if-unmodified-since"] = DATE } } },
    { "precondition-unrequested", 412, D, { request_headers = {} }, { "precondition-unrequested" }, nil,
      { request_headers = { ["if-range"] = '"x"' } } },
    { "expectation-unrequested", 417, D, { request_headers = {} }, { "expectation-unrequested" }, nil,
      { request_headers = { expect = "100-continue" } } },
    { "method-in-allow", 405, with(D, { allow = "GET, HEAD" }), { method = "GET" }, { "method-in-allow" }, nil,
      { method = "DELETE" } },
    { "method-in-allow", 405, with(D, { allow = { "HEAD", "PUT,GET" } }), { method = "GET" }, { "method-in-allow" },
      with(D, { allow = { "HEAD", "PUT,GETX" } }), nil },
    { "method-in-allow", 405, with(D, { Allow = " POST ,, GET " }), { method = "POST" },
      { "method-in-allow", "allow-invalid" }, with(D, { Allow = "post, get" }), nil }, -- ",,": an empty member
    { "negotiation-unrequested", 406, D, { request_headers = {} }, { "negotiation-unrequested" }, nil,
      { request_headers = { accept = "application/json" } } },
    { "negotiation-unrequested", 406, D, { request_headers = {} }, { "negotiation-unrequested" }, nil,
      { request_headers = { ["accept-charset"] = "utf-8" } } },
    { "negotiation-unrequested", 406, D, { request_headers = {} }, { "negotiation-unrequested" }, nil,
      { request_headers = { ["Accept-Encoding"] = "gzip" } } },
    { "negotiation-unrequested", 406, D, { request_headers = {} }, { "negotiation-unrequested" }, nil,
      { request_headers = { ["ACCEPT-LANGUAGE"] = "ko" } } },
    -- the values
    { "location-invalid", 302, with(D, { location = "/a path" }), nil, { "location-invalid" },
      with(D, { location = "/a%20path" }) },
    { "location-invalid", 301, with(D, { location = { "/a", "/b" } }), nil, { "location-invalid" },
      with(D, { location = { "/a", "/a" } }) },
    { "location-invalid", 303, with(D, { location = "/a", Location = "/b" }), nil, { "location-invalid" },
      with(D, { location = "/a", Location = " /a " }) }, -- one field in two cases, in any order
    { "location-undefined", 200, with(D, { location = "/a" }), nil, { "location-undefined" }, D },
    { "allow-invalid", 405, with(D, { allow = "GET POST" }), nil, { "allow-invalid" },
      with(D, { allow = "GET, POST" }) },
    { "allow-invalid", 405, with(D, { allow = { "GET", "" } }), nil, { "allow-invalid" },
      with(D, { allow = { "GET", "POST" } }) },
    { "retry-after-invalid", 503, { ["retry-after"] = "5s" }, nil, { "retry-after-invalid" },
      { ["retry-after"] = "5" } },
    { "retry-after-invalid", 503, { ["retry-after"] = { "5", "6" } }, nil, { "retry-after-invalid" },
      { ["retry-after"] = { "5", "5" } } },
    { "date-invalid", 200, { date = "Sat, 05 Dec 2026 06:00:00 UTC" }, nil, { "date-invalid" },
      { date = "Sat, 05 Dec 2026 06:00:00 GMT" } },
    { "date-invalid", 200, { date = "Fri, 05 Dec 2026 06:00:00 GMT" }, nil, { "date-invalid" }, D }, -- a Saturday
    { "content-length-invalid", 200, with(D, { ["content-length"] = { "42", "43" } }), nil,
      { "content-length-invalid" }, with(D, { ["content-length"] = { "42", "42" } }) },
    { "content-length-invalid", 200, with(D, { ["content-length"] = "42, 42" }), nil,
      { "content-length-invalid" }, with(D, { ["content-length"] = "42" }) },
    { "content-range-invalid", 206, with(D, { ["content-range"] = "bytes 0-99/50" }), nil,
      { "content-range-invalid" }, with(D, { ["content-range"] = "bytes 0-49/50" }) },
    { "content-range-unsatisfied-in-206", 206, with(D, { ["content-range"] = "bytes */1234" }), nil,
      { "content-range-unsatisfied-in-206" }, with(D, { ["content-range"] = "bytes 0-0/1234" }) },
    { "content-range-undefined", 200, with(D, { ["content-range"] = "bytes 0-0/1" }), nil,
      { "content-range-undefined" }, D },
    { "www-authenticate-invalid", 401, with(D, { ["www-authenticate"] = 'realm="x"' }), nil,
      { "www-authenticate-invalid" }, with(D, { ["www-authenticate"] = 'Basic realm="x"' }) },
    { "www-authenticate-invalid", 401, with(D, { ["www-authenticate"] = { 'Newauth realm="a"', "type=1" } }), nil,
      { "www-authenticate-invalid" }, with(D, { ["www-authenticate"] = { 'Newauth realm="a", type=1', "Basic" } }) },
    { "proxy-authenticate-invalid", 407, with(D, { ["proxy-authenticate"] = "Basic realm=\"x" }), nil,
      { "proxy-authenticate-invalid" }, with(D, { ["proxy-authenticate"] = 'Basic realm="x"' }) },
    { "upgrade-invalid", 426, with(D, { upgrade = "web socket" }), nil, { "upgrade-invalid" },
      with(D, { upgrade = "websocket" }) },
    -- a problem-details body: the content itself, with Content-Type application/problem+json
    { "problem-invalid", 404, PJ, { content = "Not Found" }, { "problem-invalid" }, nil,
      { content = '{"title":"Not Found","status":404}' } },
    { "problem-invalid", 500, PJ, { content = '[{"status":500}]' }, { "problem-invalid" }, nil,
      { content = '{"status":500}' } },
    { "problem-invalid", 400, PJ, { content = '{"status":400}{}' }, { "problem-invalid" }, nil,
      { content = ' {"status":400}\n' } },
    { "problem-invalid", 400, PJ, { content = '{"status":400,}' }, { "problem-invalid" }, with(D, {
      ["content-type"] = "application/json" }) }, -- the rules read only a problem+json body
    { "problem-status-mismatch", 404, PJ, { content = '{"title":"Not Found","status":400}' },
      { "problem-status-mismatch" }, nil, { content = '{"title":"Not Found","status":404}' } },
    { "problem-status-mismatch", 503, with(PJ, { ["retry-after"] = "5" }), { content = '{"status":500}' },
      { "problem-status-mismatch" }, nil, { content = '{"detail":"no status member is no mismatch"}' } },
    { "problem-member-type", 404, PJ, { content = '{"status":"404"}' }, { "problem-member-type" }, nil,
      { content = '{"status":404}' } },
    { "problem-member-type", 404, PJ, { content = '{"title":["Not Found"]}' }, { "problem-member-type" }, nil,
      { content = '{"title":"Not Found"}' } },
    { "problem-member-type", 404, PJ, { content = '{"detail":42,"instance":null}' }, { "problem-member-type" }, nil,
      { content = '{"detail":"42","instance":"/x","balance":42}' } }, -- extensions may be of any type
    { "problem-title-differs", 404, PJ, { content = '{"title":"Missing","status":404}' },
      { "problem-title-differs" }, nil, { content = '{"type":"https://example.com/missing","title":"Missing"}' } },
    { "problem-title-differs", 404, PJ, { content = '{"type":"about:blank","title":"Missing"}' },
      { "problem-title-differs" }, nil, { content = '{"type":"about:blank","title":"Not Found"}' } },
}

describe("check: every rule", function()
    local covered = {}
    for _, case in ipairs(CASES) do
        local rule, status, headers, opts, expected = case[1], case[2], case[3], case[4], case[5]
        local fixed_headers, fixed_opts = case[6] or headers, case[7] or opts
        local fixed_status, fixed_expected = case[8] or status, case[10] or {}
        if case[9] then fixed_headers = case[9] end
        covered[rule] = true
        it(string.format("%s fires on a minimal %d and stays silent on the fixed one", rule, status), function()
            assert.are.same(expected, check_ids(status, headers, opts))
            assert.are.same(fixed_expected, check_ids(fixed_status, fixed_headers, fixed_opts))
        end)
    end

    it("has a case for every rule of the contract", function()
        for _, r in ipairs(RULES) do
            assert.is_true(covered[r[1]], r[1])
        end
    end)

    it("gives findings with the rule's id, level, field, message and reference", function()
        local rules = {}
        for _, r in ipairs(hs.rules()) do rules[r.id] = r end
        for _, case in ipairs(CASES) do
            for _, f in ipairs(hs.check(case[2], case[3], case[4])) do
                local r = rules[f.id]
                assert.are.equal(r.level, f.level)
                assert.are.equal(r.message, f.message)
                assert.are.equal(r.reference, f.reference)
                if f.id ~= "metadata-in-304" then assert.are.equal(r.field, f.field, f.id) end
            end
        end
        local f = hs.check(405, D)[1]
        assert.are.equal("allow-missing", f.id)
        assert.are.equal("must", f.level)
        assert.are.equal("Allow", f.field)
        assert.are.equal("RFC 9110, Section 15.5.6", f.reference)
        assert.is_truthy(f.message:find("Allow", 1, true))
        assert.is_nil(hs.check(600, {})[1].field)
    end)

    it("names the metadata field a 304 carries", function()
        local function field(headers) return hs.check(304, with(D, headers))[1].field end
        assert.are.equal("Content-Type", field{ ["content-type"] = "text/html" })
        assert.are.equal("Content-Encoding", field{ ["content-encoding"] = "gzip" })
        assert.are.equal("Content-Language", field{ ["Content-Language"] = "en" })
        assert.are.equal("Content-Type", field{ ["content-language"] = "en", ["content-type"] = "text/html" })
        assert.are.equal(1, #hs.check(304, with(D, { ["content-language"] = "en", ["content-encoding"] = "br" })))
    end)
end)

describe("check: the status", function()
    it("outside 100..599 gives status-invalid and nothing else", function()
        local everything = { content = true, method = "HEAD", version = "1.0", request_headers = {} }
        for _, code in ipairs{ -1, 0, 1, 99, 600, 999, 1000, -404, 2 ^ 31, 2 ^ 32 + 200, 2 ^ 53, -2 ^ 63, 2 ^ 100 } do
            assert.are.same({ "status-invalid" }, check_ids(code, {}), tostring(code))
            assert.are.same({ "status-invalid" }, check_ids(code, { ["content-length"] = "1" }, everything))
        end
        if math.type then
            assert.are.same({ "status-invalid" }, check_ids(math.maxinteger, {}))
            assert.are.same({ "status-invalid" }, check_ids(math.mininteger + 200, {}))
        end
    end)

    it("takes integral floats as the code", function()
        assert.are.same(check_ids(405, {}), check_ids(405.0, {}))
        assert.are.same({ "allow-missing", "date-missing" }, check_ids(405.0, {}))
    end)

    it("applies date-missing to every code from 200 to 499, unofficial ones included, and no other", function()
        for code = 100, 599 do
            local fires = false
            for _, id in ipairs(check_ids(code, {})) do
                if id == "date-missing" then fires = true end
            end
            assert.are.equal(code >= 200 and code <= 499, fires, code)
        end
    end)

    it("gives nothing for a plain 200 with Date, 204 and 404", function()
        assert.are.same({}, hs.check(200, D))
        assert.are.same({}, hs.check(204, D))
        assert.are.same({}, hs.check(404, D, { method = "GET", request_headers = { accept = "*/*" } }))
        assert.are.same({}, hs.check(500, nil))
    end)
end)

describe("check: headers", function()
    it("match names in any case", function()
        for _, name in ipairs{ "allow", "Allow", "ALLOW", "aLlOw" } do
            assert.are.same({}, hs.check(405, { [name] = "GET", Date = DATE }), name)
        end
        for _, name in ipairs{ "date", "Date", "DATE" } do
            assert.are.same({}, hs.check(200, { [name] = DATE }), name)
        end
        assert.are.same({ "content-length-forbidden" }, check_ids(204, { DATE = DATE, ["CONTENT-LENGTH"] = "0" }))
    end)

    it("take a value as a string or an array of strings (repeated fields)", function()
        assert.are.same({}, hs.check(405, { allow = { "GET" }, date = { DATE } }))
        assert.are.same({}, hs.check(405, { allow = { "GET", "HEAD" }, date = DATE }))
        assert.are.same({ "method-in-allow" }, check_ids(405, { allow = { "HEAD", "GET" }, date = DATE },
            { method = "GET" }))
        assert.are.same({ "method-in-allow" }, check_ids(405, { allow = { "HEAD", "POST, GET" }, date = DATE },
            { method = "GET" }))
        assert.are.same({}, hs.check(405, { allow = { "HEAD", "POST" }, date = DATE }, { method = "GET" }))
        -- a name present in two cases is two fields
        assert.are.same({ "method-in-allow" }, check_ids(405, { allow = "HEAD", Allow = "GET", date = DATE },
            { method = "GET" }))
    end)

    it("count a field with an empty value as present, and an empty array as no field", function()
        assert.are.same({ "date-invalid" }, check_ids(405, { allow = "", date = "" })) -- present, but no date
        assert.are.same({}, hs.check(405, { allow = { "" }, date = DATE }))
        assert.are.same({ "allow-missing" }, check_ids(405, { allow = {}, date = DATE }))
    end)

    it("ignore fields no rule reads, and names that only look like the ones they read", function()
        local headers = { date = DATE, ["x-allow"] = "GET", ["allow-"] = "GET", ["allo"] = "GET",
                          ["al\0low"] = "GET", ["allow\0"] = "GET", [" allow"] = "GET" }
        assert.are.same({ "allow-missing" }, check_ids(405, headers))
    end)

    it("are what ngx.resp.get_headers() gives: a table with an __index that check does not need", function()
        local proxied = setmetatable({ date = DATE, allow = "GET" }, {
            __index = function(t, k) return rawget(t, k:lower()) end,
        })
        assert.are.same({}, hs.check(405, proxied))
    end)

    it("may be many, and long", function()
        local many = { date = DATE }
        for i = 1, 2000 do many["x-field-" .. i] = string.rep("v", i % 50) end
        many.allow = { "GET", "HEAD", string.rep("X", 1024 * 1024) }
        assert.are.same({}, hs.check(405, many))
        assert.are.same({ "method-in-allow" }, check_ids(405, many, { method = string.rep("X", 1024 * 1024) }))
    end)

    it("can be nil (no fields) but not another type", function()
        assert.are.same({ "date-missing" }, check_ids(200, nil))
        assert.are.same({ "date-missing" }, check_ids(200))
    end)
end)

describe("check: options", function()
    it("ignore skips the rules it names", function()
        assert.are.same({}, hs.check(200, {}, { ignore = { "date-missing" } }))
        assert.are.same({ "date-missing" }, check_ids(405, {}, { ignore = { "allow-missing" } }))
        assert.are.same({}, hs.check(405, {}, { ignore = { "allow-missing", "date-missing" } }))
        assert.are.same({}, hs.check(600, {}, { ignore = { "status-invalid" } }))
        -- a rule that would not fire anyway, and an empty list
        assert.are.same({ "date-missing" }, check_ids(200, {}, { ignore = { "allow-missing" } }))
        assert.are.same({ "date-missing" }, check_ids(200, {}, { ignore = {} }))
        -- every rule
        local all = {}
        for i, r in ipairs(hs.rules()) do all[i] = r.id end
        assert.are.same({}, hs.check(101, { ["content-length"] = "1" },
            { ignore = all, version = "2", request_headers = {}, content = true }))
    end)

    it("lang gives the messages in Korean, everything else the same", function()
        local en = hs.check(405, {}, { lang = "en" })
        local ko = hs.check(405, {}, { lang = "ko" })
        local default = hs.check(405, {})
        assert.are.equal(2, #ko)
        for i = 1, #en do
            assert.are.equal(en[i].message, default[i].message)
            assert.are.equal(en[i].id, ko[i].id)
            assert.are.equal(en[i].level, ko[i].level)
            assert.are.equal(en[i].field, ko[i].field)
            assert.are.equal(en[i].reference, ko[i].reference)
            assert.are_not.equal(en[i].message, ko[i].message)
            assert.is_truthy(ko[i].message:find("[\234-\237][\128-\191][\128-\191]")) -- Hangul syllables
        end
        assert.is_truthy(ko[1].message:find("Allow", 1, true))
        local ko_rules = {}
        for _, r in ipairs(hs.rules("ko")) do ko_rules[r.id] = r.message end
        assert.are.equal(ko_rules["allow-missing"], ko[1].message)
        assert.are.equal(ko_rules["date-missing"], ko[2].message)
        assert.are.equal("Content-Encoding",
            hs.check(304, { date = DATE, ["content-encoding"] = "br" }, { lang = "ko" })[1].field)
    end)

    it("request_headers given, even empty, let the request rules fire; not given, they stay silent", function()
        for _, case in ipairs{
            { 412, "precondition-unrequested" }, { 417, "expectation-unrequested" },
            { 406, "negotiation-unrequested" }, { 304, "not-modified-unconditional" },
        } do
            assert.are.same({}, hs.check(case[1], D), case[2])
            assert.are.same({}, hs.check(case[1], D, {}), case[2])
            assert.are.same({ case[2] }, check_ids(case[1], D, { request_headers = {} }))
        end
        assert.are.same({}, hs.check(100, {}))
        assert.are.same({ "continue-unexpected" }, check_ids(100, {}, { request_headers = {} }))
        assert.are.same({ "upgrade-unrequested" }, check_ids(101, { upgrade = "h2c" }, { request_headers = {} }))
        assert.are.same({}, hs.check(101, { upgrade = "h2c" }))
    end)

    it("request_headers take any case, strings or arrays", function()
        assert.are.same({}, hs.check(412, D, { request_headers = { ["IF-MATCH"] = { '"a"', '"b"' } } }))
        assert.are.same({}, hs.check(100, {}, { request_headers = { expect = { "foo", "100-continue" } } }))
        assert.are.same({}, hs.check(100, {}, { request_headers = { Expect = "100-continue; x=y" } }))
        assert.are.same({ "continue-unexpected" }, check_ids(100, {}, { request_headers = { expect = {} } }))
    end)

    it("method and version let their rules fire only when given", function()
        assert.are.same({}, hs.check(201, with(D, { location = "/1" })))
        assert.are.same({ "created-by-safe-method" }, check_ids(201, with(D, { location = "/1" }), { method = "GET" }))
        assert.are.same({}, hs.check(101, { upgrade = "h2c" }))
        assert.are.same({ "switching-over-http2" }, check_ids(101, { upgrade = "h2c" }, { version = "2" }))
        assert.are.same({ "informational-to-http10" }, check_ids(101, { upgrade = "h2c" }, { version = "1.0" }))
        assert.are.same({}, hs.check(204, with(D, { ["content-length"] = "0" }), { method = "CONNECT",
            ignore = { "content-length-forbidden" } }))
        assert.are.same({}, hs.check(200, D, { content = true }))
        assert.are.same({ "content-forbidden" }, check_ids(200, D, { content = true, method = "HEAD" }))
        assert.are.same({}, hs.check(200, D, { content = false, method = "HEAD" }))
        assert.are.same({}, hs.check(204, D, { method = "HEAD" }))
        for _, v in ipairs{ "1.0", "1.1", "2", "3" } do
            assert.are.same({}, hs.check(200, D, { version = v }), v)
        end
    end)
end)

describe("check: results", function()
    it("are a new array every time, of new finding tables", function()
        local a, b = hs.check(405, {}), hs.check(405, {})
        assert.are_not.equal(a, b)
        assert.are_not.equal(a[1], b[1])
        assert.are.same(ids(a), ids(b))
        a[3] = "mine"
        assert.are.equal(2, #hs.check(405, {}))
    end)

    it("are findings that print, and refuse new keys", function()
        local f = hs.check(405, D)[1]
        assert.are.equal("must allow-missing: " .. f.message .. " (RFC 9110, Section 15.5.6)", tostring(f))
        assert.has_error(function() f.extra = 1 end,
            "httpstatus: findings are read-only (cannot add field 'extra')")
        assert.are.equal(false, getmetatable(f))
        local n = 0
        for k, v in pairs(f) do
            n = n + 1
            assert.is_string(k)
            assert.is_string(v)
        end
        assert.are.equal(5, n)
        n = 0
        for _ in pairs(hs.check(600, {})[1]) do n = n + 1 end
        assert.are.equal(4, n) -- no field
    end)

    it("are in rule order", function()
        local order = {}
        for i, r in ipairs(RULES) do order[r[1]] = i end
        local got = check_ids(101, { ["content-length"] = "1", ["transfer-encoding"] = "chunked" },
            { version = "1.0", request_headers = {}, content = true })
        assert.are.same({ "upgrade-missing", "content-length-forbidden", "transfer-encoding-forbidden",
                          "content-forbidden", "informational-to-http10", "upgrade-unrequested" }, got)
        got = check_ids(304, { ["content-type"] = "x" }, { method = "POST", content = true })
        assert.are.same({ "date-missing", "content-forbidden", "metadata-in-304", "not-modified-unconditional" }, got)
        for i = 2, #got do assert.is_true(order[got[i - 1]] < order[got[i]]) end
    end)

    it("are the same answer in a long loop (LuaJIT compiles around the call into C)", function()
        local n = 0
        for i = 1, 20000 do
            local code = i % 2 == 0 and 405 or 200
            local findings = hs.check(code, { date = DATE, ["content-type"] = "text/plain" })
            n = n + #findings
            if i % 2 == 0 then assert(findings[1].id == "allow-missing") end
        end
        assert.are.equal(10000, n)
    end)
end)

describe("check: bad input", function()
    it("in the status is an error as for get: wrong type, or not integral", function()
        assert.are.equal("bad argument #1 to 'check' (integer expected, got no value)", error_of(hs.check))
        for _, case in ipairs{ { "nil", nil }, { "table", {} }, { "string", "404" }, { "boolean", true },
                               { "function", print }, { "userdata", io.stdout } } do
            assert.are.equal("bad argument #1 to 'check' (integer expected, got " .. case[1] .. ")",
                error_of(hs.check, case[2], {}))
        end
        for _, v in ipairs{ 404.5, -0.5, 0 / 0, math.huge, -math.huge } do
            assert.are.equal("bad argument #1 to 'check' (number has no integer representation)",
                error_of(hs.check, v, {}), tostring(v))
        end
    end)

    it("in the headers is an error naming argument 2 and the field", function()
        local cases = {
            { "x", "table expected, got string" },
            { 404, "table expected, got number" },
            { true, "table expected, got boolean" },
            { { "GET" }, "field name must be a string, got number" },
            { { [true] = "GET" }, "field name must be a string, got boolean" },
            { { Allow = true }, "field 'Allow': string or array of strings expected, got boolean" },
            { { Allow = 1 }, "field 'Allow': string or array of strings expected, got number" },
            { { allow = print }, "field 'allow': string or array of strings expected, got function" },
            { { Allow = { "GET", 1 } }, "field 'Allow': string or array of strings expected, got a number in the array" },
            { { Allow = { { "GET" } } }, "field 'Allow': string or array of strings expected, got a table in the array" },
            { { Allow = { x = "GET" } },
              "field 'Allow': string or array of strings expected, got a table with a string key" },
            { { Allow = { [1.5] = "GET" } },
              "field 'Allow': string or array of strings expected, got a table with a number key" },
            { { [string.rep("n", 100)] = false }, "field '" .. string.rep("n", 40) ..
              "...': string or array of strings expected, got boolean" },
        }
        for _, case in ipairs(cases) do
            assert.are.equal("bad argument #2 to 'check' (" .. case[2] .. ")", error_of(hs.check, 405, case[1]))
        end
    end)

    it("in the options is an error naming argument 3 and the option", function()
        local cases = {
            { "GET", "table expected, got string" },
            { true, "table expected, got boolean" },
            { { metod = "GET" }, "unknown option 'metod'" },
            { { "GET" }, "option names are strings, got number" },
            { { method = 1 }, "option 'method': string expected, got number" },
            { { method = true }, "option 'method': string expected, got boolean" },
            { { content = 1 }, "option 'content': boolean or string expected, got number" },
            { { content = {} }, "option 'content': boolean or string expected, got table" },
            { { level = 1 }, "option 'level': string expected, got number" },
            { { level = "warn" }, 'option \'level\': invalid level "warn", not one of "info", "should", "must"' },
            { { level = "MUST" }, 'option \'level\': invalid level "MUST", not one of "info", "should", "must"' },
            { { level = "" }, 'option \'level\': invalid level "", not one of "info", "should", "must"' },
            { { method = "" }, 'option \'method\': invalid method "", not a token (RFC 9110, Section 9.1)' },
            { { method = "GET " }, 'option \'method\': invalid method "GET ", not a token (RFC 9110, Section 9.1)' },
            { { method = " GET" }, 'option \'method\': invalid method " GET", not a token (RFC 9110, Section 9.1)' },
            { { method = "GE T" }, 'option \'method\': invalid method "GE T", not a token (RFC 9110, Section 9.1)' },
            { { method = "GET\r\n" },
              'option \'method\': invalid method "GET\\r\\n", not a token (RFC 9110, Section 9.1)' },
            { { method = "G\0ET" }, 'option \'method\': invalid method "G\\0ET", not a token (RFC 9110, Section 9.1)' },
            { { method = "GET/1" }, 'option \'method\': invalid method "GET/1", not a token (RFC 9110, Section 9.1)' },
            { { method = "M\195\169THODE" },
              'option \'method\': invalid method "M\195\169THODE", not a token (RFC 9110, Section 9.1)' },
            { { version = 2 }, "option 'version': string expected, got number" },
            { { version = "2.0" }, 'option \'version\': invalid version "2.0", not one of "1.0", "1.1", "2", "3"' },
            { { version = "HTTP/1.1" }, 'option \'version\': invalid version "HTTP/1.1", not one of "1.0", "1.1", "2", "3"' },
            { { version = "" }, 'option \'version\': invalid version "", not one of "1.0", "1.1", "2", "3"' },
            { { lang = "fr" }, 'option \'lang\': invalid language "fr"' },
            { { lang = "KO" }, 'option \'lang\': invalid language "KO"' },
            { { lang = 1 }, "option 'lang': string expected, got number" },
            { { ignore = "date-missing" }, "option 'ignore': table expected, got string" },
            { { ignore = { "date-missing", "no-such-rule" } }, 'option \'ignore\': unknown rule id "no-such-rule"' },
            { { ignore = { "DATE-MISSING" } }, 'option \'ignore\': unknown rule id "DATE-MISSING"' },
            { { ignore = { "date-missing\0" } }, 'option \'ignore\': unknown rule id "date-missing\\0"' },
            { { ignore = { 1 } }, "option 'ignore': rule id expected, got number" },
            { { ignore = { date = true } }, "option 'ignore': rule id expected, got boolean" },
            { { request_headers = "expect: 100-continue" }, "option 'request_headers': table expected, got string" },
            { { request_headers = { Expect = true } },
              "option 'request_headers': field 'Expect': string or array of strings expected, got boolean" },
            { { request_headers = { [1] = "x" } }, "option 'request_headers': field name must be a string, got number" },
        }
        for _, case in ipairs(cases) do
            assert.are.equal("bad argument #3 to 'check' (" .. case[2] .. ")", error_of(hs.check, 405, {}, case[1]))
        end
        local long = error_of(hs.check, 405, {}, { lang = string.rep("x", 100000) })
        assert.are.equal("bad argument #3 to 'check' (option 'lang': invalid language \"" .. string.rep("x", 40)
            .. '...")', long)
    end)

    it("points at the line of the caller, as Lua's own errors do", function()
        local line
        local ok, err = pcall(function()
            line = debug.getinfo(1, "l").currentline + 1
            local _ = hs.check(405, { Allow = true })
        end)
        assert.is_false(ok)
        assert.are.equal("check_spec.lua:" .. line .. ": bad argument #2 to 'check' (field 'Allow': "
            .. "string or array of strings expected, got boolean)", err:match("[^/]*$"))
    end)

    it("leaves check working afterwards", function()
        for _ = 1, 100 do
            pcall(hs.check, 405, { Allow = { "GET", {} } })
            pcall(hs.check, 405, {}, { ignore = { "x" } })
        end
        assert.are.same({ "allow-missing" }, check_ids(405, D))
    end)
end)

describe("check: level", function()
    -- 201 to GET without Location: location-suggested (info), date-missing
    -- (must), created-by-safe-method (should).
    local all = { "location-suggested", "date-missing", "created-by-safe-method" }

    it("reports everything at info, the default", function()
        assert.are.same(all, check_ids(201, {}, { method = "GET" }))
        assert.are.same(all, check_ids(201, {}, { method = "GET", level = "info" }))
    end)

    it("drops info findings at should, and keeps only must findings at must", function()
        assert.are.same({ "date-missing", "created-by-safe-method" }, check_ids(201, {}, { method = "GET", level = "should" }))
        assert.are.same({ "date-missing" }, check_ids(201, {}, { method = "GET", level = "must" }))
        assert.are.same({}, hs.check(201, D, { method = "GET", level = "must" }))
        assert.are.same({}, hs.check(503, D, { level = "should" })) -- retry-after-suggested is info
        assert.are.same({ "retry-after-suggested" }, check_ids(503, D))
    end)

    it("keeps the levels of the findings it reports, with ignore and lang", function()
        for _, f in ipairs(hs.check(201, {}, { method = "GET", level = "should", lang = "ko" })) do
            assert.are_not.equal("info", f.level)
        end
        assert.are.same({ "created-by-safe-method" },
            check_ids(201, {}, { method = "GET", level = "should", ignore = { "date-missing" } }))
    end)

    it("filters every rule by its level", function()
        local rank = { info = 1, should = 2, must = 3 }
        local everything = { method = "HEAD", version = "1.0", request_headers = {}, content = true }
        for _, level in ipairs{ "info", "should", "must" } do
            for _, code in ipairs{ 100, 101, 201, 204, 206, 304, 305, 401, 405, 412, 416, 429, 499, 503, 600 } do
                local opts = {}
                for k, v in pairs(everything) do opts[k] = v end
                local unfiltered = hs.check(code, { ["content-length"] = "1" }, opts)
                opts.level = level
                local kept = {}
                for _, f in ipairs(unfiltered) do
                    if rank[f.level] >= rank[level] then kept[#kept + 1] = f.id end
                end
                assert.are.same(kept, check_ids(code, { ["content-length"] = "1" }, opts), level .. " " .. code)
            end
        end
    end)
end)

describe("check: content", function()
    it("may be the content itself: a string, the empty string meaning none", function()
        assert.are.same({ "content-forbidden" }, check_ids(204, D, { content = "x" }))
        assert.are.same({ "content-forbidden" }, check_ids(304, D, { content = "\0" }))
        assert.are.same({}, hs.check(204, D, { content = "" }))
        assert.are.same({ "content-forbidden" }, check_ids(200, D, { content = string.rep("x", 1024 * 1024),
                                                                     method = "HEAD" }))
        assert.are.same({}, hs.check(200, D, { content = "", method = "HEAD" }))
        assert.are.same({}, hs.check(200, D, { content = "hello" }))
    end)

    it("gives the same findings as true and false", function()
        for _, code in ipairs{ 100, 200, 204, 205, 304, 404 } do
            assert.are.same(check_ids(code, D, { content = true }), check_ids(code, D, { content = "body" }), code)
            assert.are.same(check_ids(code, D, { content = false }), check_ids(code, D, { content = "" }), code)
        end
    end)
end)

describe("check: problem-details bodies", function()
    local PROBLEM_IDS = { ["problem-invalid"] = true, ["problem-status-mismatch"] = true,
                          ["problem-member-type"] = true, ["problem-title-differs"] = true }
    local function problem_ids(code, headers, content)
        local list = {}
        for _, id in ipairs(check_ids(code, headers, { content = content })) do
            if PROBLEM_IDS[id] then list[#list + 1] = id end
        end
        return list
    end
    local function typed(content_type) return with(D, { ["content-type"] = content_type }) end

    it("are read when a Content-Type field is application/problem+json, in any case, with parameters", function()
        for _, ct in ipairs{ "application/problem+json", "Application/Problem+JSON",
                             "application/problem+json; charset=utf-8", "application/problem+json;x=y",
                             { "text/plain", "application/problem+json" } } do
            assert.are.same({ "problem-invalid" }, problem_ids(404, typed(ct), "{"), type(ct) == "string" and ct or "two")
        end
        for _, ct in ipairs{ "application/json", "application/problem+xml", "application/problem+json2", "text/html" } do
            assert.are.same({}, problem_ids(404, typed(ct), "{"), ct)
        end
        assert.are.same({}, problem_ids(404, D, "{"))
    end)

    it("stay silent when only whether there is content is known", function()
        assert.are.same({}, problem_ids(404, PJ, true))
        assert.are.same({}, problem_ids(404, PJ, false))
        assert.are.same({}, problem_ids(404, PJ, ""))
    end)

    it("are read up to 64 KiB; past it the problem rules stay silent", function()
        local function padded(size) -- '{"status":400,"pad":"xxx..."}' of exactly size bytes
            local head = '{"status":400,"pad":"'
            return head .. string.rep("x", size - #head - 2) .. '"}'
        end
        assert.are.equal(65536, #padded(65536))
        assert.are.same({ "problem-status-mismatch" }, problem_ids(404, PJ, padded(65536)))
        assert.are.same({}, problem_ids(404, PJ, padded(65537)))
    end)

    it("find nothing in what problem_json writes, for every code of the table", function()
        for _, status in ipairs(hs.all()) do
            local body = hs.problem_json(status.code, "detail \"quoted\" \0 é", { instance = "/x",
                extensions = { balance = -30, items = { "/a", { n = 1 } }, none = hs.null } })
            assert.are.same({}, problem_ids(status.code, PJ, body), status.code)
            local other = status.code == 500 and 404 or 500
            assert.are.same({ "problem-status-mismatch", "problem-title-differs" }, problem_ids(other, PJ, body),
                status.code)
        end
        -- a title of one's own: one that differs from the phrase is named only without a type
        assert.are.same({ "problem-title-differs" }, problem_ids(404, PJ, hs.problem_json(404, nil, { title = "Gone" })))
        assert.are.same({}, problem_ids(404, PJ, hs.problem_json(404, nil, { title = "Gone", type = "https://e.x/g" })))
        assert.are.same({}, problem_ids(299, PJ, hs.problem_json(299, nil, { title = "Mine" })))
    end)

    it("are in the language asked for, with their reference", function()
        local f = hs.check(404, PJ, { content = '{"status":400}', lang = "ko" })[1]
        assert.are.equal("problem-status-mismatch", f.id)
        assert.are.equal("must", f.level)
        assert.is_nil(f.field)
        assert.are.equal("RFC 9457, Section 3.1.2", f.reference)
        assert.are.equal(hs.rules("ko")[#hs.rules("ko") - 2].message, f.message)
        assert.are_not.equal(hs.check(404, PJ, { content = '{"status":400}' })[1].message, f.message)
    end)

    it("follow ignore and level like every rule", function()
        local body = '{"title":"Missing","status":400,"detail":5}'
        assert.are.same({ "problem-status-mismatch", "problem-member-type", "problem-title-differs" },
            problem_ids(404, PJ, body))
        assert.are.same({ "problem-status-mismatch", "problem-member-type" },
            check_ids(404, PJ, { content = body, level = "should" }))
        assert.are.same({ "problem-member-type" },
            check_ids(404, PJ, { content = body, level = "should", ignore = { "problem-status-mismatch" } }))
    end)
end)

describe("check: methods", function()
    it("are case-sensitive tokens: any tchar, and only those", function()
        local created = with(D, { location = "/1" })
        for _, method in ipairs{ "get", "Get", "M-SEARCH", "PROPFIND", "X!#$%&'*+-.^_`|~9" } do
            assert.are.same({}, hs.check(201, created, { method = method }), method)
        end
        for _, method in ipairs{ "GET", "HEAD", "OPTIONS", "TRACE" } do
            assert.are.same({ "created-by-safe-method" }, check_ids(201, created, { method = method }), method)
        end
    end)

    it("that are not tokens are errors, before any rule runs", function()
        for _, method in ipairs{ "", "GET ", " GET", "G\0ET", "GET\0", "\0", "GET\n", "GET,POST", "GET;", "(GET)",
                                 "G\"ET", "GET@", "GET\127", "\255" } do
            local err = error_of(hs.check, 405, {}, { method = method })
            assert.is_truthy(err:find("^bad argument #3 to 'check' %(option 'method': invalid method \""), err)
            assert.is_truthy(err:find("not a token (RFC 9110, Section 9.1))", 1, true), err)
        end
    end)
end)

describe("check: errors show the caller's text whole", function()
    -- As a Lua string literal writes it: a NUL as \0, a backslash as \\, the
    -- other controls as \n, \r, \t or \ddd; never cut at a NUL.
    local cases = {
        { 2, { ["Al\0low"] = true }, "field 'Al\\0low': string or array of strings expected, got boolean" },
        { 2, { ["\0"] = 1 }, "field '\\0': string or array of strings expected, got number" },
        { 2, { ["a\\b\n\r\t\1\31\127c"] = true },
          "field 'a\\\\b\\n\\r\\t\\001\\031\\127c': string or array of strings expected, got boolean" },
        { 3, { ignore = { "allow-missing\0x" } }, 'option \'ignore\': unknown rule id "allow-missing\\0x"' },
        { 3, { ignore = { "\0" } }, 'option \'ignore\': unknown rule id "\\0"' },
        { 3, { lang = "ko\0" }, 'option \'lang\': invalid language "ko\\0"' },
        { 3, { lang = "\0ko" }, 'option \'lang\': invalid language "\\0ko"' },
        { 3, { method = "G\0ET" }, 'option \'method\': invalid method "G\\0ET", not a token (RFC 9110, Section 9.1)' },
        { 3, { level = "must\0" }, 'option \'level\': invalid level "must\\0", not one of "info", "should", "must"' },
        { 3, { version = "1.1\0" }, 'option \'version\': invalid version "1.1\\0", not one of "1.0", "1.1", "2", "3"' },
        { 3, { ["method\0"] = "GET" }, "unknown option 'method\\0'" },
        { 3, { request_headers = { ["If-\0Match"] = 1 } },
          "option 'request_headers': field 'If-\\0Match': string or array of strings expected, got number" },
    }
    for i, case in ipairs(cases) do
        it("case " .. i .. ": " .. case[3], function()
            local args = case[1] == 2 and { 405, case[2] } or { 405, {}, case[2] }
            assert.are.equal("bad argument #" .. case[1] .. " to 'check' (" .. case[3] .. ")",
                error_of(hs.check, args[1], args[2], args[3]))
        end)
    end

    it("shows at most 40 bytes of it, escapes counted after the cut", function()
        local name = string.rep("\0", 50)
        assert.are.equal("bad argument #2 to 'check' (field '" .. string.rep("\\0", 40) .. "...': "
            .. "string or array of strings expected, got boolean)", error_of(hs.check, 405, { [name] = true }))
        assert.are.equal("bad argument #3 to 'check' (option 'ignore': unknown rule id \"" .. string.rep("y", 40)
            .. '...")', error_of(hs.check, 405, {}, { ignore = { string.rep("y", 41) } }))
        assert.are.equal("bad argument #3 to 'check' (option 'ignore': unknown rule id \"" .. string.rep("y", 40)
            .. '")', error_of(hs.check, 405, {}, { ignore = { string.rep("y", 40) } }))
    end)

    it("and so do the module's own errors", function()
        assert.are.equal('bad argument #1 to \'rules\' (invalid language "ko\\0")', error_of(hs.rules, "ko\0"))
        assert.are.equal('bad argument #2 to \'description\' (invalid language "\\0\\\\\\n")',
            error_of(hs.description, 404, "\0\\\n"))
        assert.has_error(function() hs.get(404)["a\0b"] = 1 end,
            "httpstatus: status objects are read-only (cannot add field 'a\\0b')")
        assert.has_error(function() hs.check(405, {})[1]["x\0"] = 1 end,
            "httpstatus: findings are read-only (cannot add field 'x\\0')")
    end)
end)

describe("check_fields, check with its options as arguments (private, for httpstatus.ngx)", function()
    local check_fields = require("httpstatus.core").hs_check_fields

    local function fields_ids(status, headers, opts, level, ignore)
        opts = opts or {}
        return ids(check_fields(status, headers or {}, opts.method, opts.request_headers, opts.version, opts.content,
            level or "info", ignore) or {})
    end

    it("gives what check gives, for every case of every rule, at every level", function()
        for _, case in ipairs(CASES) do
            for _, level in ipairs{ "info", "should", "must" } do
                for _, c in ipairs{ { case[2], case[3], case[4] }, { case[8] or case[2], case[9] or case[6] or case[3],
                                                                     case[7] or case[4] } } do
                    local opts = {}
                    for k, v in pairs(c[3] or {}) do opts[k] = v end
                    local expected = check_ids(c[1], c[2], opts)
                    opts.level = level
                    expected = check_ids(c[1], c[2], opts)
                    assert.are.same(expected, fields_ids(c[1], c[2], c[3], level), case[1] .. " " .. level)
                end
            end
        end
    end)

    it("takes ignore as ids separated by commas, and answers nil for no findings", function()
        assert.are.same({ "allow-missing" }, fields_ids(405, {}, nil, "info", "date-missing"))
        assert.is_nil(check_fields(405, {}, nil, nil, nil, nil, "info", "date-missing,allow-missing"))
        assert.is_nil(check_fields(200, D, "GET", nil, nil, false, "info", nil))
        local f = check_fields(405, D, nil, nil, nil, nil, "should", nil)[1]
        assert.are.equal(tostring(hs.check(405, D)[1]), tostring(f))
        assert.are.equal(getmetatable(hs.check(405, D)), getmetatable(check_fields(405, D, nil, nil, nil, nil, "info")))
        assert.has_error(function() f.extra = 1 end, "httpstatus: findings are read-only (cannot add field 'extra')")
    end)

    it("refuses bad arguments in the luaL style", function()
        local cases = {
            { { 405.5, {}, nil, nil, nil, nil, "info" }, "#1 to 'check_fields' (number has no integer representation)" },
            { { 405, nil, nil, nil, nil, nil, "info" }, "#2 to 'check_fields' (table expected, got nil)" },
            { { 405, {}, "GET ", nil, nil, nil, "info" },
              "#3 to 'check_fields' (invalid method \"GET \", not a token (RFC 9110, Section 9.1))" },
            { { 405, {}, 1, nil, nil, nil, "info" }, "#3 to 'check_fields' (string expected, got number)" },
            { { 405, {}, nil, "x", nil, nil, "info" }, "#4 to 'check_fields' (table expected, got string)" },
            { { 405, {}, nil, nil, "2.0", nil, "info" }, "#5 to 'check_fields' (invalid version \"2.0\")" },
            { { 405, {}, nil, nil, nil, 1, "info" }, "#6 to 'check_fields' (boolean or string expected, got number)" },
            { { 405, {}, nil, nil, nil, nil, nil }, "#7 to 'check_fields' (string expected, got nil)" },
            { { 405, {}, nil, nil, nil, nil, "warn" }, "#7 to 'check_fields' (invalid level \"warn\")" },
            { { 405, {}, nil, nil, nil, nil, "info", "date-missing,,allow-missing" },
              "#8 to 'check_fields' (unknown rule id \"\")" },
            { { 405, {}, nil, nil, nil, nil, "info", "date-missing\0" },
              "#8 to 'check_fields' (unknown rule id \"date-missing\\0\")" },
            { { 405, {}, nil, nil, nil, nil, "info", {} }, "#8 to 'check_fields' (string expected, got table)" },
            { { 405, { Allow = true }, nil, nil, nil, nil, "info" },
              "#2 to 'check_fields' (field 'Allow': string or array of strings expected, got boolean)" },
        }
        for _, case in ipairs(cases) do
            local a = case[1]
            assert.are.equal("bad argument " .. case[2], error_of(check_fields, a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]))
        end
    end)
end)

describe("rules", function()
    it("lists every rule of the contract once, in its order, with its level, field and reference", function()
        local rules = hs.rules()
        assert.are.equal(#RULES, #rules)
        for i, r in ipairs(rules) do
            local want = RULES[i]
            assert.are.equal(want[1], r.id)
            assert.are.equal(want[2], r.level, r.id)
            assert.are.equal(want[3], r.field, r.id)
            assert.is_string(r.message)
            for _, part in ipairs(want[4]) do
                assert.is_truthy(r.reference:find(part, 1, true), r.id .. ": " .. part .. " in " .. r.reference)
            end
        end
    end)

    it("gives the codes each rule can apply to", function()
        for _, r in ipairs(hs.rules()) do
            assert.are.same(CODES[r.id], r.codes, r.id)
            assert.are.equal("table", type(r.codes))
            if math.type then
                for _, c in ipairs(r.codes) do assert.are.equal("integer", math.type(c)) end
            end
        end
    end)

    it("are what status objects list in their rules field", function()
        local rules = hs.rules()
        for _, s in ipairs(hs.all()) do
            local expected = {}
            for _, r in ipairs(rules) do
                for _, c in ipairs(r.codes) do
                    if c == s.code then expected[#expected + 1] = r.id end
                end
            end
            assert.are.same(expected, copy(s.rules), s.code)
        end
        local values = { "location-invalid", "location-undefined", "allow-invalid", "retry-after-invalid",
            "date-invalid", "content-length-invalid", "content-range-invalid", "content-range-undefined",
            "www-authenticate-invalid", "proxy-authenticate-invalid", "upgrade-invalid", "problem-invalid",
            "problem-status-mismatch", "problem-member-type", "problem-title-differs" }
        local function plus_values(list)
            for _, id in ipairs(values) do list[#list + 1] = id end
            return list
        end
        assert.are.same(plus_values({ "allow-missing", "date-missing", "content-forbidden", "method-in-allow" }),
            copy(hs.get(405).rules))
        assert.are.same(plus_values({ "status-unregistered", "date-missing", "content-forbidden" }),
            copy(hs.get(499).rules))
    end)

    it("take a lang, and refuse a bad one", function()
        local en, ko = hs.rules(), hs.rules("ko")
        for i = 1, #en do
            assert.are.equal(en[i].id, ko[i].id)
            assert.are_not.equal(en[i].message, ko[i].message)
        end
        assert.are.same(ids(en), ids(hs.rules("en")))
        assert.has_error(function() hs.rules("fr") end, "bad argument #1 to 'rules' (invalid language \"fr\")")
        assert.are.equal("bad argument #1 to 'rules' (string expected, got table)", error_of(hs.rules, {}))
        assert.are.equal("bad argument #1 to 'rules' (invalid language \"ko\\0\")", error_of(hs.rules, "ko\0"))
    end)

    it("returns a new list of read-only rule tables", function()
        local a, b = hs.rules(), hs.rules()
        assert.are_not.equal(a, b)
        a[1] = nil
        assert.are.equal("status-invalid", hs.rules()[1].id)
        assert.has_error(function() b[1].extra = 1 end, "httpstatus: rules are read-only (cannot add field 'extra')")
        assert.are.equal("must allow-missing: " .. b[7].message .. " (RFC 9110, Section 15.5.6)", tostring(b[7]))
        assert.are.equal(false, getmetatable(b[7]))
    end)

    it("cannot be changed for another caller: every call gives new rule tables and codes", function()
        for _, lang in ipairs{ "en", "ko" } do
            local mine = hs.rules(lang)
            local before = hs.rules(lang)
            for i, r in ipairs(mine) do
                r.id, r.level, r.message, r.reference = "x", "x", "x", "x"
                if r.field ~= nil then r.field = "x" end -- a nil field is a key the table refuses
                r.codes[1], r.codes[#r.codes + 1] = 1, 2
                mine[i] = nil
            end
            local after = hs.rules(lang)
            assert.are.same(before, after)
            for i, r in ipairs(after) do
                assert.are_not.equal(before[i], r)
                assert.are_not.equal(before[i].codes, r.codes)
            end
            assert.are.equal("allow-missing", after[7].id)
            assert.are.same({ 405 }, copy(after[7].codes))
        end
        -- nor the rules a status object lists, nor what check finds
        local of405 = copy(hs.get(405).rules)
        assert.are.same({ "allow-missing", "date-missing", "content-forbidden", "method-in-allow" },
            { of405[1], of405[2], of405[3], of405[4] })
        assert.are.equal(19, #of405)
        assert.are.same({ "allow-missing", "date-missing" }, check_ids(405, {}))
        assert.are.equal(hs.rules()[7].message, hs.check(405, D)[1].message)
    end)

    it("builds its lists afresh even when findings were changed", function()
        local f = hs.check(405, D)[1]
        f.message, f.id = "changed", "changed"
        assert.are.equal("allow-missing", hs.check(405, D)[1].id)
        assert.are_not.equal("changed", hs.check(405, D)[1].message)
        assert.are_not.equal("changed", hs.rules()[7].message)
    end)
end)

local json_library = helpers.json_library

describe("findings and rules in JSON", function()
    local cjson, dkjson = json_library("cjson"), json_library("dkjson")

    local function assert_finding(decoded, f)
        local n = 0
        for _ in pairs(decoded) do n = n + 1 end
        local m = 0
        for _ in pairs(f) do m = m + 1 end
        assert.are.equal(m, n)
        for _, k in ipairs{ "id", "level", "field", "message", "reference" } do
            assert.are.equal(f[k], decoded[k], k)
        end
    end

    for _, name in ipairs{ "cjson", "dkjson" } do
        it("encode with " .. name .. " as an array of objects with every field", function()
            local json = name == "cjson" and cjson or dkjson
            assert.is_not_nil(json, name .. " is not installed (scripts/deps)")
            local findings = hs.check(304, { ["content-encoding"] = "gzip" }, { lang = "ko", method = "POST" })
            local text = json.encode(findings)
            assert.are.equal("[", text:sub(1, 1))
            assert.is_truthy(text:find('"id":"metadata-in-304"', 1, true), text)
            assert.is_truthy(text:find('"field":"Content-Encoding"', 1, true), text)
            local decoded = json.decode(text)
            assert.are.equal(#findings, #decoded)
            for i, f in ipairs(findings) do assert_finding(decoded[i], f) end
            -- a finding with no field has no "field" key
            text = json.encode(hs.check(600, {}))
            assert.is_nil(text:find('"field"', 1, true), text)
            -- rules: codes as arrays
            local rules = json.decode(json.encode(hs.rules()))
            assert.are.equal(#hs.rules(), #rules)
            assert.are.same({ 405 }, rules[7].codes)
            assert.are.equal("allow-missing", rules[7].id)
        end)
    end

    it("encode an empty result as [] with dkjson, and with a cjson that has empty_array_mt", function()
        assert.are.equal("[]", dkjson.encode(hs.check(200, D)))
        local empty = cjson.empty_array_mt and "[]" or "{}"
        assert.are.equal(empty, cjson.encode(hs.check(200, D)))
        assert.is_truthy(dkjson.encode(hs.rules()[1]):find('"codes":[]', 1, true))
        -- lists carry the module's array marker, as aliases do
        local mt = getmetatable(hs.get(404).aliases)
        assert.are.equal(mt, getmetatable(hs.check(200, D)))
        assert.are.equal(mt, getmetatable(hs.rules()))
        assert.are.equal(mt, getmetatable(hs.rules()[1].codes))
    end)

    it("use OpenResty's cjson.empty_array_mt when that cjson is loaded first", function()
        local out = run_fresh([[
            local marker = {}
            package.loaded.cjson = { empty_array_mt = marker }
            local hs = require "httpstatus"
            print(getmetatable(hs.check(200, { date = "x" })) == marker, getmetatable(hs.rules()) == marker,
                getmetatable(hs.rules()[1].codes) == marker)
        ]])
        assert.are.equal("true\ttrue\ttrue\n", out)
    end)
end)

describe("check and rules in a fresh state", function()
    it("set no globals", function()
        local out = run_fresh([[
            local before = {}
            for k, v in pairs(_G) do before[k] = v end
            local hs = require "httpstatus"
            hs.check(405, { date = "x" }, { method = "GET", request_headers = {}, lang = "ko", ignore = { "date-missing" } })
            hs.rules(); hs.rules("ko")
            pcall(hs.check, 405, { Allow = true })
            for k, v in pairs(_G) do
                if before[k] ~= v then print("global set: " .. tostring(k)) end
            end
            print("done")
        ]])
        assert.are.equal("done\n", out)
    end)
end)

describe("the fields the rules read (private hs_known_fields, for httpstatus.ngx's lookups by name)", function()
    local known = require("httpstatus.core").hs_known_fields()
    local is_known = {}
    for _, name in ipairs(known) do is_known[name] = true end

    -- The fields of headers whose names are in the list, or (outside) not.
    local function only(headers, inside)
        local kept = {}
        for name, value in pairs(headers or {}) do
            if (is_known[name:lower()] == true) == inside then kept[name] = value end
        end
        return kept
    end

    it("are lowercase names, each once, among them every field a rule names", function()
        local seen = {}
        for _, name in ipairs(known) do
            assert.are.equal(name:lower(), name)
            assert.is_nil(seen[name], name)
            seen[name] = true
        end
        for _, r in ipairs(hs.rules()) do
            if r.field ~= nil then assert.is_true(seen[r.field:lower()], r.id .. " names " .. r.field) end
        end
        assert.has_error(function() require("httpstatus.core").hs_known_fields(1) end,
            "bad argument #1 to 'hs_known_fields' (no argument expected, got number)")
    end)

    it("are all a check reads: the fields by other names never change the findings", function()
        local others = { server = "x", ["x-allow"] = "GET", ["set-cookie"] = { "a=1", "b=2" }, etag = '"1"',
                         vary = "accept", ["cache-control"] = "no-store", connection = "close", ["last-modified"] = DATE,
                         ["content-disposition"] = "inline", link = "</a>; rel=next" }
        for _, case in ipairs(CASES) do
            for _, c in ipairs{ { case[2], case[3], case[4] },
                                { case[8] or case[2], case[9] or case[6] or case[3], case[7] or case[4] } } do
                for _, level in ipairs{ "info", "should", "must" } do
                    local opts = {}
                    for k, v in pairs(c[3] or {}) do opts[k] = v end
                    opts.level = level
                    local expected = check_ids(c[1], c[2], opts)
                    local with_others = only(c[2], true)
                    for k, v in pairs(others) do with_others[k] = v end
                    assert.are.same(expected, check_ids(c[1], only(c[2], true), opts), case[1] .. " " .. level)
                    assert.are.same(expected, check_ids(c[1], with_others, opts), case[1] .. " " .. level)
                end
            end
        end
    end)
end)
