namespace Gogobe.Gateway.Search;

/// <summary>
/// The trigrams of a normalised name as PostgreSQL's <c>pg_trgm</c> takes them (each word padded with two spaces before
/// and one after), so that <see cref="Similarity"/> equals the database's <c>similarity()</c> on the same texts.
/// A trigram is its three UTF-16 units packed into a <see cref="long"/>.
/// </summary>
public static class SearchTrigrams
{
    /// <summary>Room a buffer needs for the trigrams of <paramref name="text"/>: one per letter and one per word.</summary>
    public static int MaxCount(string text) => text.Length + 1;

    public static long Pack(char a, char b, char c) => ((long)a << 32) | ((long)b << 16) | c;

    /// <summary>Writes the distinct trigrams of <paramref name="text"/> (letters, digits and single spaces) sorted into <paramref name="buffer"/>; returns how many.</summary>
    public static int Distinct(string text, Span<long> buffer)
    {
        var count = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf(' ', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end > start)
            {
                var word = text.AsSpan(start, end - start);
                char before2 = ' ', before1 = ' ';
                foreach (var c in word)
                {
                    buffer[count++] = Pack(before2, before1, c);
                    before2 = before1;
                    before1 = c;
                }

                buffer[count++] = Pack(before2, before1, ' ');
            }

            start = end + 1;
        }

        var all = buffer[..count];
        all.Sort();
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (i == 0 || all[i] != all[i - 1])
            {
                all[distinct++] = all[i];
            }
        }

        return distinct;
    }

    /// <summary>How many distinct trigrams <paramref name="text"/> has.</summary>
    public static int Count(string text)
    {
        var size = MaxCount(text);
        Span<long> buffer = size > 256 ? new long[size] : stackalloc long[size];
        return Distinct(text, buffer);
    }

    /// <summary>
    /// How many of the sorted distinct <paramref name="query"/> trigrams <paramref name="text"/> shares, and the
    /// similarity <c>shared / (|text| + |query| - shared)</c> in single precision, as <c>pg_trgm</c> computes it.
    /// </summary>
    public static float Similarity(string text, ReadOnlySpan<long> query)
    {
        var size = MaxCount(text);
        Span<long> own = size > 256 ? new long[size] : stackalloc long[size];
        var count = Distinct(text, own);
        if (count == 0 || query.Length == 0)
        {
            return 0f;
        }

        int shared = 0, i = 0, j = 0;
        while (i < count && j < query.Length)
        {
            var difference = own[i].CompareTo(query[j]);
            if (difference == 0)
            {
                shared++;
                i++;
                j++;
            }
            else if (difference < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared / (float)(count + query.Length - shared);
    }
}
