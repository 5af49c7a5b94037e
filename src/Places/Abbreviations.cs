namespace Gogobe.Places;

/// <summary>The short forms of locality names the feeds use (ת"א, ב"ש, פ"ת, ק. for קרית), as folded words.</summary>
internal static class Abbreviations
{
    private static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["תא"] = ["תל", "אביב", "יפו"],
        ["בש"] = ["באר", "שבע"],
        ["פת"] = ["פתח", "תקוה"],
        ["רשלצ"] = ["ראשון", "לציון"],
        ["ראשלצ"] = ["ראשון", "לציון"],
        ["כס"] = ["כפר", "סבא"],
        ["רמהש"] = ["רמת", "השרון"],
        ["רג"] = ["רמת", "גן"],
        ["בב"] = ["בני", "ברק"],
        ["קש"] = ["קרית", "שמונה"],
        ["נצ"] = ["נס", "ציונה"],
        ["קג"] = ["קרית", "גת"],
        ["ק"] = ["קרית"],
        ["קר"] = ["קרית"],
    };

    /// <summary>The words with each known short form written out; ת א (from ת.א) counts as ת"א.</summary>
    public static List<string> Expand(IReadOnlyList<string> words)
    {
        var expanded = new List<string>(words.Count + 4);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "ת" && i + 1 < words.Count && words[i + 1] == "א")
            {
                expanded.AddRange(Words["תא"]);
                i++;
            }
            else if (word is "ק" or "קר" && i + 1 == words.Count)
            {
                expanded.Add(word);
            }
            else if (Words.TryGetValue(word, out var full))
            {
                expanded.AddRange(full);
            }
            else
            {
                expanded.Add(word);
            }
        }

        return expanded;
    }
}
