namespace Gogobe.Matching.Text;

/// <summary>Character trigrams of a folded name (with a space on each side), as sorted distinct codes (three UTF-16 units in one number).</summary>
public static class Trigrams
{
    public static long[] Of(string folded)
    {
        if (folded.Length == 0)
        {
            return [];
        }

        var padded = $" {folded} ";
        var grams = new HashSet<long>();
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            grams.Add(((long)padded[i] << 32) | ((long)padded[i + 1] << 16) | padded[i + 2]);
        }

        var sorted = grams.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>
    /// Trigrams of each word on its own (a space on each side): what the word index also looks offers up by, so a word
    /// spelt another way (<c>סולגר</c>, <c>סולגאר</c>) or cut short still shares most of its trigrams.
    /// </summary>
    public static long[] OfWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var grams = new HashSet<long>();
        foreach (var word in words)
        {
            Add(grams, word);
        }

        var sorted = grams.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static void Add(HashSet<long> grams, string word)
    {
        if (word.Length < 2)
        {
            return;
        }

        var padded = $" {word} ";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            grams.Add(((long)padded[i] << 32) | ((long)padded[i + 1] << 16) | padded[i + 2]);
        }
    }

    /// <summary>|a ∩ b| of two sorted distinct arrays.</summary>
    public static int Shared(long[] a, long[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    /// <summary>Jaccard similarity of two sorted distinct arrays; 0 when both are empty.</summary>
    public static float Jaccard(long[] a, long[] b)
    {
        var shared = Shared(a, b);
        var union = a.Length + b.Length - shared;
        return union == 0 ? 0 : (float)shared / union;
    }
}
