using Microsoft.Extensions.Options;

namespace Gogobe.Ingest.Bridge;

/// <summary>How a silo's <see cref="FileImportBridge"/> takes uploads off the queue. Section <c>Ingest</c>.</summary>
public sealed class BridgeOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Imports one silo runs at once; also the most messages it holds unacknowledged (<c>Ingest:MaxConcurrentImports</c>,
    /// default 4: an import waits on the database part of the time, so more imports than cores keep the cores busy).
    /// </summary>
    public int MaxConcurrentImports { get; set; } = 4;

    /// <summary>Deliveries of one message before it goes to the dead-letter stream (<c>Ingest:MaxDeliveries</c>, default 5).</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Time the broker waits for an ack or a progress signal before redelivering (<c>Ingest:AckWait</c>, default 60 s).</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most messages asked for in one pull, never more than the free import slots (<c>Ingest:FetchBatch</c>, default 10).</summary>
    public int FetchBatch { get; set; } = 10;

    /// <summary>How long one pull waits on an empty queue (<c>Ingest:FetchExpiry</c>, default 5 s).</summary>
    public TimeSpan FetchExpiry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay before a failed import is delivered again (<c>Ingest:RedeliveryDelay</c>, default 10 s).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time running imports get to finish when the silo stops (<c>Ingest:ShutdownTimeout</c>, default 20 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Unacknowledged messages the broker allows across all silos (<c>Ingest:MaxAckPending</c>, default 1,000).</summary>
    public int MaxAckPending { get; set; } = 1000;
}

internal sealed class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.MaxConcurrentImports is >= 1 and <= 256, nameof(options.MaxConcurrentImports), "a number from 1 to 256", options.MaxConcurrentImports);
        Require(failures, options.MaxDeliveries is >= 1 and <= 100, nameof(options.MaxDeliveries), "a number from 1 to 100", options.MaxDeliveries);
        Require(failures, options.AckWait >= TimeSpan.FromSeconds(1), nameof(options.AckWait), "at least 00:00:01", options.AckWait);
        Require(failures, options.FetchBatch is >= 1 and <= 1000, nameof(options.FetchBatch), "a number from 1 to 1000", options.FetchBatch);
        Require(failures, options.FetchExpiry >= TimeSpan.FromSeconds(1), nameof(options.FetchExpiry), "at least 00:00:01", options.FetchExpiry);
        Require(failures, options.RedeliveryDelay >= TimeSpan.Zero, nameof(options.RedeliveryDelay), "zero or a positive duration", options.RedeliveryDelay);
        Require(failures, options.ShutdownTimeout >= TimeSpan.Zero, nameof(options.ShutdownTimeout), "zero or a positive duration", options.ShutdownTimeout);
        Require(failures, options.MaxAckPending >= options.MaxConcurrentImports, nameof(options.MaxAckPending), "at least Ingest:MaxConcurrentImports times the number of silos", options.MaxAckPending);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool valid, string setting, string expected, object actual)
    {
        if (!valid)
        {
            failures.Add($"{BridgeOptions.Section}:{setting} must be {expected}, got {actual}.");
        }
    }
}
