using System.Buffers;
using System.Numerics;
using Gogobe.Storage.Products;

namespace Gogobe.Gateway.Search;

/// <summary>
/// An immutable in-memory index of every product's name and key, answering search as <see cref="ProductFinder"/> ranks:
/// a name matches when it holds every query word (as part of one of its words); names that start with the query come
/// first, then the most similar by <c>pg_trgm</c> similarity, then the shortest, then by key. Keys answer barcodes
/// and their first digits.
/// <para>
/// Products are numbered by how many trigrams their normalised name has (fewest first). A word's matches are a bitset
/// over those numbers, so the matches of a query are visited from the shortest names on, and the visit stops as soon as
/// no longer name can beat the worst of the best <c>limit</c> found: similarity cannot exceed
/// <c>min(|name|, |query|) / max(|name|, |query|)</c>. Each entry is one <see cref="ProductNameRow"/>.
/// </para>
/// <para>
/// An answer has one line per master product (ADR 0019): the best-ranked member stands for its master, and the line
/// names the master and how many products of the index it groups. The best <c>limit</c> lines are kept while visiting,
/// so a page is never shortened by grouping and the visit's bound holds (a later member cannot beat the worst line kept).
/// </para>
/// </summary>
public sealed class ProductIndex
{
    /// <summary>Tolerance for the single-precision scores against the double-precision bound.</summary>
    private const double Slack = 1e-6;

    private readonly ProductNameRow[] products;
    private readonly ushort[] trigramCounts;
    private readonly Dictionary<string, int> byKey;
    private readonly int[] keyOrder;
    private readonly int[] keyLengthStart;
    private readonly string[] words;
    private readonly int[][] wordProducts;
    private readonly Dictionary<long, int[]> wordsByGram;
    private readonly int[] groupOf;
    private readonly MasterGroup[] groups;

    private ProductIndex(
        ProductNameRow[] products, ushort[] trigramCounts, Dictionary<string, int> byKey, int[] keyOrder, int[] keyLengthStart,
        string[] words, int[][] wordProducts, Dictionary<long, int[]> wordsByGram, int[] groupOf, MasterGroup[] groups)
    {
        this.groupOf = groupOf;
        this.groups = groups;
        this.products = products;
        this.trigramCounts = trigramCounts;
        this.byKey = byKey;
        this.keyOrder = keyOrder;
        this.keyLengthStart = keyLengthStart;
        this.words = words;
        this.wordProducts = wordProducts;
        this.wordsByGram = wordsByGram;
        ApproximateBytes = Measure();
    }

    public int Count => products.Length;

    /// <summary>Master products, one per group of products (a product no other joined is its own).</summary>
    public int MasterCount => groups.Length;

    /// <summary>Distinct words of all names.</summary>
    public int WordCount => words.Length;

    /// <summary>The managed memory this index holds, estimated from its strings, arrays and tables.</summary>
    public long ApproximateBytes { get; }

