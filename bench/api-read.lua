-- wrk script for bench/api-read.sh: each request reads one local day of 15-minute values of one series,
-- rotating over BENCH_SERIES series and BENCH_DAYS days (2026-01-01 onwards).
local series = tonumber(os.getenv("BENCH_SERIES") or "20")
local days = tonumber(os.getenv("BENCH_DAYS") or "30")
local key = os.getenv("BENCH_KEY")
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

function init(args)
  n = offset or 0
end

request = function()
  n = n + 1
  local s = n % series
  local d = math.floor(n / series) % days
  local from = os.date("!%Y-%m-%d", 1767225600 + d * 86400)
  local to = os.date("!%Y-%m-%d", 1767225600 + (d + 1) * 86400)
  local path = "/api/v1/series/bench-" .. s .. ".active_power/observations?from=" .. from .. "&to=" .. to
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key, ["Accept-Encoding"] = "gzip" })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.0f errors_status=%d errors_connect=%d errors_read=%d errors_timeout=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
