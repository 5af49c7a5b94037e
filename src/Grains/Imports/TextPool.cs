using System.Collections.Concurrent;

namespace Gogobe.Grains.Imports;

/// <summary>
/// One shared instance per distinct text for the texts every store of a chain repeats (product keys, names,
/// manufacturers): the copies the XML reader makes die young instead of being carried through the import and into the
/// price lists, which the garbage collector would otherwise copy and trace once per store. Bounded: when full it starts
/// over (a national catalogue is about a million distinct texts).
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

    public static string? ShareOrNull(string? text) => text is null ? null : Share(text);
}
