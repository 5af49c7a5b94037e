namespace Gogobe.Matching.Sizes;

/// <summary>What a size measures.</summary>
public enum Dimension
{
    Unknown,
    Mass,
    Volume,
    Count,
}
