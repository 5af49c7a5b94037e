using System.CommandLine;
using System.Diagnostics;
using Gogobe.Cli.Matching;
using System.Text.Json;
using Gogobe.Matching.Evaluation;
using Gogobe.Matching.Learning;
using Gogobe.Security;

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
        var candidates = new Option<int>("--candidates") { Description = "Candidates proposed per item by shared words (5–200); the word index adds up to 10 by shared word trigrams.", DefaultValueFactory = _ => Gogobe.Matching.Catalogue.Candidates.Limit };
        var confusionsAt = new Option<double?>("--confusions-at") { Description = "List the wrong matches at this confidence (default: the chosen threshold)." };
        var details = new Option<string?>("--details") { Description = "Write every held-out item to this file (tab-separated): its match, and the best candidate of its right master." };
        var evaluate = new Command("evaluate", "Train the matcher on the barcodes two or more chains share and report precision and recall on held-out barcodes, the confusions and the timings.") { paths, seed, testShare, severalBarcodes, candidates, confusionsAt, details };
        evaluate.SetAction(parse => Evaluate(
            parse.GetValue(paths) ?? [],
            new EvaluationOptions(Seed: parse.GetValue(seed), TestShare: parse.GetValue(testShare), SeveralBarcodes: parse.GetValue(severalBarcodes), Candidates: parse.GetValue(candidates), ConfusionsAt: parse.GetValue(confusionsAt), Details: parse.GetValue(details) is not null),
            parse.GetValue(details)));
        return new Command("matching", "Which offers of different chains are one product.") { evaluate, Train(), Catalogue() };
    }

    /// <summary><c>gogobe matching train &lt;paths&gt;</c>: trains on every barcode two chains share and uploads the matcher through the gateway.</summary>
    private static Command Train()
    {
        var paths = new Argument<string[]>("paths") { Description = "PriceFull files or folders (walked recursively; other files are skipped).", Arity = ArgumentArity.OneOrMore };
        var gateway = GatewayOption.Create();
        var token = new Option<string?>("--token") { Description = "Bearer token with the operator role (default: minted with the local signing key)." };
        var output = new Option<string?>("--out") { Description = "Also write the trained matcher to this file." };
        var noUpload = new Option<bool>("--no-upload") { Description = "Do not upload (with --out: only write the file)." };
        var command = new Command("train", "Train the matcher on the barcodes two or more chains share and upload it (PUT /api/matching/model): the silos use it from then on.") { paths, gateway, token, output, noUpload };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var catalogue = FeedCatalogue.Read(parse.GetValue(paths) ?? [], Console.Error);
            if (catalogue.Chains < 2)
            {
                Console.Error.WriteLine("gogobe matching train: give PriceFull files of two or more chains (their shared barcodes are the training pairs).");
                return 2;
            }

            var reading = clock.Elapsed;
            clock.Restart();
            var trained = CatalogueTraining.Train(catalogue.Offers);
            var blob = MatcherFile.Write(trained.Pairs, trained.Confidence);
            Console.WriteLine($"files\t{catalogue.Files}\trows\t{catalogue.Rows}\tchains\t{catalogue.Chains}\toffers\t{catalogue.Offers.Count}");
            Console.WriteLine($"training pairs\t{trained.PositivePairs} same product\t{trained.NegativePairs} near neighbours\tmatches judged\t{trained.Matches}");
            Console.WriteLine($"reading files\t{reading.TotalMilliseconds:0} ms\ttraining\t{clock.Elapsed.TotalMilliseconds:0} ms\tmodel\t{blob.Length} bytes");
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file, blob, cancellationToken);
                Console.WriteLine($"written\t{file}");
            }

            if (parse.GetValue(noUpload))
            {
                return 0;
            }

            if ((parse.GetValue(token) ?? MintOperatorToken()) is not { } bearer)
            {
                Console.Error.WriteLine("gogobe matching train: no token: pass --token (operator role), or set Auth__SigningKey / start the system locally.");
                return 2;
            }

            using var client = new GatewayMatching(parse.GetValue(gateway)!, bearer);
            var id = await client.UploadModelAsync(blob, $"{catalogue.Files} PriceFull files, {catalogue.Chains} chains, {trained.PositivePairs} pairs", cancellationToken);
            Console.WriteLine($"uploaded\tmodel {id}");
            return 0;
        });
        return command;
    }

    /// <summary><c>gogobe matching catalogue</c>: matches the whole stored catalogue once, through the gateway, and reports counts and time.</summary>
    private static Command Catalogue()
    {
        var gateway = GatewayOption.Create();
        var token = new Option<string?>("--token") { Description = "Bearer token with the operator role (default: minted with the local signing key)." };
        var command = new Command("catalogue", "Match every stored product no operator decided again (POST /api/matching/rerun), wait for it, and report the counts and the time.") { gateway, token };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if ((parse.GetValue(token) ?? MintOperatorToken()) is not { } bearer)
            {
                Console.Error.WriteLine("gogobe matching catalogue: no token: pass --token (operator role), or set Auth__SigningKey / start the system locally.");
                return 2;
            }

            using var client = new GatewayMatching(parse.GetValue(gateway)!, bearer);
            var started = await client.RerunAsync(cancellationToken);
            var previous = started.GetProperty("lastRunAt").ToString();
            var clock = Stopwatch.StartNew();
            JsonElement status;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                status = await client.StatusAsync(cancellationToken);
            }
            while (status.GetProperty("running").GetBoolean() || status.GetProperty("lastRunAt").ToString() == previous);

            foreach (var name in new[] { "products", "offers", "modelId", "masters", "byCode", "learned", "manual", "alone", "lastRunMs", "loadMs", "lastError" })
            {
                Console.WriteLine($"{name}\t{status.GetProperty(name)}");
            }

            Console.WriteLine($"waited\t{clock.Elapsed.TotalMilliseconds:0} ms");
            return status.GetProperty("lastError").ValueKind == JsonValueKind.Null ? 0 : 1;
        });
        return command;
    }

    private static string? MintOperatorToken()
    {
        var key = LocalSigningKey.Find();
        return key is null ? null : TokenIssuer.Issue(new AuthOptions { SigningKey = key }, Environment.UserName, [AuthOptions.OperatorRole], TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
    }

    private static int Evaluate(string[] paths, EvaluationOptions options, string? detailsFile)
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
        if (detailsFile is not null)
        {
            using var output = new StreamWriter(detailsFile);
            EvaluationPrinter.PrintDetails(output, report);
        }

        return 0;
    }
}
