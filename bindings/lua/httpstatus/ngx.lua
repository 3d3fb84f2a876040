--[[
httpstatus.ngx: the response rules on every response nginx sends, in
OpenResty or nginx with its Lua module.

    log_by_lua_block { require("httpstatus.ngx").log() }

in `http`, `server` or `location` logs each finding at `warn`, with the
request's method and URI. It runs in the log phase because only there is
the response known as it left nginx: a Lua header filter runs before
nginx's own header filters, so it still sees the Content-Length that nginx
removes from a 204 and not yet the fields of `add_header ... always`; by the
log phase both are as sent. Two fields nginx's header filter writes itself
without showing them to get_headers are accounted for: Date (in every
response that has none, so date-missing cannot fire) and a Location it made
absolute (read from $sent_http_location where a Location changes a finding).

What is read, in full: every line of each response field a rule reads (the
core's list of them, each looked up by name, so no limit on the number of
fields applies; the core ignores every other field, so the findings are those
of all the fields), or every response field (get_headers(0)) when the fast
path below cannot judge the response or finds it breaks a rule; the method;
the HTTP version ($server_protocol); every request field (get_headers(0))
when a rule that reads the request can apply to the status; and whether
content was sent ($body_bytes_sent, less the 5 bytes of the last chunk of an
empty chunked body) where content changes a finding. A request whose
response nginx never sent (`return 444;`, a client gone before the response,
HTTP/0.9) is not checked.
]]
local hs = require "httpstatus"
local core = require "httpstatus.core"

local ngx = ngx
if type(ngx) ~= "table" or type(ngx.req) ~= "table" or type(ngx.resp) ~= "table" then
    error("httpstatus.ngx runs inside nginx with its Lua module (OpenResty): there is no ngx API here; "
        .. "outside nginx, use require(\"httpstatus\").check", 2)
end

local check = hs.check
-- check with its options as arguments (no options table to walk per call),
-- which httpstatus keeps for this module in the private C module
local check_fields = core.hs_check_fields
local get_phase = ngx.get_phase
local resp_get_headers = ngx.resp.get_headers
local req_get_headers = ngx.req.get_headers
local get_method = ngx.req.get_method
local ngx_log = ngx.log
local var = ngx.var
local WARN, STDERR, DEBUG = ngx.WARN, ngx.STDERR, ngx.DEBUG

local type, error, pairs, ipairs, rawget, tonumber, tostring, setmetatable, getmetatable =
    type, error, pairs, ipairs, rawget, tonumber, tostring, setmetatable, getmetatable
local format, find, concat = string.format, string.find, table.concat

local _M = { _VERSION = hs._VERSION }

-- The request's protocol ($server_protocol) as check's version option. It
-- is read from the variable rather than with ngx.req.http_version(), a
-- Lua/C API function, after whose call LuaJIT compiles nothing more of the
-- check. HTTP/0.9 has none ($server_protocol is empty).
local VERSIONS = { ["HTTP/1.0"] = "1.0", ["HTTP/1.1"] = "1.1", ["HTTP/2.0"] = "2", ["HTTP/3.0"] = "3" }

-- Methods nginx reads from the request line are checked to be tokens, as
-- check requires: the common ones by a table read, any other by a pattern
-- (nginx gives "" for a request line it could not parse).
local TOKENS = { GET = true, HEAD = true, POST = true, PUT = true, DELETE = true, OPTIONS = true,
                 PATCH = true, TRACE = true, CONNECT = true }
local function is_token(method)
    return TOKENS[method] or find(method, "^[%w!#$%%&'*+%-.^_`|~]+$") ~= nil
end

-- The result lists carry the module's array marker (cjson's
-- empty_array_mt under OpenResty), as check's own results do.
local ARRAY_MT = getmetatable(hs.get(hs.OK).aliases)

local LEVELS = { info = true, should = true, must = true }
local rule_ids -- id -> true, read from hs.rules() when an ignore option is first seen

