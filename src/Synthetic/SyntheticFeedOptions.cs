namespace Gogobe.Synthetic;

/// <summary>Broken files the generator can add on request, as met on the real portals.</summary>
public enum BadFileKind
{
    /// <summary>A gzip file cut off half way.</summary>
    Truncated,

    /// <summary>A portal's HTML login page saved under a feed's name.</summary>
    Html,

    /// <summary>XML with an end tag missing.</summary>
    Malformed,

    /// <summary>A price file where some rows have an empty <c>ItemPrice</c> (the file is fine, those rows are rejected).</summary>
    EmptyPrice,

    /// <summary>A price file where some rows have no <c>ItemCode</c> (the file is fine, those rows are rejected).</summary>
    MissingCode,

    /// <summary>A zero-byte file.</summary>
    Empty,
}

/// <summary>What to generate: a deterministic set of chains, stores and feed files.</summary>
public sealed record SyntheticFeedOptions
{
    public int Chains { get; init; } = 2;

    /// <summary>Stores per chain.</summary>
    public int Stores { get; init; } = 3;

    /// <summary>Items in each chain's catalogue (every store sells most of them).</summary>
    public int Items { get; init; } = 500;

    /// <summary>'A'–'F', or 'M' for a different layout per chain.</summary>
    public char Layout { get; init; } = 'M';

    public int Seed { get; init; } = 1;

    public int Days { get; init; } = 1;

    public DateOnly FirstDay { get; init; } = new(2026, 3, 1);

    public IReadOnlyList<BadFileKind> Bad { get; init; } = [];

    /// <summary>Write Price/Promo deltas and promotion files besides Stores and PriceFull.</summary>
    public bool Deltas { get; init; } = true;

    public bool Promotions { get; init; } = true;

    public static char ParseLayout(string text) => text.Trim().ToUpperInvariant() switch
    {
        "MIXED" or "M" => 'M',
        var s when s.Length == 1 && s[0] is >= 'A' and <= 'F' => s[0],
        _ => throw new ArgumentException($"unknown layout '{text}': use A, B, C, D, E, F or mixed"),
    };

    public static IReadOnlyList<BadFileKind> ParseBad(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Enum.TryParse<BadFileKind>(s.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var kind)
                    ? kind
                    : throw new ArgumentException($"unknown bad-file kind '{s}': use {string.Join(", ", Enum.GetNames<BadFileKind>())}"))
                .Distinct()
                .ToList();
}
