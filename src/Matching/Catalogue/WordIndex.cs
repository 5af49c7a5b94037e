using Gogobe.Matching.Text;

namespace Gogobe.Matching.Catalogue;

/// <summary>
/// Offers by the words of their names (each also without a one-letter Hebrew prefix), to find the few worth scoring
/// for a new offer (the ones sharing its rarer words) without comparing it with the whole catalogue. Grows as offers are
/// added; not safe for concurrent use.
/// </summary>
public sealed class WordIndex
{
    /// <summary>A word in more offers than this finds no candidates (it still counts in <see cref="Weight"/>).</summary>
    public const int MaxPosting = 1500;

    private readonly Dictionary<string, List<int>> postings = new(StringComparer.Ordinal);
    private readonly List<OfferProfile> offers = [];
    private float[] scores = [];
    private readonly List<int> touched = [];

    public int Count => offers.Count;

    public OfferProfile this[int id] => offers[id];

    public int Add(OfferProfile offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var id = offers.Count;
        offers.Add(offer);
        foreach (var word in Keys(offer))
        {
            if (!postings.TryGetValue(word, out var list))
            {
                postings[word] = list = [];
            }

            list.Add(id);
        }

        return id;
    }

    /// <summary>Inverse document frequency of a word: rare words weigh more.</summary>
    public float Weight(string word) =>
        MathF.Log((offers.Count + 1f) / ((postings.TryGetValue(word, out var list) ? list.Count : 0) + 1f)) + 1f;

    /// <summary>The ids of up to <paramref name="limit"/> admitted offers sharing the most weight of words with <paramref name="query"/>, best first.</summary>
    public List<int> Candidates(OfferProfile query, int limit, Func<OfferProfile, bool> admit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(admit);
        if (scores.Length < offers.Count)
        {
            scores = new float[Math.Max(offers.Count, scores.Length * 2)];
        }

        foreach (var word in Keys(query))
        {
            if (!postings.TryGetValue(word, out var list) || list.Count > MaxPosting)
            {
                continue;
            }

            var weight = Weight(word);
            foreach (var id in list)
            {
                if (scores[id] == 0)
                {
                    touched.Add(id);
                }

                scores[id] += weight;
            }
        }

        var best = new PriorityQueue<int, (float, int)>(limit + 1);
        foreach (var id in touched)
        {
            var score = scores[id];
            scores[id] = 0;
            if ((best.Count < limit || (best.TryPeek(out _, out var least) && (score, -id).CompareTo(least) > 0)) && admit(offers[id]))
            {
                best.Enqueue(id, (score, -id));
                if (best.Count > limit)
                {
                    best.Dequeue();
                }
            }
        }

        touched.Clear();
        var found = new List<int>(best.Count);
        while (best.TryDequeue(out var id, out _))
        {
            found.Add(id);
        }

        found.Reverse();
        return found;
    }

    private static IEnumerable<string> Keys(OfferProfile offer)
    {
        foreach (var word in offer.Words)
        {
            yield return word;
            if (NameText.WithoutPrefix(word) is { } bare)
            {
                yield return bare;
            }
        }
    }
}
