-- wrk script for tests/load/test_nginx_load.sh: cycles through the paths
-- in the file given after "--" (each thread from its own place in the list),
-- and counts every answer that is not a 200 whose body starts with "ok ".
-- done() prints one line for the test to read:
--   requests=N bad=N connect=N read=N write=N timeout=N status=N
-- and the first bad answer, if any.
local paths, i = {}, 0
bad, first_bad = 0, nil

function init(args)
    for line in io.lines(args[1]) do
        paths[#paths + 1] = wrk.format("GET", line)
    end
    i = math.random(#paths)
end

function request()
    i = i % #paths + 1
    return paths[i]
end

function response(status, headers, body)
    if status ~= 200 or body:sub(1, 3) ~= "ok " then
        bad = bad + 1
        if first_bad == nil then
            first_bad = status .. " " .. body:sub(1, 300)
        end
    end
end

local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
end

function done(summary, latency, requests)
    local total_bad, first = 0, nil
    for _, thread in ipairs(threads) do
        total_bad = total_bad + thread:get("bad")
        first = first or thread:get("first_bad")
    end
    local e = summary.errors
    io.write(string.format("requests=%d bad=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
        summary.requests, total_bad, e.connect, e.read, e.write, e.timeout, e.status))
    if first then
        io.write("first bad answer: ", first, "\n")
    end
end