    public static ProductIndex Build(IEnumerable<ProductNameRow> rows)
    {
        var all = rows.ToArray();
        var counts = all.Select(r => SearchTrigrams.Count(r.SearchName)).ToArray();
        var order = Enumerable.Range(0, all.Length).ToArray();
        Array.Sort(order, (x, y) =>
        {
            var byCount = counts[x].CompareTo(counts[y]);
            if (byCount != 0)
            {
                return byCount;
            }

            var byLength = all[x].SearchName.Length.CompareTo(all[y].SearchName.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(all[x].Key, all[y].Key);
        });
        var products = order.Select(i => all[i]).ToArray();
        var trigramCounts = order.Select(i => (ushort)Math.Min(counts[i], ushort.MaxValue)).ToArray();

        var byKey = new Dictionary<string, int>(products.Length, StringComparer.Ordinal);
        for (var id = 0; id < products.Length; id++)
        {
            byKey[products[id].Key] = id;
        }

        var keyOrder = Enumerable.Range(0, products.Length).ToArray();
        Array.Sort(keyOrder, (x, y) =>
        {
            var byLength = products[x].Key.Length.CompareTo(products[y].Key.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(products[x].Key, products[y].Key);
        });
        var longest = products.Length == 0 ? 0 : products.Max(p => p.Key.Length);
        var keyLengthStart = new int[longest + 2];
        for (int length = 0, at = 0; length <= longest + 1; length++)
        {
            while (at < keyOrder.Length && products[keyOrder[at]].Key.Length < length)
            {
                at++;
            }

            keyLengthStart[length] = at;
        }

        var vocabulary = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < products.Length; id++)
        {
            foreach (var word in products[id].SearchName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!vocabulary.TryGetValue(word, out var list))
                {
                    vocabulary[word] = list = [];
                }

                if (list.Count == 0 || list[^1] != id)
                {
                    list.Add(id);
                }
            }
        }

        var words = vocabulary.Keys.Order(StringComparer.Ordinal).ToArray();
        var wordProducts = words.Select(w => vocabulary[w].ToArray()).ToArray();
        var grams = new Dictionary<long, List<int>>();
        for (var w = 0; w < words.Length; w++)
        {
            foreach (var gram in Grams(words[w]))
            {
                if (!grams.TryGetValue(gram, out var list))
                {
                    grams[gram] = list = [];
                }

                if (list.Count == 0 || list[^1] != w)
                {
                    list.Add(w);
                }
            }
        }

        var wordsByGram = grams.ToDictionary(g => g.Key, g => g.Value.ToArray());
        var (groupOf, groups) = Group(products, byKey);
        return new ProductIndex(products, trigramCounts, byKey, keyOrder, keyLengthStart, words, wordProducts, wordsByGram, groupOf, groups);
    }

    /// <summary>Numbers the master products and counts their members; a master's name is its own product's, when indexed.</summary>
    private static (int[] GroupOf, MasterGroup[] Groups) Group(ProductNameRow[] products, Dictionary<string, int> byKey)
    {
        var groupOf = new int[products.Length];
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizes = new List<int>();
        for (var id = 0; id < products.Length; id++)
        {
            if (!numbers.TryGetValue(products[id].MasterId, out var group))
            {
                numbers[products[id].MasterId] = group = sizes.Count;
                sizes.Add(0);
            }

            groupOf[id] = group;
            sizes[group]++;
        }

        var groups = new MasterGroup[sizes.Count];
        foreach (var (master, group) in numbers)
        {
            groups[group] = new MasterGroup(master, byKey.TryGetValue(master, out var own) ? products[own].Name : null, sizes[group]);
        }

        return (groupOf, groups);
    }

    /// <summary>
    /// The product with this key first (score 1), then, for digits, the products whose key starts with them, shortest
    /// first (score 0.5); one line per master product.
    /// </summary>
    public SearchHit[] ByKey(string key, int limit)
    {
        var hits = new List<SearchHit>(Math.Min(limit, 64));
        var shown = new HashSet<int>();
        if (byKey.TryGetValue(key, out var exact))
        {
            shown.Add(groupOf[exact]);
            hits.Add(Hit(exact, 1.0));
        }

        if (!key.All(char.IsAsciiDigit))
        {
            return [.. hits.Take(limit)];
        }

        for (var length = key.Length + 1; length < keyLengthStart.Length - 1 && hits.Count < limit; length++)
        {
            int from = keyLengthStart[length], to = keyLengthStart[length + 1];
            for (var at = LowerBound(from, to, key); at < to && hits.Count < limit && products[keyOrder[at]].Key.StartsWith(key, StringComparison.Ordinal); at++)
            {
                if (shown.Add(groupOf[keyOrder[at]]))
                {
                    hits.Add(Hit(keyOrder[at], 0.5));
                }
            }
        }

        return [.. hits.Take(limit)];
    }

