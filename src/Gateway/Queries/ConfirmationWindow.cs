using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Queries;

/// <summary>
/// The window of a price answer: offers whose newest confirming file is older than it are left out, and the answer says
/// how many. The window is the query's <c>confirmedWithinDays</c>, else <see cref="PriceAnswerOptions"/>.
/// </summary>
public sealed class ConfirmationWindow(IOptions<PriceAnswerOptions> options, TimeProvider clock)
{
    public const string Parameter = "confirmedWithinDays";

    public bool TryRead(string? text, out int days, out ProblemHttpResult? problem) =>
        QueryInput.TryInt(Parameter, text, 1, PriceAnswerOptions.MaxDays, options.Value.ConfirmedWithinDays, out days, out problem);

    public bool TryRead(int? value, out int days, out ProblemHttpResult? problem) =>
        TryRead(value?.ToString(CultureInfo.InvariantCulture), out days, out problem);

    /// <summary>The oldest confirmation an answer within <paramref name="days"/> days accepts.</summary>
    public DateTimeOffset Since(int days) => clock.GetUtcNow().AddDays(-days);
}
