using System.CommandLine;
using System.Diagnostics;
using Gogobe.Synthetic;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe feeds generate …</c>: deterministic synthetic feeds for tests, load runs and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var chains = new Option<int>("--chains") { Description = "Number of chains.", DefaultValueFactory = _ => 2 };
        var stores = new Option<int>("--stores") { Description = "Stores per chain.", DefaultValueFactory = _ => 3 };
        var items = new Option<int>("--items") { Description = "Items in each chain's catalogue.", DefaultValueFactory = _ => 500 };
        var layout = new Option<string>("--layout") { Description = "A, B, C, D, E, F or mixed (one layout per chain).", DefaultValueFactory = _ => "mixed" };
        var seed = new Option<int>("--seed") { Description = "Same seed, same bytes.", DefaultValueFactory = _ => 1 };
        var days = new Option<int>("--days") { Description = "Days of files to write.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write into.", Required = true };
        var bad = new Option<string?>("--bad") { Description = "Broken files to add: truncated,html,malformed,empty-price,missing-code,empty." };
        var command = new Command("generate", "Write deterministic synthetic feeds (Stores, PriceFull, Price, PromoFull, Promo) with a manifest.tsv.")
        {
            chains, stores, items, layout, seed, days, output, bad,
        };
        command.SetAction(parse =>
        {
            SyntheticFeedOptions options;
            try
            {
                options = new SyntheticFeedOptions
                {
                    Chains = parse.GetValue(chains),
                    Stores = parse.GetValue(stores),
                    Items = parse.GetValue(items),
                    Layout = SyntheticFeedOptions.ParseLayout(parse.GetValue(layout) ?? "mixed"),
                    Seed = parse.GetValue(seed),
                    Days = parse.GetValue(days),
                    Bad = SyntheticFeedOptions.ParseBad(parse.GetValue(bad)),
                };
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            var folder = parse.GetValue(output)!.FullName;
            var clock = Stopwatch.StartNew();
            var feeds = FeedGenerator.Generate(options, folder);
            Console.Out.WriteLine(
                $"wrote {feeds.Count:N0} files ({feeds.Sum(f => f.Items):N0} price rows, {feeds.Sum(f => f.PromotionItems):N0} promotion item rows) to {folder} in {clock.Elapsed.TotalSeconds:F1}s");
            return 0;
        });
        return command;
    }
}
