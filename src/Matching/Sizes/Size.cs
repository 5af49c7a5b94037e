namespace Gogobe.Matching.Sizes;

/// <summary>How much of a product one item holds, in grams, millilitres or units.</summary>
public readonly record struct Size(Dimension Dimension, decimal Amount)
{
    /// <summary>Relative difference two amounts may have and still be one size (rounding: 1.33 l and 1330 ml).</summary>
    public const decimal Tolerance = 0.03m;

    /// <summary>Larger amounts (100 kg, 100 l, 100,000 units) are typing errors in the feeds (a 75 ml gel as 1,500 l).</summary>
    public const decimal MaxAmount = 100_000;

    public static Size Unknown => default;

    public bool IsKnown => Dimension != Dimension.Unknown && Amount > 0;

    /// <summary>A size from a quantity and a unit word; grams, kilograms, millilitres, litres or units.</summary>
    public static Size Of(decimal? quantity, string unit)
    {
        if (quantity is not > 0)
        {
            return Unknown;
        }

        var q = quantity.Value;
        var size = unit switch
        {
            "g" => new(Dimension.Mass, q),
            "kg" => new(Dimension.Mass, q * 1000),
            "ml" => new(Dimension.Volume, q),
            "l" => new(Dimension.Volume, q * 1000),
            "unit" => new(Dimension.Count, q),
            _ => Unknown,
        };
        return size.Amount <= MaxAmount ? size : Unknown;
    }

    /// <summary>True when both amounts are within <see cref="Tolerance"/> of each other.</summary>
    public bool SameAmount(Size other) =>
        IsKnown && other.IsKnown && Math.Abs(Amount - other.Amount) <= Tolerance * Math.Max(Amount, other.Amount);

    /// <summary>
    /// True when the two sizes cannot be one product's: both known and, for mass and volume (which chains write for one
    /// another: a shampoo's 700 g is its 700 ml), different amounts; for counts, a different count.
    /// </summary>
    public bool Contradicts(Size other)
    {
        if (!IsKnown || !other.IsKnown)
        {
            return false;
        }

        var measured = Dimension is Dimension.Mass or Dimension.Volume;
        var otherMeasured = other.Dimension is Dimension.Mass or Dimension.Volume;
        return measured == otherMeasured && !SameAmount(other);
    }

    public override string ToString() => Dimension switch
    {
        Dimension.Mass => $"{Amount:0.###} g",
        Dimension.Volume => $"{Amount:0.###} ml",
        Dimension.Count => $"{Amount:0.###} units",
        _ => "unknown",
    };
}
