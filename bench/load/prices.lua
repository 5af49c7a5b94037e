-- Cached product-price lookups: a random product of KEYS near Tel Aviv.
local keys = {}
for key in io.lines(os.getenv("KEYS_FILE")) do keys[#keys + 1] = key end
request = function()
  local key = keys[math.random(#keys)]
  return wrk.format("GET", "/api/products/" .. key .. "/prices?near=32.0853,34.7818&radiusKm=10&limit=20")
end
