using System.Collections.Concurrent;

namespace Gogobe.Grains.Imports;

/// <summary>
/// One shared instance per distinct product key, the one text every store's price list keeps: the copies the XML reader
/// makes die young instead of living on in each store's list, where the garbage collector would copy and trace them
/// once per store. Names and other facts are not pooled: they live only while their file is applied, so pooling them
/// only added a lookup per text per row and kept them alive longer. Bounded: when full it starts over (a national
/// catalogue is about a million keys).
/// </summary>
internal static class TextPool
{
    private const int MaxTexts = 4_000_000;
    private const int MaxLength = 256;

    private static readonly ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    /// <summary>Texts added since the last clear, kept apart because the dictionary's own count takes every lock.</summary>
    private static int added;

    public static string Share(string text)
    {
        if (text.Length > MaxLength)
        {
            return text;
        }

        if (Texts.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref added) >= MaxTexts)
        {
            Texts.Clear();
            Volatile.Write(ref added, 0);
        }

        shared = Texts.GetOrAdd(text, text);
        if (ReferenceEquals(shared, text))
        {
            Interlocked.Increment(ref added);
        }

        return shared;
    }
}
