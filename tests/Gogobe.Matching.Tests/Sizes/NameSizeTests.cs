using Gogobe.Matching.Sizes;
using Gogobe.Matching.Text;

namespace Gogobe.Matching.Tests.Sizes;

public sealed class NameSizeTests
{
    [Theory]
    [InlineData("במבה 80 גרם", Dimension.Mass, 80)]
    [InlineData("חרדל דיז'ון מקורי,   380 גרם", Dimension.Mass, 380)]
    [InlineData("מזולה אפיה ללא מלח 200ג", Dimension.Mass, 200)]
    [InlineData("לחם הבית לל\"ג 240גר", Dimension.Mass, 240)]
    [InlineData("סיף ניקוי כללי 4 ליטר", Dimension.Volume, 4000)]
    [InlineData("סיף פנטסטיק לימון ניקוי רב תכליתי 4ל'", Dimension.Volume, 4000)]
    [InlineData("סן בנדטו 0.5ל. מים מ", Dimension.Volume, 500)]
    [InlineData("שמנת 9% 200 מ\"ל", Dimension.Volume, 200)]
    [InlineData("קרמיסימו 1.33 ל' פרווה", Dimension.Volume, 1330)]
    [InlineData("אבקת כביסה 1.5 ק\"ג", Dimension.Mass, 1500)]
    [InlineData("סטארבקס - קפסולות גוואטמלה 10 יח'", Dimension.Count, 10)]
    public void Sizes_are_read_from_names(string name, Dimension dimension, double amount) =>
        Assert.Equal(new Size(dimension, (decimal)amount), NameSize.Read(name, NameText.Fold(name)));

    [Theory]
    [InlineData("פיטנס שוקולד נס")]
    [InlineData("קוקטייל טרופי תומר 8")]
    [InlineData("בורקס יפו גבינה 4*150גר")]
    [InlineData("בירה סול שישייה (6X330 מ\"ל)")]
    [InlineData("מכבי 7.9% בקבוק 6* 3")]
    [InlineData("מארז 3 מברשות שיניים")]
    [InlineData("שמנת 9%")]
    public void Names_without_one_size_state_none(string name) =>
        Assert.False(NameSize.Read(name, NameText.Fold(name)).IsKnown);

    [Theory]
    [InlineData(1000, "ml", 1, "l", false)]
    [InlineData(1330, "ml", 1.33, "l", false)]
    [InlineData(700, "g", 700, "ml", false)] // a shampoo's 700 g is its 700 ml
    [InlineData(700, "ml", 750, "ml", true)]
    [InlineData(80, "g", 70, "g", true)]
    [InlineData(10, "unit", 20, "unit", true)]
    [InlineData(10, "unit", 500, "g", false)] // a count and a weight are not comparable
    public void Sizes_contradict_only_when_comparable_and_different(double a, string unitA, double b, string unitB, bool contradicts) =>
        Assert.Equal(contradicts, Size.Of((decimal)a, unitA).Contradicts(Size.Of((decimal)b, unitB)));

    [Fact]
    public void Impossible_amounts_are_unknown() => Assert.False(Size.Of(1500, "l").IsKnown);
}
