-- Unit prices are published with up to four decimals and more (0.0273 per gram, 0.908333333333333 per 100 ml); two
-- decimals turned 0.0273 into 0.03. Unit prices keep four decimals; prices stay at two (agorot). The silo rounds every
-- row to these scales before comparing it with what is stored (StoredPrecision), so a price list restored from here
-- equals the file it was written from.
ALTER TABLE store_prices ALTER COLUMN unit_price TYPE numeric(14,4);
ALTER TABLE promotions ALTER COLUMN discounted_price_per_unit TYPE numeric(14,4);
