using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Places;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe places report &lt;files-or-folders&gt;...</c>: how well Stores files place their stores offline.</summary>
internal static class PlacesCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Stores files or folders (walked recursively).", Arity = ArgumentArity.OneOrMore };
        var geo = new Option<string?>("--geo") { Description = "Folder of the official lists (default: ../shared/geo beside the repository)." };
        var report = new Command("report", "Place every store of the Stores files offline (feed coordinates, localities and streets lists) and report precision and misses by cause.") { paths, geo };
        report.SetAction(parse => Run(parse.GetValue(paths) ?? [], parse.GetValue(geo)));
        return new Command("places", "Where stores are.") { report };
    }

    private static int Run(string[] paths, string? geo)
    {
        var folder = geo ?? GeoLists.DefaultFolder() ?? GeoLists.DefaultFolder(Environment.CurrentDirectory);
        if (folder is null || !File.Exists(Path.Combine(folder, GeoLists.LocalitiesFileName)))
        {
            Console.Error.WriteLine($"No localities list in '{folder ?? "(unknown)"}': pass --geo with the folder holding {GeoLists.LocalitiesFileName}.");
            return 2;
        }

        var lists = GeoLists.Load(Path.Combine(folder, GeoLists.LocalitiesFileName), Path.Combine(folder, GeoLists.StreetsFileName));
        var files = ReadStoresFiles(paths);
        var rows = files.Sum(f => f.Stores.Count);
        var clock = Stopwatch.StartNew();
        var best = PlaceAll(lists.Placer(), files);
        clock.Stop();
        Print(files.Count, rows, best.Values, clock.Elapsed);
        return 0;
    }

    /// <summary>Each file's rows placed in file order; a store keeps its best place, a newer one of equal rank replaces it.</summary>
    internal static Dictionary<(string, string), (StorePlace Place, StoreAddress Store)> PlaceAll(StorePlacer placer, IEnumerable<StoresFile> files)
    {
        var chains = new ChainLocalities();
        var best = new Dictionary<(string, string), (StorePlace, StoreAddress)>();
        foreach (var file in files.OrderBy(f => f.Timestamp))
        {
            var places = placer.Place(file.Stores, chains);
            for (var i = 0; i < places.Count; i++)
            {
                var key = (places[i].ChainId, places[i].StoreId);
                if (!best.TryGetValue(key, out var kept) || places[i].Rank >= kept.Item1.Rank)
                {
                    best[key] = (places[i], file.Stores[i]);
                }
            }
        }

        return best;
    }

    internal static List<StoresFile> ReadStoresFiles(string[] paths)
    {
        var files = new List<StoresFile>();
        foreach (var path in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(path).StartsWith("stores", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var file = FeedFile.Open(path);
            var stores = file.ReadRecords().OfType<StoreRecord>()
                .Select(s => new StoreAddress(s.ChainId, s.StoreId, s.Name, s.Address, s.City, s.StoreType, s.Latitude, s.Longitude))
                .ToList();
            if (file.Result.Header is { Kind: FeedKind.Stores } header && stores.Count > 0)
            {
                files.Add(new StoresFile(path, header.Timestamp, stores));
            }
        }

        return files;
    }

    private static void Print(int files, int rows, IEnumerable<(StorePlace Place, StoreAddress Store)> stores, TimeSpan elapsed)
    {
        var all = stores.ToList();
        var physical = all.Where(s => !AddressParser.IsOnline(s.Store)).ToList();
        static string Share(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        Console.Out.WriteLine($"files\t{files}\nrows\t{rows}\nstores\t{all.Count}\nphysical stores\t{physical.Count}");
        Console.Out.WriteLine($"placed (all stores)\t{all.Count(s => s.Place.Placed)}\t{Share(all.Count(s => s.Place.Placed), all.Count)}");
        Console.Out.WriteLine($"placed (physical stores)\t{physical.Count(s => s.Place.Placed)}\t{Share(physical.Count(s => s.Place.Placed), physical.Count)}");
        foreach (var group in all.Where(s => s.Place.Placed).GroupBy(s => $"{PlaceSource.Name(s.Place.Precision)} ({s.Place.Source})").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine($"  {group.Key}\t{group.Count()}");
        }

        Console.Out.WriteLine($"with a street address (a geocoder can do better)\t{all.Count(s => s.Place.WantsGeocoder)}\tdistinct addresses\t{all.Where(s => s.Place.WantsGeocoder).Select(s => s.Place.AddressKey).Distinct().Count()}");
        Console.Out.WriteLine($"misses\t{all.Count(s => !s.Place.Placed)}");
        foreach (var cause in all.Where(s => !s.Place.Placed).GroupBy(s => s.Place.Reason ?? "unknown").OrderByDescending(g => g.Count()))
        {
            var examples = string.Join("; ", cause.Take(3).Select(s => $"{s.Store.ChainId}/{s.Store.StoreId} '{s.Store.Name}' city '{s.Store.City}' address '{s.Store.Address}'"));
            Console.Out.WriteLine($"  {cause.Key}\t{cause.Count()}\t{examples}");
        }

        Console.Out.WriteLine($"placing took\t{elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms\t{(rows / Math.Max(elapsed.TotalSeconds, 1e-6)).ToString("0", CultureInfo.InvariantCulture)} rows/s");
    }
}

/// <summary>The rows of one Stores file.</summary>
internal sealed record StoresFile(string Path, DateTimeOffset Timestamp, List<StoreAddress> Stores);
