namespace Gogobe.Matching.Sizes;

/// <summary>
/// How many items an offer's name says it holds: one (<see cref="Single"/>: the name states no pack), a known count
/// (<c>6*330 מל</c>, <c>350X2</c>, <c>מארז 4</c>, <c>שישייה</c>), or a pack of an unknown count (<c>מארז</c> alone,
/// <c>5*9</c>); with the size of each item when the name states it.
/// </summary>
/// <param name="Count">Items in the pack: 1 for a single item, 0 for a pack whose count the name does not make clear.</param>
/// <param name="Each">The size of one item of the pack; unknown when the name does not state it.</param>
public readonly record struct Pack(int Count, Size Each)
{
    /// <summary>
    /// The largest count a name's <c>a*b</c> gives a pack; a larger number next to a <c>*</c> is a size, a dimension, or
    /// the supplier's case (<c>12*200גרם</c>, <c>300X24</c>, <c>36*50ג</c>: in the feeds such an item is priced as one
    /// unit, ADR 0019).
    /// </summary>
    public const int MaxCount = 10;

    public static Pack Single => new(1, Size.Unknown);

    /// <summary>A pack of several (known count or not).</summary>
    public bool IsPack => Count != 1;

    /// <summary>
    /// Why two offers cannot be one product by their packs, or null: packs of different known counts (not the same two
    /// numbers read the other way round: <c>12*18 גר</c> and <c>18X12 גרם</c>), or a pack and a
    /// single item of the size of each of the pack's items (<paramref name="sizeA"/>, <paramref name="sizeB"/>: the offers' sizes).
    /// </summary>
    public static string? Contradiction(Pack a, Size sizeA, Pack b, Size sizeB)
    {
        if (a.Count > 1 && b.Count > 1 && a.Count != b.Count && !(a.Count == b.Each.Amount && b.Count == a.Each.Amount))
        {
            return $"pack: {a.Count} and {b.Count} items";
        }

        if (a.IsPack == b.IsPack)
        {
            return null;
        }

        var (pack, single) = a.IsPack ? (a, sizeB) : (b, sizeA);
        return pack.EachIs(single) ? $"pack: {(pack.Count > 1 ? pack.Count : "several")} × {pack.Each} and one of {single}" : null;
    }

    /// <summary>
    /// True when each item of the pack is as large as <paramref name="single"/>: the same amount in a comparable
    /// dimension, or, when the name gives each item's amount without a unit (<c>350X2</c>), that amount in grams or
    /// millilitres, or in kilograms or litres (<c>6*1.5</c>).
    /// </summary>
    public bool EachIs(Size single)
    {
        if (!single.IsKnown || single.Dimension == Dimension.Count || Each.Amount <= 0)
        {
            return false;
        }

        if (Each.Dimension == Dimension.Unknown)
        {
            return single.Dimension != Dimension.Count
                && (single.SameAmount(Size.Of(Each.Amount, "g")) || single.SameAmount(Size.Of(Each.Amount, "kg")));
        }

        var measured = Each.Dimension is Dimension.Mass or Dimension.Volume;
        return measured == (single.Dimension is Dimension.Mass or Dimension.Volume) && Each.SameAmount(single);
    }
}
