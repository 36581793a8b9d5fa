-- wrk script of bench/run.sh: one request shape per run, configured by environment variables, and one
-- machine-readable RESULT line with the latency percentiles and error counts at the end.
--
--   BENCH_METHOD  HTTP method (default POST)
--   BENCH_PATH    request path; "{key}" in it is replaced per request (see BENCH_KEYS)
--   BENCH_BODY    request body, sent as application/json (default none)
--   BENCH_KEYS    a number N: {key} is a random key k1..kN per request;
--                 "unique": {key} is unique per request (e.g. one workflow per request)
--   BENCH_COUNT_429  "1": count 429 answers (push-back under overload) apart; costs a Lua call per response
local method = os.getenv("BENCH_METHOD") or "POST"
local path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY")
if body == "" then body = nil end
local keys = os.getenv("BENCH_KEYS") or ""
local headers = { ["Content-Type"] = "application/json" }

wrk.method = method
wrk.path = path
wrk.body = body
wrk.headers = headers

local threads = {}
local counter = 0
local prefix = ""

function setup(thread)
   thread:set("thread_id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   local id = thread_id or 0
   math.randomseed(os.time() * 1000 + id)
   -- unique keys: run start, thread and a per-thread counter
   prefix = string.format("%d-%d-", os.time(), id)
end

local function key()
   if keys == "unique" then
      counter = counter + 1
      return prefix .. counter
   end
   return "k" .. math.random(tonumber(keys))
end

-- Only a templated path needs a request() function; without one wrk sends a pre-built request (faster).
if path:find("{key}", 1, true) then
   if keys == "" then
      error("BENCH_PATH " .. path .. " contains {key}: set BENCH_KEYS to a number or to unique")
   end
   function request()
      local p = path:gsub("{key}", key(), 1)
      return wrk.format(method, p, headers, body)
   end
end

refused = 0 -- a global: done() reads it from each thread
if os.getenv("BENCH_COUNT_429") == "1" then
   function response(status, headers, body)
      if status == 429 then
         refused = refused + 1
      end
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   local r429 = 0
   for _, thread in ipairs(threads) do
      r429 = r429 + (thread:get("refused") or 0)
   end
   io.write(string.format(
      "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d mean_us=%.0f connect=%d read=%d write=%d status=%d timeout=%d r429=%d\n",
      summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.mean,
      e.connect, e.read, e.write, e.status, e.timeout, r429))
end
