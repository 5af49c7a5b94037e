namespace Gogobe.Matching.Evaluation;

/// <summary>What <see cref="MatchEvaluation"/> measured.</summary>
/// <param name="Chosen">The lowest threshold reaching the target precision; null when none does.</param>
/// <param name="Reach">Whether the held-out offers' master products were among their candidates.</param>
/// <param name="GroupedBarcodes">Barcodes in a master product of several barcodes (<see cref="Catalogue.BarcodeGroups"/>).</param>
/// <param name="ConfusionsAt">The threshold the confusions are listed at: the chosen one, else the most precise.</param>
public sealed record EvaluationReport(
    int Offers,
    int Keys,
    int SharedBarcodes,
    int TrainBarcodes,
    int TestBarcodes,
    int TestAlone,
    int PositivePairs,
    int NegativePairs,
    IReadOnlyList<ThresholdRow> Thresholds,
    double? Chosen,
    double ConfusionsAt,
    IReadOnlyList<Confusion> Confusions,
    TimeSpan Training,
    TimeSpan WholeCatalogue,
    int CatalogueQueries,
    TimeSpan OneProduct,
    CandidateReach? Reach = null,
    int GroupedBarcodes = 0)
{
    /// <summary>Every held-out item's match, when <see cref="EvaluationOptions.Details"/> asked for them.</summary>
    public IReadOnlyList<HeldOutMatch> Details { get; init; } = [];

    /// <summary>Held-out items matched to a member named the same: the right master, or another barcode.</summary>
    public NameAgreement? Names { get; init; }

    /// <summary>Pairs of offers of one master product in two chains (what a perfect matcher joins), and how many of them each kind of guard rail forbids.</summary>
    public int SamePairs { get; init; }

    /// <summary>Of <see cref="SamePairs"/>, those the guard rails forbid, by the rail (sizes, weighing, packs).</summary>
    public IReadOnlyDictionary<string, int> ForbiddenSamePairs { get; init; } = new Dictionary<string, int>();

    /// <summary>Each of those pairs with the guard rail's reason, when <see cref="EvaluationOptions.Details"/> asked for them.</summary>
    public IReadOnlyList<(Catalogue.OfferProfile A, Catalogue.OfferProfile B, string Reason)> ForbiddenPairs { get; init; } = [];
}

/// <summary>Precision and recall when matches below <paramref name="Threshold"/> are refused.</summary>
/// <param name="Matched">Queries matched to some master product.</param>
/// <param name="Correct">Matched to the master product of their hidden barcode.</param>
/// <param name="Positives">Queries whose hidden barcode another chain sells (the rest have no right answer).</param>
public sealed record ThresholdRow(double Threshold, int Matched, int Correct, int Positives)
{
    public double Precision => Matched == 0 ? 1 : (double)Correct / Matched;

    public double Recall => Positives == 0 ? 0 : (double)Correct / Positives;
}

/// <summary>A wrong match at the chosen threshold: the query, the master it was given, the right one (none: no other chain sells it).</summary>
public sealed record Confusion(string QueryChain, string QueryName, string? RightKey, string MatchedKey, string MatchedChain, string MatchedName, float Confidence);

/// <summary>
/// One held-out item: its match (null when no candidate), its right master (null: no other chain sells it), and the
/// best-scoring candidate of that master with its pair score (null when the word index did not propose one).
/// </summary>
public sealed record HeldOutMatch(Catalogue.OfferProfile Query, string? Right, Catalogue.MatchResult? Match, Catalogue.OfferProfile? RightCandidate, float RightScore);
