using System.Text;
using Gogobe.Feeds.Model;

namespace Gogobe.Synthetic;

/// <summary>The broken files of the real portals, each under its own store number (901, 902 …) of the first chain.</summary>
internal static class BadFiles
{
    private const string LoginPage =
        "<!DOCTYPE html>\n<html lang=\"he\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>כניסה למערכת</title></head>\n" +
        "<body><form method=\"post\" action=\"/login\"><label>שם משתמש</label><input name=\"username\"><label>סיסמה</label>" +
        "<input type=\"password\" name=\"password\"><button>כניסה</button></form></body></html>\n";

    public static IEnumerable<GeneratedFeed> Write(string folder, LayoutWriter writer, SyntheticChain chain, SyntheticFeedOptions options)
    {
        var stamp = options.FirstDay.ToDateTime(TimeOnly.MinValue).AddMinutes(10);
        var number = 900;
        foreach (var kind in options.Bad)
        {
            var store = chain.Stores[0] with { Id = ++number };
            var name = writer.FileName(FeedKind.PriceFull, store, stamp);
            var path = Path.Combine(folder, name);
            switch (kind)
            {
                case BadFileKind.Html:
                    File.WriteAllText(path, LoginPage, new UTF8Encoding(false));
                    yield return new GeneratedFeed(name, FeedKind.PriceFull, chain.Layout, false, 0, 0, 0, 0, 0);
                    break;
                case BadFileKind.Empty:
                    File.WriteAllBytes(path, []);
                    yield return new GeneratedFeed(name, FeedKind.PriceFull, chain.Layout, false, 0, 0, 0, 0, 0);
                    break;
                case BadFileKind.Truncated:
                    FeedGenerator.Write(folder, writer, FeedKind.PriceFull, store, stamp, chain.Layout, w => Counts.Of(writer.WritePrices(w, store, 0, true, null)));
                    var whole = File.ReadAllBytes(path);
                    File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
                    yield return new GeneratedFeed(name, FeedKind.PriceFull, chain.Layout, false, 0, 0, 0, 0, 0);
                    break;
                default:
                    var written = FeedGenerator.Write(folder, writer, FeedKind.PriceFull, store, stamp, chain.Layout,
                        w => Counts.Of(writer.WritePrices(w, store, 0, true, kind)));
                    yield return kind == BadFileKind.Malformed ? written with { Ok = false, Items = 0 } : written;
                    break;
            }
        }
    }
}
