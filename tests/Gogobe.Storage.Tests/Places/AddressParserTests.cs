using Gogobe.Places;

namespace Gogobe.Storage.Tests.Places;

/// <summary>Addresses as real Stores files write them: locality, street and house number from whichever field holds them.</summary>
public sealed class AddressParserTests
{
    private readonly AddressParser parser = new(OfficialLists.Get.Localities, OfficialLists.Get.Streets);

    [Theory]
    [InlineData("שלי ת\"א- בן יהודה", "בן יהודה 79", "תל אביב", 5000, "בן יהודה", "79")] // Shufersal: short city name
    [InlineData("מישור אדומים", "איתם 1", "3616", 3616, "איתם", "1")] // Rami Levy: locality code as city
    [InlineData("סופר-פארם כפר סבא", "ויצמן 76 כפר סבא", "כפר-סבא", 6900, "ויצמן", "76")] // city in the address
    [InlineData("אבו כביר - יחיא אבו", "188 הרצל", "תל אביב - יפו", 5000, "הרצל", "188")] // number first
    [InlineData("מחסני מזון כרמיאל", "רמים 104 כרמיאל", "unknown", 1139, "רמים", "104")] // unknown city, locality in the address
    [InlineData("אשקלון", "המתכנן 8", "0", 7100, "המתכנן", "8")] // city 0, locality in the store's name
    [InlineData("יש קרית אתא- זבולון", "רח.זבולון 4", "קרית אתא", 6800, "זבולון", "4")] // קרית for קריית, רח. before the street
    [InlineData("אקספרס.ב\"ש אביסרור", "רח' יעקב כהן 8", "באר שבע", 9000, "כהן יעקב", "8")] // the street list's name
    [InlineData("שלי חיפה- סטלה", "טשרניחובסקי/35", "חיפה", 4000, "טשרניחובסקי", "35")]
    [InlineData("דיל מודיעין- סנטר", "צאלון   21", "מודיעין", 1200, "צאלון", "21")] // part of a merged locality's name
    [InlineData("הכשרת הישוב ירקות", "הכשרת ישוב 3 א.ת ראשל\"צ", "ראשל\"צ", 8300, null, "3")] // abbreviated city
    public void Reads_street_number_and_locality(string name, string address, string city, int code, string? street, string number)
    {
        var parsed = parser.Parse(new StoreAddress("1", "1", name, address, city, 1, null, null));

        Assert.Equal(code, parsed.Locality?.Code);
        Assert.Equal(number, parsed.HouseNumber);
        if (street is not null)
        {
            Assert.Equal(street, parsed.Street);
        }

        Assert.NotNull(parsed.Key);
    }

    [Theory]
    [InlineData("BE נתיבות", "", "", 246)] // nothing but the store's name
    [InlineData("אקספרס ארבל כ\"ס", "", "", 6900)] // כ"ס
    [InlineData("ק.שמונה פיקאפ", "unknown", "unknown", 2800)] // ק. for קרית
    [InlineData("מסעדה פ\"ת", "unknown", "unknown", 7900)] // פ"ת
    [InlineData("חוואסה", "דרך בר יהודה ליד הצק פוסט בכניסה ל", "נשר (שע 0512)", 2500)] // a note after the city
    [InlineData("סכנין", "unknown", "סכנין", 7500)] // a transliteration of סח'נין
    [InlineData("יש  יוקנעם עילית- היובלים", "מ.מסחרי יקנעם על", "יוקנעם", 240)] // a full spelling of יקנעם
    [InlineData("בית זרע", "קיבוץ בית זרע", "קיבוץ בית זרע", 143)] // קיבוץ before the name
    [InlineData("TEL AVIV", "", "Tel Aviv - Yafo", 5000)] // English name
    public void Finds_the_locality_however_it_is_written(string name, string address, string city, int code) =>
        Assert.Equal(code, parser.Parse(new StoreAddress("1", "1", name, address, city, 1, null, null)).Locality?.Code);

    [Theory]
    [InlineData("שופרסל ONLINE", "WWW.SHUFERSAL.CO.IL", "")]
    [InlineData("@ יהלומים ביתן", "https://www.ybitan.co.il/", "unknown")]
    [InlineData("אינטרנט", "", "")]
    public void Online_shops_are_told_apart(string name, string address, string city)
    {
        var store = new StoreAddress("1", "1", name, address, city, 1, null, null);
        Assert.True(AddressParser.IsOnline(store));
        Assert.Equal("online store", parser.Parse(store).Note);
    }

    [Fact]
    public void Spellings_of_one_address_share_one_key()
    {
        var a = parser.Parse(new StoreAddress("1", "1", "x", "רח' החשמונאים 41", "בת-ים", 1, null, null));
        var b = parser.Parse(new StoreAddress("2", "2", "y", "חשמונאים 41 בת ים", "0", 1, null, null));

        Assert.NotNull(a.Key);
        Assert.Equal(a.Key, b.Key);
    }
}
