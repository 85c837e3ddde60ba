-- wrk script for `xephang bench issue`: the same load as the bench's own client, from an outside tool.
-- Each request issues one ticket: POST /api/v1/sites/{site}/tickets with the kiosk's bearer token, rotating over
-- the sites and services of the generated centre, with a unique Idempotency-Key (a retried request must not count
-- twice). Arguments after `--`: TOKEN SITES SERVICES RUN (services are the prefix letters in order; RUN makes the
-- keys unique across runs).
-- At the end one line `wrk-result {json}` reports the answers by HTTP status, so the bench can fail on any non-2xx.

local letters = "ABCDEGHKLMNPQSTVX"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  sites = tonumber(args[2])
  services = tonumber(args[3])
  run = args[4]
  statuses = {}
  body = {}
  for k = 1, services do
    body[k] = '{"service":"' .. letters:sub(k, k) .. '"}'
  end
end

function request()
  counter = counter + 1
  local site = string.format("s%03d", (counter % sites) + 1)
  local service = (math.floor(counter / sites) % services) + 1
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "wrk-" .. run .. "-" .. id .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/sites/" .. site .. "/tickets", headers, body[service])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local byStatus = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      byStatus[status] = (byStatus[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(byStatus) do
    table.insert(parts, string.format('"%d":%d', status, n))
  end
  io.write(string.format(
    'wrk-result {"requests":%d,"seconds":%.3f,"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,"maxMicros":%d,'
      .. '"socketErrors":%d,"byStatus":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
