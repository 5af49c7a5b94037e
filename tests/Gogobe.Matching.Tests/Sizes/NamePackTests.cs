using Gogobe.Matching.Sizes;
using Gogobe.Matching.Text;

namespace Gogobe.Matching.Tests.Sizes;

public sealed class NamePackTests
{
    [Theory]
    [InlineData("טמפו סודה 6*1.5 ליטר", 6, Dimension.Volume, 1500)]
    [InlineData("בירה טובורג בקבוק להחזרה 6*330 מל", 6, Dimension.Volume, 330)]
    [InlineData("במבה 350X2", 2, Dimension.Unknown, 350)]
    [InlineData("פולפה טבעית 400*3 גר", 3, Dimension.Mass, 400)]
    [InlineData("סטריפ משולשים סלק 30ג*6", 6, Dimension.Mass, 30)]
    [InlineData("מאגדת יוגורט ביו 1.5% תנובה 8*150 גרם", 8, Dimension.Mass, 150)]
    [InlineData("נס קפה קפוצ`ינו וניל 10יח*17גר`", 10, Dimension.Mass, 17)]
    [InlineData("אורביט סטיקס 8*5 יח", 8, Dimension.Unknown, 0)]
    [InlineData("בירה סול שישייה (6X330 מ\"ל)", 6, Dimension.Volume, 330)]
    [InlineData("קוקה קולה זירו 6*1.5", 6, Dimension.Unknown, 1.5)]
    [InlineData("מארז 4 יוגורט פרי 150 גרם", 4, Dimension.Unknown, 0)] // with a pack word a mass may be the whole pack's
    [InlineData("ח.שוגי קורנפלקס שישייה 156 גרם", 6, Dimension.Unknown, 0)]
    [InlineData("לחמניות כוסמין מארז 6 יח'", 6, Dimension.Unknown, 0)]
    [InlineData("מי עדן רביעייה 1 ליט", 4, Dimension.Volume, 1000)]
    [InlineData("נייר טואלט שלישייה", 3, Dimension.Unknown, 0)]
    [InlineData("שישית מים סנדבטו מוגז 1.5 ליטר-", 6, Dimension.Volume, 1500)]
    [InlineData("עשיריית לחמניות ברמן", 10, Dimension.Unknown, 0)]
    [InlineData("זוג מרק נמס אפונה", 2, Dimension.Unknown, 0)]
    [InlineData("מארז במבה קלאסי אסם", 0, Dimension.Unknown, 0)]
    [InlineData("טישו צבעוני לילי 5*9", 0, Dimension.Unknown, 0)]
    public void Packs_are_read_from_names(string name, int count, Dimension each, double amount)
    {
        var pack = NamePack.Read(name, NameText.Fold(name));
        Assert.Equal(count, pack.Count);
        Assert.Equal(each, pack.Each.Dimension);
        Assert.Equal((decimal)amount, pack.Each.Amount);
    }

    [Theory]
    [InlineData("במבה אסם 80 גרם")]
    [InlineData("שקיות אשפה 75*90")]
    [InlineData("לחמית כוסמין 12*200גרם")] // the supplier's case, priced as one unit
    [InlineData("שטיל שנל 80*50 ס\"מ")]
    [InlineData("נקניקיות מן הצומח זוגלובק 1.75 ק\"ג")]
    [InlineData("פפסי מקס בקבוק 500 מ``ל")]
    public void Single_items_and_dimensions_are_no_pack(string name) =>
        Assert.Equal(Pack.Single, NamePack.Read(name, NameText.Fold(name)));

    [Theory]
    [InlineData(6, 330, 1, 330, true)] // six cans against one can
    [InlineData(0, 330, 1, 330, true)] // a pack of several against one of the same size
    [InlineData(6, 330, 4, 330, true)] // different counts
    [InlineData(6, 330, 1, 1980, false)] // the single names the pack's whole size
    [InlineData(6, 330, 6, 330, false)]
    [InlineData(6, 330, 1, 0, false)] // the single's size is unknown: the model decides
    [InlineData(12, 18, 18, 12, false)] // the same two numbers read the other way round
    public void Packs_contradict_singles_of_their_items_size_and_other_counts(int countA, double eachA, int countB, double sizeB, bool contradicts)
    {
        var a = new Pack(countA, Size.Of((decimal)eachA, "ml"));
        var b = countB == 1 ? Pack.Single : new Pack(countB, Size.Of((decimal)sizeB, "ml"));
        var singleSize = countB == 1 ? Size.Of((decimal)sizeB, "ml") : Size.Unknown;
        Assert.Equal(contradicts, Pack.Contradiction(a, Size.Unknown, b, singleSize) is not null);
        Assert.Equal(contradicts, Pack.Contradiction(b, singleSize, a, Size.Unknown) is not null);
    }
}
