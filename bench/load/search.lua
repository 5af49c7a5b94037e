-- Product search: one or two random words of real product names, or a barcode prefix.
local words = {}
for word in io.lines(os.getenv("WORDS_FILE")) do words[#words + 1] = word end
local function escape(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
  local q = words[math.random(#words)]
  if math.random() < 0.5 then q = q .. " " .. words[math.random(#words)] end
  return wrk.format("GET", "/api/products/search?limit=20&q=" .. escape(q))
end
