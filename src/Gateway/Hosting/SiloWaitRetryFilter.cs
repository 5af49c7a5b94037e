namespace Gogobe.Gateway.Hosting;

/// <summary>At start-up the silos may not be up yet: keep trying to connect for a few minutes, logging each attempt.</summary>
internal sealed partial class SiloWaitRetryFilter(ILogger<SiloWaitRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private readonly DateTime started = DateTime.UtcNow;
    private int attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        attempts++;
        if (DateTime.UtcNow - started > GiveUpAfter)
        {
            return false;
        }

        LogWaiting(attempts, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "No silo answered yet (attempt {Attempt}): {Reason}")]
    private partial void LogWaiting(int attempt, string reason);
}
