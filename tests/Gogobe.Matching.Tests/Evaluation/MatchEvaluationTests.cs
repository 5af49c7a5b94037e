using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Evaluation;
using Gogobe.Testing;

namespace Gogobe.Matching.Tests.Evaluation;

/// <summary>The evaluation on a small sample of real files (three chains), never the whole feeds folder.</summary>
public sealed class MatchEvaluationTests
{
    [Fact]
    public void Held_out_barcodes_are_matched_to_their_master_product_more_often_the_lower_the_threshold()
    {
        var offers = Read(SharedFeeds.RamiLevyPrices, SharedFeeds.OsherAdPrices, SharedFeeds.File("OlivierH__israel-prices/PriceFull7290055700007-0037-202211020510"));
        var report = MatchEvaluation.Run(offers, new EvaluationOptions(MaxAloneQueries: 300, MatchWholeCatalogue: false));

        Assert.True(report.SharedBarcodes > 500, $"shared barcodes {report.SharedBarcodes}");
        Assert.Equal(report.SharedBarcodes, report.TrainBarcodes + report.TestBarcodes);
        Assert.InRange(report.TestBarcodes, report.SharedBarcodes / 5, report.SharedBarcodes * 2 / 5);
        Assert.Equal(300, report.TestAlone);
        Assert.All(report.Thresholds, row => Assert.Equal(report.TestBarcodes, row.Positives));
        var lowest = report.Thresholds[0];
        Assert.True(lowest.Recall > 0.2, $"recall {lowest.Recall}");
        Assert.True(lowest.Precision > 0.5, $"precision {lowest.Precision}");
        Assert.True(report.Thresholds.Zip(report.Thresholds.Skip(1)).All(p => p.First.Matched >= p.Second.Matched));
        Assert.InRange(report.Reach!.AloneTwins, 1, report.TestAlone);
        Assert.True(report.Names!.Right > 0, "no held-out item matched its own barcode under the same name");
        Assert.InRange(report.Names.Right + report.Names.OtherBarcode, 1, lowest.Matched);
    }

    [Fact]
    public void Same_name_matches_are_counted_by_whether_they_found_the_hidden_barcode()
    {
        var milk = Profile("חלב תנובה 3% 1 ליטר");
        var milkElsewhere = Profile("תנובה חלב 3%  1 ליטר");
        var cheese = Profile("גבינה לבנה 5% 250 גרם");
        var queries = new List<(OfferProfile Query, string? Right)>
        {
            (milk, "A"),          // same name, right master
            (milk, "A"),          // same name, another barcode
            (milk, null),         // same name, no other chain sells it
            (milk, "A"),          // another name: not counted
            (cheese, "C"),        // nothing matched: not counted
        };
        var results = new List<MatchResult?>
        {
            new("A", milkElsewhere, 0.9f, 0.1f),
            new("B", milkElsewhere, 0.9f, 0.1f),
            new("B", milkElsewhere, 0.5f, 0.1f),
            new("A", cheese, 0.9f, 0.1f),
            null,
        };

        var names = NameAgreement.Of(queries, results);

        Assert.Equal(new NameAgreement(1, 2, 1), names);
        Assert.Equal(1 / 3d, names.Precision, 6);
        Assert.Throws<ArgumentException>(() => NameAgreement.Of(queries, results.Take(4).ToList()));
    }

    [Theory]
    [InlineData("וודקה פינלנדיה 700מל", "וודקה  פינלנדיה 700 מ\"ל", true)]
    [InlineData("פינלנדיה וודקה 700 מל", "וודקה פינלנדיה 700 מל", true)]
    [InlineData("וודקה פינלנדיה 700 מל", "וודקה פינלנדיה 1000 מל", false)]
    [InlineData("האגיס שלב 4", "האגיס שלב 4 פרידום", false)]
    public void Same_names_are_the_same_words_and_numbers_in_any_order(string one, string other, bool same) =>
        Assert.Equal(same, Profile(one).SameName(Profile(other)));

    private static OfferProfile Profile(string name) =>
        new(new Offer("7290000000001", "7290000000001:1", Gogobe.Matching.Codes.CodeKind.ShortOrText, name, "", default, false, 10m));

    private static List<Offer> Read(params string[] paths)
    {
        var offers = new Dictionary<(string, string), Offer>();
        foreach (var path in paths)
        {
            using var file = FeedFile.Open(path);
            var items = file.ReadRecords().OfType<PriceItem>().ToList();
            Assert.True(file.Result.Ok, file.Result.Error);
            foreach (var item in items)
            {
                offers.TryAdd((file.Result.Header!.ChainId, item.Key.Value), item.ToOffer(file.Result.Header.ChainId));
            }
        }

        return [.. offers.Values];
    }
}
