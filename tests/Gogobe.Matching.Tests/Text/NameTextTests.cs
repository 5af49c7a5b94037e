using Gogobe.Matching.Text;

namespace Gogobe.Matching.Tests.Text;

public sealed class NameTextTests
{
    [Theory]
    [InlineData("מזולה אפיה ללא מלח 200ג", "מזולה אפיה ללא מלח 200 ג")]
    [InlineData("שמנת 9% 200 מ\"ל", "שמנת 9 200 מל")]
    [InlineData("סן בנדטו 0.5ל. מים", "סן בנדטו 0.5 ל מים")]
    [InlineData("מנצ`גו משולש. מע.", "מנצגו משולש מע")]
    [InlineData("דיאט קוקה-קולה", "דיאט קוקה קולה")]
    [InlineData("SHAKE בננה", "shake בננה")]
    [InlineData("  ", "")]
    public void Names_fold_to_words_and_numbers(string name, string folded) => Assert.Equal(folded, NameText.Fold(name));

    [Theory]
    [InlineData("לשיער", "שיער")]
    [InlineData("ובננה", "בננה")]
    [InlineData("לב", null)]
    [InlineData("shake", null)]
    public void One_letter_prefixes_come_off(string word, string? bare) => Assert.Equal(bare, NameText.WithoutPrefix(word));

    [Fact]
    public void Trigram_similarity_is_one_for_equal_names_and_less_for_others()
    {
        var a = Trigrams.Of(NameText.Fold("מרגרינה מזולה 200 גר"));
        Assert.Equal(1f, Trigrams.Jaccard(a, Trigrams.Of(NameText.Fold("מרגרינה  מזולה 200גר"))));
        Assert.InRange(Trigrams.Jaccard(a, Trigrams.Of(NameText.Fold("מזולה מרגרינה לאפייה"))), 0.2f, 0.9f);
    }
}
