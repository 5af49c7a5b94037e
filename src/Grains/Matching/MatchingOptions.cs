namespace Gogobe.Grains.Matching;

/// <summary>Master product matching on the import path. Section <c>Matching</c>.</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>
    /// Whether price imports send the products they add to be matched (<c>Matching:RequestNew</c>, default true). Off,
    /// new products stay their own masters until a catalogue run (<c>POST /api/matching/rerun</c>) matches them.
    /// </summary>
    public bool RequestNew { get; set; } = true;
}
