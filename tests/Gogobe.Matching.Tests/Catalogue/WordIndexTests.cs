using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Codes;

namespace Gogobe.Matching.Tests.Catalogue;

public sealed class WordIndexTests
{
    private static readonly string[] Neighbours =
        ["משחת שיניים קולגייט", "משחת שיניים סנסודין", "שוקולד חלב", "שוקולד לבן", "טבליות מציצה", "טבליות כביסה", "קפה טורקי"];

    [Theory]
    [InlineData("טבליות סולגאר", "סולגר אומגה")]
    [InlineData("משחת שיניים אורביטול", "אורביט לבנה")]
    [InlineData("שוקולד מריר עם שקדים", "מרירים שקד")]
    public void Trigrams_propose_a_spelling_variant_that_shares_no_word(string query, string right)
    {
        var index = new WordIndex();
        var unrelated = Neighbours.Select((name, i) => index.Add(Profile("A", $"{i}", name))).Last();
        var id = index.Add(Profile("B", "99", right));
        var asked = Profile("C", "5", query);
        Assert.DoesNotContain(asked.Words, index[id].Has);

        var found = index.Candidates(asked, 2, _ => true);
        Assert.Contains(id, found);
        Assert.DoesNotContain(unrelated, found);
    }

    [Fact]
    public void Shared_words_come_first_and_trigrams_follow()
    {
        var index = new WordIndex();
        var variant = index.Add(Profile("A", "1", "קפה נמסים"));
        var exact = index.Add(Profile("A", "2", "קפה נמס עלית"));
        index.Add(Profile("A", "3", "תה ירוק"));
        Assert.Equal([exact, variant], index.Candidates(Profile("B", "4", "עלית קפה נמס"), 1, _ => true));
    }

    private static OfferProfile Profile(string chain, string code, string name) =>
        new(new Offer(chain, $"{chain}:{code}", CodeKind.ShortOrText, name, "", default, false, 10m));
}