-- Text from the caller as an error shows it, as httpstatus's own errors
-- show it: at most 40 bytes, then "..."; a backslash, a NUL and the other
-- control bytes as in a Lua string literal, so nothing is cut at a NUL.
local ESCAPES = { ["\\"] = "\\\\", ["\0"] = "\\0", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function escape(c) return ESCAPES[c] or format("\\%03d", c:byte()) end
local function shown(s)
    local cut = #s > 40
    if cut then s = s:sub(1, 40) end
    s = s:gsub("[%z\1-\31\\\127]", escape)
    return cut and s .. "..." or s
end

-- opts of check or log (fname): the level, the ignore list and the log
-- level, or an error in the luaL style (as httpstatus.check words it)
-- pointing at the caller of fname.
-- An error of read_options: at level 4, the caller of check or log.
local function fail(fname, text, ...)
    error(format("bad argument #1 to '%s' (" .. text .. ")", fname, ...), 4)
end

local function read_options(opts, fname)
    local level, ignore, log_level = "should", nil, WARN
    if opts == nil then
        return level, ignore, log_level
    end
    if type(opts) ~= "table" then
        fail(fname, "table expected, got %s", type(opts))
    end
    for key, value in pairs(opts) do
        if type(key) ~= "string" then
            fail(fname, "option names are strings, got %s", type(key))
        elseif key == "level" then
            if type(value) ~= "string" then
                fail(fname, "option 'level': string expected, got %s", type(value))
            elseif not LEVELS[value] then
                fail(fname, 'option \'level\': invalid level "%s", not one of "info", "should", "must"', shown(value))
            end
            level = value
        elseif key == "ignore" then
            if type(value) ~= "table" then
                fail(fname, "option 'ignore': table expected, got %s", type(value))
            end
            if rule_ids == nil then
                rule_ids = {}
                for _, r in ipairs(hs.rules()) do rule_ids[r.id] = true end
            end
            for _, id in pairs(value) do
                if type(id) ~= "string" then
                    fail(fname, "option 'ignore': rule id expected, got %s", type(id))
                elseif not rule_ids[id] then
                    fail(fname, 'option \'ignore\': unknown rule id "%s"', shown(id))
                end
            end
            ignore = value
        elseif key == "log_level" and fname == "log" then
            if type(value) ~= "number" or value % 1 ~= 0 or value < STDERR or value > DEBUG then
                fail(fname, "option 'log_level': an ngx log level expected (ngx.WARN, ngx.ERR, ...), got %s",
                    type(value) == "number" and tostring(value) or type(value))
            end
            log_level = value
        else
            fail(fname, "unknown option '%s'", shown(key))
        end
    end
    return level, ignore, log_level
end

-- What a check of a response with this status reads, from the rule table
-- (the private httpstatus.core, as httpstatus itself reads it), worked out
-- once per status and kept: only the statuses 100..599 are kept, so a
-- client cannot make the tables grow.
local RANK = { info = 0, should = 1, must = 2 }
local rule_count, rule_fields, rule_applies = core.hs_rule_count(), core.hs_rule_fields, core.hs_rule_applies

-- Whether a rule at level rank or above that needs the request (its
-- method, fields or version) can apply to status: only then are the
-- request's fields and version read (the method is read always: rules that
-- are not about the request read it too, for HEAD and CONNECT).
local request_read = { [0] = {}, {}, {} }
local function reads_request(status, rank)
    local known = request_read[rank][status]
    if known ~= nil then return known end
    known = false
    for i = 0, rule_count - 1 do
        local _, level, _, _, needs_request = rule_fields(i)
        if needs_request and RANK[level] >= rank and rule_applies(i, status) then
            known = true
            break
        end
    end
    if status >= 100 and status <= 599 then request_read[rank][status] = known end
    return known
end

-- Whether two lists of findings name the same rules.
local function same_ids(a, b)
    if #a ~= #b then return false end
    for i = 1, #a do
        if a[i].id ~= b[i].id then return false end
    end
    return true
end

-- Whether a Location changes the findings for status at level rank or
-- above (201 and 3xx: location-missing, location-suggested): only then is a
-- Location nginx hid from get_headers read from $sent_http_location, a
-- lookup that costs about as much as get_headers itself. The core is asked,
-- with a Location and without.
local LEVEL_OF_RANK = { [0] = "info", "should", "must" }
local location_read = { [0] = {}, {}, {} }
local function reads_location(status, rank)
    local known = location_read[rank][status]
    if known ~= nil then return known end
    local level = LEVEL_OF_RANK[rank]
    known = not same_ids(check(status, nil, { level = level }), check(status, { location = "/" }, { level = level }))
    if status >= 100 and status <= 599 then location_read[rank][status] = known end
    return known
end

