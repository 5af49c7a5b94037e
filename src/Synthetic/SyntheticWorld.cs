using System.Globalization;

namespace Gogobe.Synthetic;

internal sealed record SyntheticProduct(
    string Code, bool IsInternal, string Name, string Manufacturer, string Country,
    string UnitQty, decimal Quantity, string UnitOfMeasure, bool IsWeighted, decimal BasePrice);

internal sealed record SyntheticStore(int Id, int SubChain, string Name, string City, string Address, string ZipCode, int Type);

internal sealed record SyntheticChain(int Index, string ChainId, string Name, char Layout, SyntheticProduct[] Catalog, SyntheticStore[] Stores);

/// <summary>The chains, stores and catalogues behind a generated feed set; the same seed gives the same world.</summary>
internal static class SyntheticWorld
{
    private static readonly string[] Nouns =
    [
        "חלב", "גבינה לבנה", "גבינה צהובה", "יוגורט", "לחם", "פיתות", "אורז", "פסטה", "קמח", "סוכר", "שמן זית", "קפה שחור", "תה",
        "שוקולד", "במבה", "ביסלי", "עוגיות", "קורנפלקס", "טחינה", "חומוס", "שמנת", "חמאה", "ביצים", "מיץ תפוזים", "מים מינרליים",
        "סבון כלים", "אבקת כביסה", "נייר טואלט", "שמפו", "משחת שיניים", "טונה", "תירס", "רסק עגבניות", "קטשופ", "מיונז", "דבש",
    ];

    private static readonly string[] Makers =
    [
        "תנובה", "שטראוס", "אסם", "עלית", "טרה", "יטבתה", "סוגת", "וילי פוד", "פרי הגליל", "נסטלה", "יוניליוור", "סנו", "מ&מ יבוא", "לא ידוע",
    ];

    private static readonly string[] ChainNames = ["שוק העיר", "מחסני המחיר", "סופר השכונה", "זול פלוס", "טעם הבית", "מגה חסכון", "יש חסד", "קשת"];

    private static readonly string[] Cities = ["תל אביב", "ירושלים", "חיפה", "באר שבע", "ראשון לציון", "פתח תקווה", "אשדוד", "נתניה", "חולון", "בני ברק"];

    private static readonly string[] Streets = ["הרצל", "ויצמן", "ז'בוטינסקי", "רוטשילד", "העצמאות", "הנביאים", "בן גוריון", "סוקולוב"];

    private static readonly (string UnitQty, string UnitOfMeasure, int[] Sizes)[] Units =
    [
        ("גרם", "100 גרם", [100, 200, 250, 500, 750, 1000]),
        ("גרמים", "100 גרם", [80, 150, 400]),
        ("מ\"ל", "100 מ\"ל", [250, 330, 500, 750]),
        ("ליטר", "1 ליטר", [1, 2]),
        ("יחידה", "יחידה", [1, 6, 12]),
        ("יח'", "1 יח'", [1]),
    ];

    public static SyntheticChain[] Build(SyntheticFeedOptions options)
    {
        var seed = (ulong)(uint)options.Seed;
        var pool = BarcodePool(seed, Math.Max(options.Items * 2, 16));
        var chains = new SyntheticChain[options.Chains];
        for (var c = 0; c < options.Chains; c++)
        {
            var layout = options.Layout == 'M' ? "ABCDEF"[c % 6] : options.Layout;
            var chainId = ChainIdOf(seed, c);
            chains[c] = new SyntheticChain(c, chainId, ChainNames[c % ChainNames.Length], layout, Catalog(seed, c, options.Items, pool), StoresOf(seed, c, options.Stores));
        }

        return chains;
    }

    private static string ChainIdOf(ulong seed, int chain) =>
        Ean13("7290" + (SyntheticRandom.Next(seed, 1, (ulong)chain) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture));

    private static string[] BarcodePool(ulong seed, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new string[count];
        for (ulong i = 0, n = 0; n < (ulong)count; i++)
        {
            var digits = (SyntheticRandom.Next(seed, 2, i) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
            var code = Ean13(("729" + digits)[..12]);
            if (seen.Add(code))
            {
                codes[n++] = code;
            }
        }

        return codes;
    }

    private static SyntheticProduct[] Catalog(ulong seed, int chain, int items, string[] pool)
    {
        var products = new SyntheticProduct[items];
        var internalCount = items / 10;
        var start = (int)(SyntheticRandom.Next(seed, 3, (ulong)chain) % (ulong)pool.Length);
        for (var i = 0; i < items; i++)
        {
            var isInternal = i >= items - internalCount;
            var code = isInternal ? (1 + i - (items - internalCount) + (chain * 7)).ToString(CultureInfo.InvariantCulture) : pool[(start + i) % pool.Length];
            var r = SyntheticRandom.Next(seed, 4, (ulong)HashCode(code));
            var weighted = isInternal && r % 3 == 0;
            var unit = Units[(int)(r % (ulong)Units.Length)];
            var size = unit.Sizes[(int)(r / 7 % (ulong)unit.Sizes.Length)];
            var noun = Nouns[(int)(r / 31 % (ulong)Nouns.Length)];
            var maker = Makers[(int)(r / 997 % (ulong)Makers.Length)];
            var basePrice = 2m + (r / 4099 % 7800 / 100m);
            products[i] = weighted
                ? new SyntheticProduct(code, true, $"{noun} במשקל", maker, "ישראל", "ק\"ג", 1, "ק\"ג", true, basePrice)
                : new SyntheticProduct(code, isInternal, $"{noun} {maker} {size} {unit.UnitQty}", maker, r % 5 == 0 ? "איטליה" : "ישראל",
                    unit.UnitQty, size, unit.UnitOfMeasure, false, basePrice);
        }

        return products;
    }

    private static SyntheticStore[] StoresOf(ulong seed, int chain, int count)
    {
        var stores = new SyntheticStore[count];
        for (var s = 0; s < count; s++)
        {
            var r = SyntheticRandom.Next(seed, 5, ((ulong)chain << 20) | (uint)s);
            var city = Cities[(int)(r % (ulong)Cities.Length)];
            stores[s] = new SyntheticStore(
                s + 1, 1, $"{city} {Streets[(int)(r / 13 % (ulong)Streets.Length)]}", city,
                $"{Streets[(int)(r / 101 % (ulong)Streets.Length)]} {1 + (r / 7 % 120)}", (1_000_000 + (r % 8_999_999)).ToString(CultureInfo.InvariantCulture),
                s % 10 == 9 ? 2 : 1);
        }

        return stores;
    }

    private static string Ean13(string twelve)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return twelve + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static uint HashCode(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }
}

/// <summary>Counter-based random numbers: the value for (seed, stream, index) never depends on what was drawn before.</summary>
internal static class SyntheticRandom
{
    public static ulong Next(ulong seed, ulong stream, ulong index)
    {
        var z = seed + (stream * 0x9E3779B97F4A7C15UL) + (index * 0xBF58476D1CE4E5B9UL) + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Next(ulong seed, ulong stream, ulong a, ulong b, ulong c) =>
        Next(seed, stream, Next(a, b, c));
}
