namespace Gogobe.Matching.Learning;

/// <summary>The model's answer for a pair: the calibrated probability that both offers are one product.</summary>
public sealed class PairScore
{
    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }

    public float Score { get; set; }
}
