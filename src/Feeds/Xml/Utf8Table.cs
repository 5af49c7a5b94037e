namespace Gogobe.Feeds.Xml;

/// <summary>Makes a value from UTF-8 bytes.</summary>
internal delegate T FromUtf8<out T>(ReadOnlySpan<byte> bytes);

/// <summary>
/// Values looked up by the UTF-8 bytes they were made from: one value per distinct byte string, made on first sight.
/// Past <c>capacity</c> distinct byte strings, new ones are made each time and not kept.
/// </summary>
internal sealed class Utf8Table<T>(FromUtf8<T> create, int capacity) where T : class
{
    private Entry[] entries = new Entry[64];
    private int count;

    public T Get(ReadOnlySpan<byte> bytes)
    {
        var hash = Hash(bytes);
        var mask = entries.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            if (entry.Bytes is null)
            {
                return count < capacity ? Add(bytes, hash) : create(bytes);
            }

            if (entry.Hash == hash && bytes.SequenceEqual(entry.Bytes))
            {
                return entry.Value;
            }
        }
    }

    private T Add(ReadOnlySpan<byte> bytes, int hash)
    {
        if ((count + 1) * 2 > entries.Length)
        {
            var old = entries;
            entries = new Entry[old.Length * 2];
            foreach (var e in old)
            {
                if (e.Bytes is not null)
                {
                    Place(e);
                }
            }
        }

        var value = create(bytes);
        Place(new Entry(bytes.ToArray(), hash, value));
        count++;
        return value;
    }

    private void Place(Entry entry)
    {
        var mask = entries.Length - 1;
        var i = entry.Hash & mask;
        while (entries[i].Bytes is not null)
        {
            i = (i + 1) & mask;
        }

        entries[i] = entry;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = unchecked((int)2166136261);
        foreach (var b in bytes)
        {
            h = unchecked((h ^ b) * 16777619);
        }

        return h & int.MaxValue;
    }

    private readonly record struct Entry(byte[]? Bytes, int Hash, T Value);
}
