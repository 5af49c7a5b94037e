using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Codes;
using Gogobe.Matching.Learning;
using Gogobe.Matching.Sizes;
using Gogobe.Storage.Matching;

namespace Gogobe.Grains.Matching;

/// <summary>
/// The catalogue as the matcher holds it: every offer in a word index, every product's master. A product joins a master
/// by code when it carries a barcode a matched product carries (a GTIN key, or a chain's own code that is a real
/// GTIN); else by the learned matcher when its confidence reaches <see cref="AcceptAt"/> (ADR 0019: 103 of 105
/// held-out matches at or above it were right, the two wrong ones the same product under another barcode); else it
/// is its own master. A product an operator decided never moves, and nothing joins a product split off. Not safe for
/// concurrent use.
/// </summary>
internal sealed class MasterCatalogue
{
    public const float AcceptAt = 0.98f;

    private readonly WordIndex index = new();
    private readonly HashSet<(string Key, string Chain)> indexed = [];
    private readonly Dictionary<string, List<OfferProfile>> offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MasterAssignment> assigned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> barcodeOwner = new(StringComparer.Ordinal);
    private ProductMatcher? matcher;

    public int Products => offers.Count;

    public int Offers => index.Count;

    public bool Knows(string key) => offers.ContainsKey(key);

    public bool IsMatched(string key) => assigned.ContainsKey(key);

    public string MasterOf(string key) => assigned.TryGetValue(key, out var a) ? a.MasterId : key;

    public IEnumerable<MasterAssignment> Assignments => assigned.Values;

    /// <summary>Matches by code only from now on (the model was withdrawn).</summary>
    public void UseNoModel() => matcher = null;

    public void Use(MatchModel pairs, ConfidenceModel confidence) =>
        matcher = new ProductMatcher(pairs, index, p => MasterOf(p.Offer.Key), Candidates.Limit, confidence);

    public void Add(IEnumerable<CatalogueOffer> rows)
    {
        foreach (var row in rows)
        {
            if (!indexed.Add((row.ProductKey, row.ChainId)))
            {
                continue;
            }

            var profile = new OfferProfile(ToOffer(row));
            index.Add(profile);
            if (!offers.TryGetValue(row.ProductKey, out var list))
            {
                offers[row.ProductKey] = list = [];
            }

            list.Add(profile);
            if (assigned.ContainsKey(row.ProductKey))
            {
                Own(profile);
            }
        }
    }

    /// <summary>Takes stored assignments as they are (after <see cref="Add"/> of the offers).</summary>
    public void Load(IEnumerable<MasterAssignment> stored)
    {
        foreach (var a in stored)
        {
            Record(a);
        }
    }

    /// <summary>Matches one product unless it is matched already (then its current assignment).</summary>
    public MasterAssignment MatchNew(string key) => assigned.TryGetValue(key, out var current) ? current : Match(key);

    /// <summary>Forgets every match no operator decided and matches every product again, in key order.</summary>
    public List<MasterAssignment> MatchAll()
    {
        var decided = assigned.Values.Where(a => a.Decision is not null).ToList();
        assigned.Clear();
        barcodeOwner.Clear();
        Load(decided);
        var results = new List<MasterAssignment>(offers.Count);
        foreach (var key in offers.Keys.Order(StringComparer.Ordinal))
        {
            if (!assigned.ContainsKey(key))
            {
                results.Add(Match(key));
            }
        }

        return results;
    }

    /// <summary>An operator's decision, as <see cref="MasterProductStore.DecideAsync"/> recorded it.</summary>
    public void Decide(string key, string decision, string masterId)
    {
        if (decision == "split")
        {
            var others = assigned.Values.Where(a => a.MasterId == key && a.ProductKey != key).Select(a => a.ProductKey).Order(StringComparer.Ordinal).ToList();
            foreach (var other in others)
            {
                assigned[other] = assigned[other] with { MasterId = others[0] };
            }
        }

        Record(new MasterAssignment(key, masterId, MatchedBy.Manual, 1, decision));
    }

    private MasterAssignment Match(string key)
    {
        var profiles = offers.GetValueOrDefault(key) ?? [];
        var result = ByCode(key, profiles) ?? Learned(key, profiles) ?? new MasterAssignment(key, key, MatchedBy.Code, 1);
        Record(result);
        return result;
    }

    private MasterAssignment? ByCode(string key, List<OfferProfile> profiles)
    {
        foreach (var profile in profiles)
        {
            if (profile.Barcode is { } barcode && barcodeOwner.TryGetValue(barcode, out var owner) && owner != key && !IsSplit(owner))
            {
                return new MasterAssignment(key, MasterOf(owner), MatchedBy.Code, 1);
            }
        }

        return null;
    }

    private MasterAssignment? Learned(string key, List<OfferProfile> profiles)
    {
        if (matcher is null)
        {
            return null;
        }

        MatchResult? best = null;
        foreach (var profile in profiles)
        {
            var found = matcher.Best(profile, o => o.Offer.Key != key && assigned.ContainsKey(o.Offer.Key) && !IsSplit(o.Offer.Key));
            best = found is not null && (best is null || found.Confidence > best.Confidence) ? found : best;
        }

        return best is { } b && b.Confidence >= AcceptAt ? new MasterAssignment(key, b.Master, MatchedBy.Learned, b.Confidence) : null;
    }

    private bool IsSplit(string key) => assigned.TryGetValue(key, out var a) && a.Decision == "split";

    private void Record(MasterAssignment assignment)
    {
        assigned[assignment.ProductKey] = assignment;
        foreach (var profile in offers.GetValueOrDefault(assignment.ProductKey) ?? [])
        {
            Own(profile);
        }
    }

    private void Own(OfferProfile profile)
    {
        if (profile.Barcode is { } barcode)
        {
            barcodeOwner.TryAdd(barcode, profile.Offer.Key);
        }
    }

    private static Offer ToOffer(CatalogueOffer row)
    {
        var code = ItemCode.Read(row.ItemCode, null);
        var kind = row.IsInternal ? (code.IsShared ? CodeKind.DeclaredInternal : code.Kind) : code.Kind;
        var size = Size.Of(row.Quantity, row.Unit is "unit" or null ? "" : row.Unit);
        return new Offer(row.ChainId, row.ProductKey, kind, row.Name, row.Manufacturer, size, row.IsWeighted, row.Price);
    }
}