-- Whether nginx's chunked framing changes the findings for status at level
-- rank or above, with method (Transfer-Encoding is forbidden in a 1xx or
-- 204, and in a 2xx to CONNECT): get_headers shows it as a field
-- (transfer-encoding: chunked), while a lookup by name does not. nginx
-- chunks none of those responses; the core is asked all the same, with the
-- field and without.
local chunked_read = { [0] = {}, {}, {} } -- rank -> method -> status -> boolean
local function reads_chunked(status, rank, method)
    local by_method = chunked_read[rank]
    local by_status = by_method[method or ""]
    local known = by_status and by_status[status]
    if known ~= nil then return known end
    local level = LEVEL_OF_RANK[rank]
    known = not same_ids(check(status, nil, { level = level, method = method }),
        check(status, { ["transfer-encoding"] = "chunked" }, { level = level, method = method }))
    if (method == nil or TOKENS[method]) and status >= 100 and status <= 599 then
        if by_status == nil then
            by_status = {}
            by_method[method or ""] = by_status
        end
        by_status[status] = known
    end
    return known
end

-- Whether content changes the findings for status and method: only then is
-- $body_bytes_sent read. The core is asked, with content and without.
local content_read = {} -- method -> status -> boolean, for the methods in TOKENS
local function reads_content(status, method)
    local by_status = content_read[method]
    local known = by_status and by_status[status]
    if known ~= nil then return known end
    local probe = { method = method, content = true }
    known = not same_ids(check(status, nil, probe), check(status, nil, { method = method, content = false }))
    if TOKENS[method] and status >= 100 and status <= 599 then
        if by_status == nil then
            by_status = {}
            content_read[method] = by_status
        end
        by_status[status] = known
    end
    return known
end

--[[
The fast path, for the responses whose check reads neither the request nor
a field nginx hides (see reads_request, reads_location, reads_chunked):
whether the response breaks no rule, learnt without a Lua/C API call, so
that LuaJIT compiles the whole of log() for it. Most responses break none;
for one that does, or that the fast path cannot judge, the full check below
makes the findings as it always did.

It looks up each field the rules read (the core's list, httpstatus.core's
hs_known_fields; a check ignores every other field) with lua-nginx-module's
ngx_http_lua_ffi_get_resp_header, the call behind ngx.header[name], and
feeds its lines to the core's checker (hs_checker_begin, _response, _end)
through LuaJIT's FFI: no Lua string and no table is made. Both are
declared for the FFI: lua-resty-core declares the first (and is the one
user of it: if it is missing, there is no fast path); this module declares
the core's structs after httpstatus.h and refuses to load when their layout
differs from the core's (httpstatus.core's hs_ffi tells it).

The lookups are written out one per field when the module loads (a function
made of one statement per field, see unrolled): LuaJIT compiles a loop as a
trace of its own and cannot compile the return from the function that holds
it into an interpreted caller, which left the rest of each check to the
interpreter.
]]
local KNOWN_FIELDS = core.hs_known_fields()
-- The most lines of one field a lookup answers; a field with more goes to
-- the full check (get_headers(0) reads every line).
local MAX_LINES = 100

