-- Visitor checkouts of visits prepared by the check-in scenario: BENCH_TOKENS_FILE holds "visitId token"
-- lines; thread k of n closes lines k, k+n, k+2n... once each, and stops when its share is used up, so every
-- request is a real first checkout.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local report = require("report")

local threads = {}
setup = function(thread)
   report.number_threads(thread)
   table.insert(threads, thread)
end

local pairs_ = {}
local index = 0

function init(args)
   local n = tonumber(os.getenv("BENCH_THREADS") or "1")
   local line_no = 0
   for line in io.lines(os.getenv("BENCH_TOKENS_FILE")) do
      if line_no % n == (thread_no - 1) then
         local id, token = line:match("^(%S+) (%S+)$")
         if id then
            table.insert(pairs_, {id, token})
         end
      end
      line_no = line_no + 1
   end
end

function request()
   index = index + 1
   local pair = pairs_[index]
   if pair == nil then
      wrk.thread:stop()
      pair = pairs_[#pairs_]
   end
   return wrk.format("POST", "/api/v1/checkins/" .. pair[1] .. "/checkout",
      {["Content-Type"] = "application/json"}, '{"checkoutToken":"' .. pair[2] .. '"}')
end

done = report.done
