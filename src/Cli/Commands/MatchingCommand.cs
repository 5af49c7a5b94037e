using System.CommandLine;
using System.Diagnostics;
using Gogobe.Cli.Matching;
using Gogobe.Matching.Evaluation;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe matching evaluate &lt;files-or-folders&gt;...</c>: trains the product matcher and measures it on held-out barcodes.</summary>
internal static class MatchingCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "PriceFull files or folders (walked recursively; other files are skipped).", Arity = ArgumentArity.OneOrMore };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and of training.", DefaultValueFactory = _ => 17 };
        var testShare = new Option<double>("--test-share") { Description = "Share of shared barcodes held out of training (0.05–0.95).", DefaultValueFactory = _ => 0.3 };
        var severalBarcodes = new Option<bool>("--several-barcodes") { Description = "A master product holds the barcodes one chain sells under one identical full name, size and maker (default: one barcode, strict)." };
        var candidates = new Option<int>("--candidates") { Description = "Candidates scored per item (5–200).", DefaultValueFactory = _ => Gogobe.Matching.Catalogue.Candidates.Limit };
        var confusionsAt = new Option<double?>("--confusions-at") { Description = "List the wrong matches at this confidence (default: the chosen threshold)." };
        var evaluate = new Command("evaluate", "Train the matcher on the barcodes two or more chains share and report precision and recall on held-out barcodes, the confusions and the timings.") { paths, seed, testShare, severalBarcodes, candidates, confusionsAt };
        evaluate.SetAction(parse => Evaluate(parse.GetValue(paths) ?? [], new EvaluationOptions(Seed: parse.GetValue(seed), TestShare: parse.GetValue(testShare), SeveralBarcodes: parse.GetValue(severalBarcodes), Candidates: parse.GetValue(candidates), ConfusionsAt: parse.GetValue(confusionsAt))));
        return new Command("matching", "Which offers of different chains are one product.") { evaluate };
    }

    private static int Evaluate(string[] paths, EvaluationOptions options)
    {
        if (options.Candidates is < 5 or > 200)
        {
            Console.Error.WriteLine("--candidates must be between 5 and 200.");
            return 2;
        }

        if (options.TestShare is < 0.05 or > 0.95)
        {
            Console.Error.WriteLine("--test-share must be between 0.05 and 0.95.");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var catalogue = FeedCatalogue.Read(paths, Console.Error);
        var reading = clock.Elapsed;
        if (catalogue.Offers.Count == 0)
        {
            Console.Error.WriteLine("No PriceFull rows were read: pass PriceFull files or folders holding them.");
            return 2;
        }

        var report = MatchEvaluation.Run(catalogue.Offers, options);
        EvaluationPrinter.Print(Console.Out, catalogue, reading, report);
        return 0;
    }
}
