-- Visitor check-ins at one site: every request a new visitor (a distinct Vietnamese mobile number), the site's
-- signed QR URL from BENCH_QR. Each answer's visitId and checkoutToken are appended to BENCH_TOKENS_FILE (when
-- set), so the checkout scenario can close exactly these visits.
-- BENCH_RUN (0-9) keeps phones distinct across runs on one database: +847 RUN THREAD COUNTER(6).
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local report = require("report")

local qr = os.getenv("BENCH_QR")
local run = tonumber(os.getenv("BENCH_RUN") or "0") % 10
local tokens_file = os.getenv("BENCH_TOKENS_FILE")
local counter = 0
local out

setup = report.number_threads

function init(args)
   if tokens_file and tokens_file ~= "" then
      out = io.open(tokens_file, "a")
      out:setvbuf("line")
   end
end

function request()
   counter = counter + 1
   local phone = string.format("+847%d%d%06d", run, (thread_no or 1) % 10, counter % 1000000)
   local body = string.format('{"qr":"%s","visitor":{"fullName":"Khách đo tải %d-%d","phone":"%s",'
      .. '"yearOfBirth":1990,"organization":"Bench"},"purpose":"Họp","hostName":"Lễ tân",'
      .. '"declaration":{"temperatureC":36.6,"symptoms":[],"closeContactWithCase":false,'
      .. '"visitedOutbreakArea":false,"vaccineDoses":2},"consent":true}', qr, thread_no or 1, counter, phone)
   return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
   if out and status == 201 then
      local id = body:match('"visitId"%s*:%s*"([^"]+)"')
      local token = body:match('"checkoutToken"%s*:%s*"([^"]+)"')
      if id and token then
         out:write(id, " ", token, "\n")
      end
   end
end

done = report.done