local function unrolled(head, per_field, tail, ...)
    local lines = { head }
    for i = 1, #KNOWN_FIELDS do
        local name = KNOWN_FIELDS[i]
        lines[#lines + 1] = (per_field:gsub("NAME", format("%q", name)):gsub("LEN", #name))
    end
    lines[#lines + 1] = tail
    return assert((loadstring or load)(concat(lines, "\n"), "=httpstatus.ngx (one statement per field)"))(...)
end

local fast_clean -- (status, method, content, rank, ignore) -> true when no rule is broken, false or nil when not known
do
    local has_ffi, ffi = pcall(require, "ffi")
    local has_base, base = pcall(require, "resty.core.base")
    local get_resp_header = has_ffi and has_base and type(base) == "table" and type(base.get_request) == "function"
        and select(2, pcall(function() return ffi.C.ngx_http_lua_ffi_get_resp_header end))
    if type(get_resp_header) == "cdata" then
        local bit = require "bit"
        if not pcall(ffi.typeof, "struct hs_ngx_checker") then
            ffi.cdef [[
                struct hs_ngx_header { const char *name; size_t name_len; const char *value; size_t value_len; };
                struct hs_ngx_options {
                    const char *method; size_t method_len;
                    bool request_fields_given; const struct hs_ngx_header *request_fields; size_t request_field_count;
                    int content; const char *content_data; size_t content_size;
                    int version; unsigned long long ignore; int level;
                };
                struct hs_ngx_finding { size_t rule; const char *field; };
                struct hs_ngx_checker {
                    int code; struct hs_ngx_options opt; unsigned long response; unsigned long request; bool invalid;
                    unsigned long values; unsigned long long first_key[5]; size_t first_length[5]; unsigned problem;
                };
                typedef bool (*hs_ngx_begin)(struct hs_ngx_checker *, int, const struct hs_ngx_options *);
                typedef void (*hs_ngx_response)(struct hs_ngx_checker *, const char *, size_t, const char *, size_t);
                typedef size_t (*hs_ngx_end)(const struct hs_ngx_checker *, struct hs_ngx_finding *, size_t);
            ]]
        end
        local c_ = core.hs_ffi()
        local layout = {
            checker_size = ffi.sizeof("struct hs_ngx_checker"),
            checker_opt = ffi.offsetof("struct hs_ngx_checker", "opt"),
            checker_response = ffi.offsetof("struct hs_ngx_checker", "response"),
            checker_invalid = ffi.offsetof("struct hs_ngx_checker", "invalid"),
            checker_values = ffi.offsetof("struct hs_ngx_checker", "values"),
            checker_first_length = ffi.offsetof("struct hs_ngx_checker", "first_length"),
            checker_problem = ffi.offsetof("struct hs_ngx_checker", "problem"),
            options_size = ffi.sizeof("struct hs_ngx_options"),
            options_request_fields_given = ffi.offsetof("struct hs_ngx_options", "request_fields_given"),
            options_content = ffi.offsetof("struct hs_ngx_options", "content"),
            options_content_data = ffi.offsetof("struct hs_ngx_options", "content_data"),
            options_version = ffi.offsetof("struct hs_ngx_options", "version"),
            options_ignore = ffi.offsetof("struct hs_ngx_options", "ignore"),
            options_level = ffi.offsetof("struct hs_ngx_options", "level"),
        }
        for what, n in pairs(layout) do
            if c_[what] ~= n then
                error(format("httpstatus.ngx: its FFI declaration of the core's checker does not match the core "
                    .. "(%s: %d here, %s in httpstatus.core); rebuild the module from one source tree", what, n,
                    tostring(c_[what])), 2)
            end
        end
        local begin = ffi.cast("hs_ngx_begin", c_.begin)
        local feed = ffi.cast("hs_ngx_response", c_.response)
        local finish = ffi.cast("hs_ngx_end", c_.finish)
        local checker = ffi.new("struct hs_ngx_checker")
        local options = ffi.new("struct hs_ngx_options")
        local values = ffi.new("ngx_http_lua_ffi_str_t[?]", MAX_LINES)
        local key_buf = ffi.new("unsigned char[?]", 64) -- the lookup may write a name there (none is this long)
        local errmsg = base.get_errmsg_ptr()
        local get_request = base.get_request
        local LEVEL = { [0] = c_.level_info, c_.level_should, c_.level_must }
        local CONTENT_UNKNOWN, CONTENT_NONE, CONTENT_PRESENT = c_.content_unknown, c_.content_none, c_.content_present
        local rule_index = {} -- id -> index in the core's table
        for i = 0, rule_count - 1 do rule_index[(rule_fields(i))] = i end
        local one = ffi.new("unsigned long long", 1)
        local lshift, bor = bit.lshift, bit.bor
        -- date-missing: every response nginx sends has a Date (see ignored below)
        local DATE = lshift(one, rule_index["date-missing"])

        -- Feeds each line of every known field of the response r to the
        -- checker; false when a lookup fails or answers MAX_LINES lines.
        local feed_lines = function(name, len, n)
            for i = 0, n - 1 do
                feed(checker, name, len, values[i].data, values[i].len)
            end
        end
        local feed_known = unrolled(
            "local get_resp_header, key_buf, values, MAX, errmsg, feed, feed_lines, checker = ... "
                .. "return function(r) local n",
            "n = get_resp_header(r, NAME, LEN, key_buf, values, MAX, errmsg) "
                .. "if n == 1 then feed(checker, NAME, LEN, values[0].data, values[0].len) "
                .. "elseif n ~= 0 then if n < 0 or n >= MAX then return false end feed_lines(NAME, LEN, n) end",
            "return true end",
            get_resp_header, key_buf, values, MAX_LINES, errmsg, feed, feed_lines, checker)

        fast_clean = function(status, method, content, rank, ignore)
            local r = get_request()
            if r == nil then return nil end
            local mask = DATE
            if ignore ~= nil then
                for _, id in pairs(ignore) do mask = bor(mask, lshift(one, rule_index[id])) end
            end
            options.method = method
            options.method_len = method and #method or 0
            options.content = content == nil and CONTENT_UNKNOWN or content and CONTENT_PRESENT or CONTENT_NONE
            options.ignore = mask
            options.level = LEVEL[rank]
            -- options.method points into the Lua string method: nothing from
            -- here to finish allocates, so no collection can free it meanwhile
            begin(checker, status, options)
            if not feed_known(r) then return nil end
            return finish(checker, nil, 0) == 0
        end
    end
end

-- ignore as check_fields takes it (ids separated by commas), plus
-- date-missing: every response nginx sends has a Date. nginx writes its own
-- (its header filter, from its own clock, out of sight of get_headers) into
-- every response that has none; one set from Lua is among the fields, and
-- checked as it is.
local function ignored(ignore)
    if ignore == nil then return "date-missing" end
    local list = { "date-missing" }
    for _, id in pairs(ignore) do list[#list + 1] = id end
    return concat(list, ",")
end

-- The findings of the current request's response, or nil when there are
-- none or nginx sent no response. fname names the caller in errors.
local function findings_of(level, ignore, fname)
    local phase = get_phase()
    if phase ~= "log" then
        error(format("httpstatus.ngx: %s() runs in log_by_lua* only, where the response is known as nginx "
            .. "sent it (called in the %s phase)", fname, phase), 3)
    end
    if not ngx.headers_sent then
        return nil
    end
    local protocol = var.server_protocol
    if protocol == nil or protocol == "" then -- HTTP/0.9: a response without status line or fields
        return nil
    end
    local status, method = ngx.status, get_method()
    if not is_token(method) then method = nil end
    local rank = RANK[level]
    local content = nil
    if method ~= nil and reads_content(status, method) then
        -- the last chunk of an empty chunked body ("0\r\n\r\n") is no content
        local empty = var.sent_http_transfer_encoding == "chunked" and 5 or 0
        content = (tonumber(var.body_bytes_sent) or 0) > empty
    end
    local needs_request = reads_request(status, rank)
    if fast_clean ~= nil and not needs_request and not reads_location(status, rank)
        and not reads_chunked(status, rank, method) and fast_clean(status, method, content, rank, ignore) then
        return nil
    end
    local headers = resp_get_headers(0)
    -- A Location that nginx made absolute (and over HTTP/2 any Location) is
    -- written by its header filter and hidden from get_headers;
    -- $sent_http_location still holds it.
    if rawget(headers, "location") == nil and reads_location(status, rank) then
        headers.location = var.sent_http_location
    end
    if needs_request then
        return check_fields(status, headers, method, req_get_headers(0, true), VERSIONS[protocol], content, level,
            ignored(ignore))
    end
    return check_fields(status, headers, method, nil, nil, content, level, ignored(ignore))
end

--- check(opts): the findings of the response rules for the current request
--- and the response nginx sent, as a new array of finding tables (see
--- httpstatus.check), empty when it breaks no rule or when nginx sent no
--- response. opts (optional): level ("should" by default, "must", "info")
--- and ignore (rule ids). Phase: log_by_lua* only; any other is an error.
function _M.check(opts)
    local level, ignore = read_options(opts, "check")
    return findings_of(level, ignore, "check") or setmetatable({}, ARRAY_MT)
end

--- log(opts): check(opts), and each finding logged with ngx.log at
--- opts.log_level (ngx.WARN by default) as
---   httpstatus: GET /path?query 405: must allow-missing: <message> (<reference>)
--- Returns the findings. Phase: log_by_lua* only; any other is an error.
function _M.log(opts)
    local level, ignore, log_level = read_options(opts, "log")
    local findings = findings_of(level, ignore, "log")
    if findings == nil then
        -- not a tail call: LuaJIT cannot compile one to a builtin that
        -- returns past the start of the trace (log, called from nginx's
        -- chunk), and the usual case, a response that breaks no rule,
        -- would be left to the interpreter
        findings = setmetatable({}, ARRAY_MT)
        return findings
    end
    local method, uri, status = get_method(), var.request_uri, ngx.status
    if method == "" then method = "-" end
    for i = 1, #findings do
        local f = findings[i]
        ngx_log(log_level, "httpstatus: ", method, " ", uri or "-", " ", status, ": ", f.level, " ", f.id, ": ",
            f.message, " (", f.reference, ")")
    end
    return findings
end

return _M
