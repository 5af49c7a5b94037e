using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// Logs an event a subscriber could not take within <see cref="ChangeStreamOptions.MaxDeliveryTime"/>. The event itself is
/// not lost: the cursor recorded the failure, so its broker message is handed back and delivered again.
/// </summary>
internal sealed partial class ChangeDeliveryFailures(ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailed(logger, streamIdentity.ToString(), sequenceToken?.SequenceNumber ?? -1);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamIdentity.ToString());
        return Task.CompletedTask;
    }

    #region Logging

    [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "A subscriber of {Stream} did not take event {Sequence} in time: its broker message will be delivered again")]
    private static partial void LogDeliveryFailed(ILogger logger, string stream, long sequence);

    [LoggerMessage(EventId = 1722, Level = LogLevel.Warning, Message = "Subscribing to {Stream} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, string stream);

    #endregion
}
