namespace Gogobe.Synthetic;

internal sealed partial class LayoutWriter
{
    /// <summary>Writes a PriceFull (every item the store sells) or a Price delta (items whose price changed that day).</summary>
    public (int Items, int Rejected) WritePrices(TextWriter writer, SyntheticStore store, int day, bool full, BadFileKind? bad)
    {
        var items = new List<int>(chain.Catalog.Length);
        for (var i = 0; i < chain.Catalog.Length; i++)
        {
            if (Sells(store, i) && (full || Changed(store, i, day)))
            {
                items.Add(i);
            }
        }

        var xml = new FeedXmlWriter(writer);
        StoreHeader(xml, store, promotions: false);
        var (container, record) = Layout switch
        {
            'D' => ("Products", "Product"),
            'E' => ("Details", "Line"),
            _ => ("Items", "Item"),
        };
        xml.Open(container, Layout switch
        {
            'A' or 'B' => $"Count=\"{items.Count}\"",
            'C' => $"count=\"{items.Count}\"",
            _ => null,
        });

        var rejected = 0;
        for (var n = 0; n < items.Count; n++)
        {
            var spoil = n % 10 == 5 && bad is BadFileKind.EmptyPrice or BadFileKind.MissingCode;
            rejected += spoil ? 1 : 0;
            xml.Open(record);
            WriteItem(xml, store, items[n], day, spoil ? bad : null);
            if (bad == BadFileKind.Malformed && n == items.Count / 2)
            {
                xml.Unclosed();
            }
            else
            {
                xml.Close(record);
            }
        }

        xml.Close(container);
        if (Layout == 'E')
        {
            xml.Close("Header");
            xml.Close("Envelope");
        }

        xml.Close(RootName(promotions: false));
        return (items.Count - rejected, rejected);
    }

    private void WriteItem(FeedXmlWriter xml, SyntheticStore store, int index, int day, BadFileKind? spoil)
    {
        var p = chain.Catalog[index];
        var price = PriceOf(store, index, day);
        var updated = Day(day).AddDays(-(double)(Draw(10, (ulong)store.Id, (ulong)index) % 400)).AddMinutes(Draw(11, (ulong)store.Id, (ulong)index) % 1440);
        xml.Leaf(Layout == 'F' ? "PriceUpdateTime" : "PriceUpdateDate", updated, DateFormat(Layout));
        xml.Leaf("ItemCode", spoil == BadFileKind.MissingCode ? null : p.Code);
        if (Layout == 'F')
        {
            xml.Leaf("LastSaleDateTime", Day(day).AddHours(-3), DateFormat('F'));
        }

        if (Layout != 'E')
        {
            xml.Leaf("ItemType", p.IsInternal ? 0 : 1);
        }

        var newStyle = Layout is 'D' or 'F';
        xml.Leaf(Layout == 'C' ? "ItemNm" : "ItemName", Pad(p.Name));
        xml.Leaf(newStyle ? "ManufactureName" : "ManufacturerName", p.Manufacturer);
        xml.Leaf("ManufactureCountry", p.Country);
        xml.Leaf(newStyle ? "ManufactureItemDescription" : "ManufacturerItemDescription", p.Name);
        xml.Leaf("UnitQty", Pad(p.UnitQty));
        xml.Leaf("Quantity", p.Quantity);
        var weighted = Layout switch { 'D' => "BisWeighted", 'E' => "blsWeighted", _ => "bIsWeighted" };
        if (Layout == 'B')
        {
            xml.Leaf(weighted, p.IsWeighted ? 1 : 0);
        }

        xml.Leaf(Layout == 'D' ? "UnitMeasure" : "UnitOfMeasure", Pad(p.UnitOfMeasure));
        if (Layout != 'B')
        {
            xml.Leaf(weighted, p.IsWeighted ? 1 : 0);
        }

        xml.Leaf("QtyInPackage", Layout == 'A' ? "לא ידוע" : "1");
        if (spoil == BadFileKind.EmptyPrice)
        {
            xml.Leaf("ItemPrice", (string?)null);
        }
        else
        {
            xml.Leaf("ItemPrice", price);
        }

        var perUnit = p.UnitOfMeasure.StartsWith("100", StringComparison.Ordinal) && p.Quantity > 0 ? price / p.Quantity * 100 : price;
        xml.Leaf("UnitOfMeasurePrice", perUnit, "0.0000");
        xml.Leaf("AllowDiscount", 1);
        if (Layout == 'F')
        {
            xml.Leaf("ItemStatus", (string?)null);
        }
        else
        {
            xml.Leaf(Layout == 'D' ? "itemStatus" : "ItemStatus", 1);
        }

        if (Layout == 'A')
        {
            xml.Leaf("ItemId", index + 1);
        }
        else if (Layout == 'D')
        {
            xml.Leaf("LastUpdateDate", updated, "yyyy/MM/dd");
            xml.Leaf("LastUpdateTime", updated, "HH:mm:ss");
        }
    }

    private bool Sells(SyntheticStore store, int item) => Draw(9, (ulong)store.Id, (ulong)item) % 100 < 97;

    private bool Changed(SyntheticStore store, int item, int day) =>
        Draw(7, ((ulong)store.Id << 16) | (uint)day, (ulong)item) % 100 < 3;

    private decimal PriceOf(SyntheticStore store, int item, int day)
    {
        var price = chain.Catalog[item].BasePrice * (1 + (((long)(Draw(6, (ulong)store.Id, (ulong)item) % 600) - 300) / 10000m));
        for (var d = 0; d <= day; d++)
        {
            if (Changed(store, item, d))
            {
                price *= 1 + (((long)(Draw(8, ((ulong)store.Id << 16) | (uint)d, (ulong)item) % 200) - 100) / 1000m);
            }
        }

        return Math.Max(0.90m, Math.Round(price, 1) - 0.10m);
    }
}
