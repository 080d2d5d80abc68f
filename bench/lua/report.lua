-- Shared by the scenario scripts: prints one machine-readable line with throughput and latency percentiles
-- (wrk measures latency per request, in microseconds). bench/run.sh reads the line; it never judges it.
local report = {}

function report.done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "non2xx=%d socket_errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end

-- Gives each wrk thread its number (1..n), so scripts can build values that differ across threads.
local next_thread = 1
function report.number_threads(thread)
   thread:set("thread_no", next_thread)
   next_thread = next_thread + 1
end

return report
