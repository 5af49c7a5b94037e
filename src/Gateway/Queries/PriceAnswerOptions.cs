namespace Gogobe.Gateway.Queries;

/// <summary>
/// Which prices are answered as current (section <c>Prices</c>): those a file confirmed within
/// <see cref="ConfirmedWithinDays"/> days, unless the query asks for another window (<c>confirmedWithinDays</c>).
/// </summary>
public sealed class PriceAnswerOptions
{
    public const string Section = "Prices";
    public const int MaxDays = 36_500;

    /// <summary>Days since the newest file that confirmed a price, beyond which it is left out of answers.</summary>
    public int ConfirmedWithinDays { get; set; } = 30;
}
