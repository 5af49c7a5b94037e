namespace Gogobe.Matching.Evaluation;

/// <summary>How <see cref="MatchEvaluation"/> splits and scores.</summary>
/// <param name="TestShare">Share of the barcodes sold by two or more chains held out of training (split by barcode, not by pair).</param>
/// <param name="MaxAloneQueries">Held-out barcodes sold by one chain only, matched too: any match of theirs is wrong.</param>
/// <param name="SeveralBarcodes">A master product holds the barcodes one chain sells under one name (<see cref="Catalogue.BarcodeGroups"/>); otherwise one barcode.</param>
/// <param name="ConfusionsAt">The threshold to list confusions at; by default the chosen one.</param>
/// <param name="TargetPrecision">The chosen threshold is the lowest reaching it.</param>
/// <param name="Details">Also report every held-out item with its match and the best candidate of its right master (<see cref="HeldOutMatch"/>).</param>
public sealed record EvaluationOptions(
    int Seed = 17,
    double TestShare = 0.3,
    int Candidates = Catalogue.Candidates.Limit,
    int MaxAloneQueries = 3000,
    double TargetPrecision = 0.99,
    bool MatchWholeCatalogue = true,
    bool SeveralBarcodes = false,
    double? ConfusionsAt = null,
    bool Details = false)
{
    public static readonly double[] Thresholds = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99];
}