    /// <summary>
    /// The best <paramref name="limit"/> master products by their best member whose normalised name holds every one of
    /// <paramref name="queryWords"/> (already normalised).
    /// </summary>
    public SearchHit[] ByWords(IReadOnlyList<string> queryWords, int limit)
    {
        if (queryWords.Count == 0 || products.Length == 0 || limit <= 0)
        {
            return [];
        }

        var blocks = (products.Length + 63) / 64;
        var matches = ArrayPool<ulong>.Shared.Rent(blocks);
        var other = ArrayPool<ulong>.Shared.Rent(blocks);
        try
        {
            for (var i = 0; i < queryWords.Count; i++)
            {
                var target = i == 0 ? matches : other;
                if (!Mark(queryWords[i], target.AsSpan(0, blocks)))
                {
                    return [];
                }

                if (i > 0)
                {
                    var any = 0UL;
                    for (var b = 0; b < blocks; b++)
                    {
                        any |= matches[b] &= other[b];
                    }

                    if (any == 0)
                    {
                        return [];
                    }
                }
            }

            return Rank(string.Join(' ', queryWords), matches.AsSpan(0, blocks), limit);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(matches);
            ArrayPool<ulong>.Shared.Return(other);
        }
    }

    /// <summary>Sets the bit of every product with a word containing <paramref name="word"/>; false when there is none.</summary>
    private bool Mark(string word, Span<ulong> bits)
    {
        bits.Clear();
        var found = false;
        if (word.Length <= 2)
        {
            if (!wordsByGram.TryGetValue(word.Length == 1 ? SearchTrigrams.Pack('\0', '\0', word[0]) : SearchTrigrams.Pack('\0', word[0], word[1]), out var all))
            {
                return false;
            }

            foreach (var w in all)
            {
                found |= MarkWord(w, bits);
            }

            return found;
        }

        int[]? fewest = null;
        for (var i = 0; i + 3 <= word.Length; i++)
        {
            if (!wordsByGram.TryGetValue(SearchTrigrams.Pack(word[i], word[i + 1], word[i + 2]), out var holders))
            {
                return false;
            }

            if (fewest is null || holders.Length < fewest.Length)
            {
                fewest = holders;
            }
        }

        foreach (var w in fewest!)
        {
            if (words[w].Contains(word, StringComparison.Ordinal))
            {
                found |= MarkWord(w, bits);
            }
        }

        return found;
    }

    private bool MarkWord(int word, Span<ulong> bits)
    {
        foreach (var id in wordProducts[word])
        {
            bits[id >> 6] |= 1UL << (id & 63);
        }

        return true;
    }

