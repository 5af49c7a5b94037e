using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Sizes;

namespace Gogobe.Matching.Tests.Catalogue;

/// <summary>No model score joins offers of different sizes, or a weighed offer and a packaged one.</summary>
public sealed class GuardRailTests
{
    private static readonly Lazy<SmallCatalogue> Shared = new(() => new SmallCatalogue());

    [Fact]
    public void The_model_matches_an_equal_name_of_the_same_size()
    {
        var catalogue = Shared.Value;
        var query = new OfferProfile(SmallCatalogue.Offer("C", "C:1", "yogurt peach brand2"));
        var match = catalogue.Matcher.Best(query, _ => true);
        Assert.NotNull(match);
        Assert.Equal("729000000006", match.Master);
        Assert.True(match.Probability > 0.5, $"probability {match.Probability}");
    }

    [Theory]
    [InlineData(250, "g", 500, "g", false, false)]
    [InlineData(1, "l", 1.5, "l", false, false)]
    [InlineData(700, "ml", 750, "g", false, false)]
    [InlineData(0, "", 0, "", true, false)]
    [InlineData(0, "", 0, "", false, true)]
    public void A_high_score_cannot_join_what_the_guard_rails_forbid(double memberAmount, string memberUnit, double queryAmount, string queryUnit, bool memberWeighed, bool queryWeighed)
    {
        var catalogue = new SmallCatalogue();
        var member = catalogue.Add(SmallCatalogue.Offer("B", "7299999999996", "cottage tnuva fresh", Size.Of((decimal)memberAmount, memberUnit), memberWeighed));
        var twin = new OfferProfile(SmallCatalogue.Offer("C", "C:2", "cottage tnuva fresh", Size.Of((decimal)memberAmount, memberUnit), memberWeighed));
        var query = new OfferProfile(SmallCatalogue.Offer("C", "C:1", "cottage tnuva fresh", Size.Of((decimal)queryAmount, queryUnit), queryWeighed));

        // The same offer with the member's size and kind matches it, with a high score...
        var allowed = catalogue.Matcher.Best(twin, _ => true);
        Assert.NotNull(allowed);
        Assert.Same(member, allowed.Member);
        Assert.True(allowed.Probability > 0.5, $"probability {allowed.Probability}");

        // ...and the model would score the forbidden pair as high, but the matcher never proposes it.
        var forbidden = new float[Candidates.FeatureCount];
        PairFeatures.Of(query, member, catalogue.Index).CopyTo(forbidden, 0);
        Assert.True(catalogue.Model.Score(forbidden) > 0.5, $"score {catalogue.Model.Score(forbidden)}");
        Assert.NotNull(GuardRails.Forbids(query, member));
        Assert.DoesNotContain(catalogue.Matcher.Propose(query, _ => true), p => ReferenceEquals(p.Member, member));
        Assert.NotSame(member, catalogue.Matcher.Best(query, _ => true)?.Member);
    }

    [Theory]
    [InlineData("cola zero 1.5 l", "cola zero 6*1.5 l")]
    [InlineData("cola zero 350 g", "cola zero 350*2 g")]
    [InlineData("cola zero 6*1.5 l", "cola zero 4*1.5 l")]
    [InlineData("cola zero 330 ml", "cola zero מארז 330 ml")]
    public void A_high_score_cannot_join_a_pack_with_a_single_item_or_another_count(string memberName, string queryName)
    {
        var catalogue = new SmallCatalogue();
        var member = catalogue.Add(SmallCatalogue.Offer("B", "7299999999996", memberName));
        var query = new OfferProfile(SmallCatalogue.Offer("C", "C:1", queryName));
        var twin = new OfferProfile(SmallCatalogue.Offer("C", "C:2", memberName));
        Assert.Same(member, catalogue.Matcher.Best(twin, _ => true)?.Member);

        var forbidden = new float[Candidates.FeatureCount];
        PairFeatures.Of(query, member, catalogue.Index).CopyTo(forbidden, 0);
        Assert.True(catalogue.Model.Score(forbidden) > 0.5, $"score {catalogue.Model.Score(forbidden)}");
        Assert.StartsWith("pack", GuardRails.Forbids(query, member), StringComparison.Ordinal);
        Assert.StartsWith("pack", GuardRails.Forbids(member, query), StringComparison.Ordinal);
        Assert.DoesNotContain(catalogue.Matcher.Propose(query, _ => true), p => ReferenceEquals(p.Member, member));
        Assert.NotSame(member, catalogue.Matcher.Best(query, _ => true)?.Member);
    }
}
