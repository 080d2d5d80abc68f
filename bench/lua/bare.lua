-- The bare endpoint of the same application (liveness): the ceiling the other scenarios are compared to.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local report = require("report")
done = report.done
