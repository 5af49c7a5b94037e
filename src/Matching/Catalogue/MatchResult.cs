namespace Gogobe.Matching.Catalogue;

/// <summary>The master product an offer most likely belongs to, through which member, and how sure the model is.</summary>
/// <param name="Probability">The pair model's probability for the best member.</param>
/// <param name="RunnerUp">The probability of the best member of any other master product (0 when there is none).</param>
/// <param name="Calibrated">The confidence model's probability that the master is the right one; null without one.</param>
public sealed record MatchResult(string Master, OfferProfile Member, float Probability, float RunnerUp, float? Calibrated = null)
{
    /// <summary>
    /// How sure the match is: the confidence model's probability when the matcher has one, else the best probability
    /// less what the next master product scores.
    /// </summary>
    public float Confidence => Calibrated ?? Probability * (1 - RunnerUp);
}
