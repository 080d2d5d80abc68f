-- Tracing queries (run with one connection, so latency is one query's time): each request asks for a random
-- person of the first BENCH_PERSONS generated persons (+849 + 8 digits), over the last 31 days, at depth
-- BENCH_DEPTH. Counts contacts in the answers so the two data scales can be compared like for like.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local report = require("report")

local persons = tonumber(os.getenv("BENCH_PERSONS"))
local depth = os.getenv("BENCH_DEPTH") or "1"
local from = os.getenv("BENCH_FROM")
local to = os.getenv("BENCH_TO")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
answers, contacts = 0, 0

local threads = {}
setup = function(thread)
   report.number_threads(thread)
   table.insert(threads, thread)
end

function init(args)
   math.randomseed(1000 + (thread_no or 1))
end

function request()
   local phone = string.format("+849%08d", math.random(0, persons - 1))
   return wrk.format("POST", "/api/v1/tracing/queries", nil, string.format(
      '{"case":{"phone":"%s"},"from":"%s","to":"%s","minOverlapMinutes":15,"depth":%s,"reason":"benchmark"}',
      phone, from, to, depth))
end

function response(status, headers, body)
   if status == 201 then
      answers = answers + 1
      local _, n = body:gsub('"level":', "")
      contacts = contacts + n
   end
end

function done(summary, latency, requests)
   report.done(summary, latency, requests)
   local a, c = 0, 0
   for _, thread in ipairs(threads) do
      a = a + thread:get("answers")
      c = c + thread:get("contacts")
   end
   io.write(string.format("BENCH_CONTACTS answers=%d contacts_avg=%.1f\n", a, a > 0 and c / a or 0))
end
