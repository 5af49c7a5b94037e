using Gogobe.Matching.Text;

namespace Gogobe.Matching.Catalogue;

/// <summary>
/// Offers by the words of their names (each also without a one-letter Hebrew prefix) and by the trigrams of those words,
/// to find the few worth scoring for a new offer (the ones sharing its rarer words, then a few sharing its rarer
/// trigrams: a word spelt another way or cut short) without comparing it with the whole catalogue. Grows as offers are
/// added; not safe for concurrent use.
/// </summary>
public sealed class WordIndex
{
    /// <summary>A word in more offers than this finds no candidates (it still counts in <see cref="Weight"/>).</summary>
    public const int MaxPosting = 1500;

    /// <summary>
    /// A trigram in more offers than this finds no candidates (ADR 0019: 300 finds nearly as many right masters as 2,000
    /// at a fraction of the cost).
    /// </summary>
    public const int MaxGramPosting = 300;

    /// <summary>Candidates proposed by word trigrams besides those the words propose.</summary>
    public const int GramCandidates = 10;

    private readonly Dictionary<string, List<int>> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<int>> grams = [];
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

        foreach (var gram in offer.Grams)
        {
            if (!grams.TryGetValue(gram, out var list))
            {
                grams[gram] = list = [];
            }

            list.Add(id);
        }

        return id;
    }

    /// <summary>Inverse document frequency of a word: rare words weigh more.</summary>
    public float Weight(string word) =>
        MathF.Log((offers.Count + 1f) / ((postings.TryGetValue(word, out var list) ? list.Count : 0) + 1f)) + 1f;

    /// <summary>
    /// The ids of up to <paramref name="limit"/> admitted offers sharing the most weight of words with <paramref name="query"/>,
    /// best first, then up to <see cref="GramCandidates"/> others sharing the most weight of word trigrams (rare trigrams
    /// weigh more; divided by the square root of the offer's trigram count, so a long name does not win by length).
    /// </summary>
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

        var found = Best(limit, admit, null);
        foreach (var gram in query.Grams)
        {
            if (!grams.TryGetValue(gram, out var list) || list.Count > MaxGramPosting)
            {
                continue;
            }

            var weight = MathF.Log((offers.Count + 1f) / (list.Count + 1f));
            if (weight <= 0)
            {
                continue;
            }

            foreach (var id in list)
            {
                if (scores[id] == 0)
                {
                    touched.Add(id);
                }

                scores[id] += weight;
            }
        }

        foreach (var id in touched)
        {
            scores[id] /= MathF.Sqrt(offers[id].Grams.Length + 1f);
        }

        found.AddRange(Best(GramCandidates, admit, found.ToHashSet()));
        return found;
    }

    /// <summary>The best-scoring admitted offers among those touched (not in <paramref name="skip"/>), best first; clears the scores.</summary>
    private List<int> Best(int limit, Func<OfferProfile, bool> admit, HashSet<int>? skip)
    {
        var best = new PriorityQueue<int, (float, int)>(limit + 1);
        foreach (var id in touched)
        {
            var score = scores[id];
            scores[id] = 0;
            if (skip is not null && skip.Contains(id))
            {
                continue;
            }

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