    private SearchHit[] Rank(string query, ReadOnlySpan<ulong> matches, int limit)
    {
        Span<long> queryTrigrams = stackalloc long[SearchTrigrams.MaxCount(query)];
        var queryCount = SearchTrigrams.Distinct(query, queryTrigrams);
        queryTrigrams = queryTrigrams[..queryCount];
        var best = new List<(int Id, double Score)>(limit + 1);
        for (var block = 0; block < matches.Length; block++)
        {
            var bits = matches[block];
            while (bits != 0)
            {
                var id = (block << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                int count = trigramCounts[id];
                var ratio = count == 0 || queryCount == 0 ? 0.0 : (double)Math.Min(count, queryCount) / Math.Max(count, queryCount);
                var full = best.Count == limit;
                if (full && count >= queryCount && 1 + ratio + Slack < best[^1].Score)
                {
                    return Hits(best);
                }

                var name = products[id].SearchName;
                var starts = name.StartsWith(query, StringComparison.Ordinal);
                if (full && (starts ? 1 : 0) + ratio + Slack < best[^1].Score)
                {
                    continue;
                }

                var score = (double)((starts ? 1f : 0f) + SearchTrigrams.Similarity(name, queryTrigrams));
                Keep(best, id, score, limit);
            }
        }

        return Hits(best);
    }

    private void Keep(List<(int Id, double Score)> best, int id, double score, int limit)
    {
        // One line per master: a better member replaces its master's line, a worse one is dropped.
        var group = groupOf[id];
        for (var i = 0; i < best.Count; i++)
        {
            if (groupOf[best[i].Id] == group)
            {
                if (!Before(id, score, best[i].Id, best[i].Score))
                {
                    return;
                }

                best.RemoveAt(i);
                break;
            }
        }

        var at = best.Count;
        while (at > 0 && Before(id, score, best[at - 1].Id, best[at - 1].Score))
        {
            at--;
        }

        if (at >= limit)
        {
            return;
        }

        best.Insert(at, (id, score));
        if (best.Count > limit)
        {
            best.RemoveAt(best.Count - 1);
        }
    }

    /// <summary>Higher score first, then the shorter normalised name, then the key.</summary>
    private bool Before(int id, double score, int otherId, double otherScore)
    {
        if (score != otherScore)
        {
            return score > otherScore;
        }

        var length = products[id].SearchName.Length.CompareTo(products[otherId].SearchName.Length);
        return length != 0 ? length < 0 : string.CompareOrdinal(products[id].Key, products[otherId].Key) < 0;
    }

    private SearchHit[] Hits(List<(int Id, double Score)> best) => [.. best.Select(b => Hit(b.Id, b.Score))];

    private SearchHit Hit(int id, double score)
    {
        var row = products[id];
        var master = groups[groupOf[id]];
        return new SearchHit(row.Key, row.Name, row.Manufacturer, row.Barcode, row.ChainId, score, master.Key, master.Name, master.Members);
    }

    private int LowerBound(int from, int to, string key)
    {
        while (from < to)
        {
            var middle = from + ((to - from) >> 1);
            if (string.CompareOrdinal(products[keyOrder[middle]].Key, key) < 0)
            {
                from = middle + 1;
            }
            else
            {
                to = middle;
            }
        }

        return from;
    }

    /// <summary>The distinct one-, two- and three-letter pieces of a word (a one-letter piece packed after two zeros).</summary>
    private static HashSet<long> Grams(string word)
    {
        var grams = new HashSet<long>();
        for (var i = 0; i < word.Length; i++)
        {
            grams.Add(SearchTrigrams.Pack('\0', '\0', word[i]));
            if (i + 1 < word.Length)
            {
                grams.Add(SearchTrigrams.Pack('\0', word[i], word[i + 1]));
            }

            if (i + 2 < word.Length)
            {
                grams.Add(SearchTrigrams.Pack(word[i], word[i + 1], word[i + 2]));
            }
        }

        return grams;
    }

    private long Measure()
    {
        const int ObjectHeader = 24;
        static long Text(string? s) => s is null ? 0 : (ObjectHeader + (2L * s.Length) + 7) & ~7L;
        static long Array(int length, int size) => (ObjectHeader + ((long)length * size) + 7) & ~7L;

        long bytes = Array(products.Length, 8) + Array(trigramCounts.Length, 2) + Array(keyOrder.Length, 4) + Array(keyLengthStart.Length, 4)
                     + Array(groupOf.Length, 4) + Array(groups.Length, 8) + (groups.Length * (ObjectHeader + 8L + 8 + 8));
        foreach (var row in products)
        {
            bytes += ObjectHeader + (7 * 8) + (ReferenceEquals(row.MasterId, row.Key) ? 0 : Text(row.MasterId)) + Text(row.Key) + Text(row.Name) + Text(row.Manufacturer) + Text(row.Barcode) + Text(row.ChainId)
                     + (ReferenceEquals(row.SearchName, row.Name) ? 0 : Text(row.SearchName));
        }

        // A dictionary entry holds its key, value, hash and next link; one bucket (int) per entry.
        bytes += byKey.Count * (24L + 4);
        bytes += Array(words.Length, 8) + Array(wordProducts.Length, 8);
        for (var w = 0; w < words.Length; w++)
        {
            bytes += Text(words[w]) + Array(wordProducts[w].Length, 4);
        }

        bytes += wordsByGram.Count * (32L + 4);
        foreach (var holders in wordsByGram.Values)
        {
            bytes += Array(holders.Length, 4);
        }

        return bytes;
    }
}

/// <summary>A master product as search shows it: its key, its own product's name (null when not indexed), its member count.</summary>
internal sealed record MasterGroup(string Key, string? Name, int Members);
