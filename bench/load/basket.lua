-- Basket comparison: 20 random products within 10 km of Tel Aviv, split over up to 3 stores.
local keys = {}
for key in io.lines(os.getenv("KEYS_FILE")) do keys[#keys + 1] = key end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local items = {}
  for i = 1, 20 do items[i] = '{"key":"' .. keys[math.random(#keys)] .. '","quantity":1}' end
  local body = '{"items":[' .. table.concat(items, ",") .. '],"near":"32.0853,34.7818","radiusKm":10,"maxStores":3}'
  return wrk.format(nil, "/api/baskets/compare", nil, body)
end
