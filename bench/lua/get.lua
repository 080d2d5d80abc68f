-- A GET with the bearer token from BENCH_TOKEN (day log page, QR image). The path comes from wrk's URL.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local report = require("report")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = os.getenv("BENCH_ACCEPT") or "application/json"
done = report.done
