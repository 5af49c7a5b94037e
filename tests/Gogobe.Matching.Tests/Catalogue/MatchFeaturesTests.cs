using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Tests.Catalogue;

/// <summary>What the confidence model reads about a master product among an offer's scored candidates.</summary>
public sealed class MatchFeaturesTests
{
    private static readonly OfferProfile Query = new(SmallCatalogue.Offer("A", "A:1", "cola zero"));

    [Fact]
    public void The_leaders_are_the_best_member_of_each_of_the_best_three_masters()
    {
        var proposals = Proposals(("B", "1"), ("C", "1"), ("B", "2"), ("B", "3"), ("B", "4"));
        float[] scores = [0.6f, 0.9f, 0.7f, 0.1f, 0.3f];

        Assert.Equal(new[] { 1, 2, 4 }, MatchFeatures.Leaders(proposals, scores, MasterOf));
    }

    [Fact]
    public void A_master_counts_its_members_chains_and_those_of_the_offers_own_chain()
    {
        var proposals = Proposals(("B", "1"), ("C", "1"), ("A", "1"), ("B", "2"));
        float[] scores = [0.8f, 0.6f, 0.5f, 0.9f];

        var features = MatchFeatures.Of(Query, proposals, scores, 0, MasterOf);

        Assert.Equal(MatchFeatures.Count, features.Length);
        Assert.Equal(new[] { 0.8f, 0.9f, 0.8f - 0.9f, 0.6f, 3, 1, 3 }, features[..7]);
        Assert.Equal(0.9f - 0.8f, features[12], 5);
    }

    private static string MasterOf(OfferProfile offer) => offer.Barcode!;

    private static List<(OfferProfile Member, float[] Features)> Proposals(params (string Chain, string Master)[] members) =>
        [.. members.Select(m => (new OfferProfile(SmallCatalogue.Offer(m.Chain, $"729000000000{m.Master}", "cola zero")), new float[Candidates.FeatureCount]))];
}
