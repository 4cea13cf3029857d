-- wrk script: POSTs unique orders (3 lines each) to order-intake, one new order id and
-- Idempotency-Key per request. Usage (see README): wrk -s orders.lua <url> -- <api-key>
-- The api key is optional (the bare endpoint needs none).

local counter = 0
thread_tag = ""
local api_key = nil
local run_tag = tostring(os.time())

function setup(thread)
  thread:set("thread_tag", tostring(math.random(1, 1e9)))
end

function init(args)
  api_key = args[1]
  counter = 0
end

local body_template = '{"orderId":"%s","customer":{"id":"c-%d","email":"c%d@example.com","tier":"GOLD","locale":"de-DE"},'
  .. '"currency":"EUR","lines":['
  .. '{"lineId":"1","sku":"SKU-%d","quantity":2,"unitPrice":"19.99"},'
  .. '{"lineId":"2","sku":"SKU-%d","quantity":1,"unitPrice":"5.00"},'
  .. '{"lineId":"3","sku":"SKU-%d","quantity":4,"unitPrice":"0.99"}],'
  .. '"placedAt":"2026-01-01T10:00:00Z","shippingPolicy":"PARTIAL"}'

function request()
  counter = counter + 1
  local id = "b" .. run_tag .. "-" .. thread_tag .. "-" .. counter
  local body = string.format(body_template, id, counter % 1000, counter % 1000,
    counter % 50, (counter + 7) % 50, (counter + 13) % 50)
  local headers = {["Content-Type"] = "application/json", ["Idempotency-Key"] = id}
  if api_key then
    headers["Authorization"] = "Bearer " .. api_key
  end
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local failed = errors.status + errors.connect + errors.read + errors.write + errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d accepted=%d failed=%d seconds=%.2f accepted_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.requests - failed, failed, seconds, (summary.requests - failed) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000))
end
