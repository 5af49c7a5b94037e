using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Codes;
using Gogobe.Matching.Learning;
using Gogobe.Matching.Sizes;

namespace Gogobe.Matching.Tests.Catalogue;

/// <summary>
/// A catalogue of 60 products, each sold by two chains under one GTIN with the same name, neighbours sharing words
/// (the same kind in another flavour); and the models trained on it, which score a pair with equal names high.
/// </summary>
internal sealed class SmallCatalogue
{
    private static readonly string[] Kinds = ["yogurt", "cheese", "crackers", "juice", "cereal", "shampoo"];
    private static readonly string[] Flavours = ["vanilla", "peach", "lemon", "cherry", "mango", "apple", "berry", "cocoa", "honey", "mint"];

    public SmallCatalogue()
    {
        var groups = new List<IReadOnlyList<OfferProfile>>();
        for (var i = 0; i < Kinds.Length * Flavours.Length; i++)
        {
            var name = $"{Kinds[i % Kinds.Length]} {Flavours[i / Kinds.Length]} brand{i % 4}";
            var barcode = $"72900{i:D7}";
            groups.Add([Add(Offer("A", barcode, name)), Add(Offer("B", barcode, name))]);
        }

        var trained = MatcherTraining.Train(Index, groups, [], _ => true, MasterOf);
        Model = trained.Pairs;
        Confidence = trained.Confidence;
    }

    public WordIndex Index { get; } = new();

    public MatchModel Model { get; }

    public ConfidenceModel Confidence { get; }

    public ProductMatcher Matcher => new(Model, Index, MasterOf, confidence: Confidence);

    private static string MasterOf(OfferProfile offer) => offer.Barcode ?? offer.Offer.Key;

    public static Offer Offer(string chain, string barcode, string name, Size size = default, bool weighed = false) =>
        new(chain, barcode, CodeKind.Gtin, name, "maker", size, weighed, 10m);

    public OfferProfile Add(Offer offer)
    {
        var profile = new OfferProfile(offer);
        Index.Add(profile);
        return profile;
    }
}
