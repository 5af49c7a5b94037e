using Gogobe.Contracts.Events;
using Gogobe.Contracts.Matching;
using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Gogobe.Ingest.JetStream;

/// <summary>Publishes what imports changed, for caches and other readers of <c>GOGOBE_EVENTS</c>; the grains' <see cref="IChangeEvents"/>.</summary>
public sealed class EventPublisher : IChangeEvents
{
    private readonly JetStreamWriter writer;
    private readonly IngestSubjects subjects;

    public EventPublisher(INatsConnection connection, IOptions<IngestStreamOptions> options, ILogger<EventPublisher> logger)
    {
        writer = new JetStreamWriter(connection, options.Value, logger);
        subjects = options.Value.Subjects;
    }

    /// <summary>Publishes a price change; a retry of the same import's change for the same store is dropped by the broker.</summary>
    /// <exception cref="IngestPublishException">JetStream did not confirm in time.</exception>
    public Task<PublishOutcome> PublishAsync(PricesChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var messageId = $"prices:{change.ChainId}:{change.StoreId}:{change.ImportId}";
        return writer.PublishAsync(subjects.PricesChanged, MessageCodec.Encode(change), messageId, headers: null, cancellationToken);
    }

    /// <summary>Publishes a promotion change; a retry of the same import's change for the same store is dropped by the broker.</summary>
    /// <exception cref="IngestPublishException">JetStream did not confirm in time.</exception>
    public Task<PublishOutcome> PublishAsync(PromotionsChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var messageId = $"promotions:{change.ChainId}:{change.StoreId}:{change.ImportId}";
        return writer.PublishAsync(subjects.PromotionsChanged, MessageCodec.Encode(change), messageId, headers: null, cancellationToken);
    }

    /// <summary>Publishes a new or moved store.</summary>
    /// <exception cref="IngestPublishException">JetStream did not confirm in time.</exception>
    public Task<PublishOutcome> PublishAsync(StoreChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return writer.PublishAsync(subjects.StoresChanged, MessageCodec.Encode(change), messageId: null, headers: null, cancellationToken);
    }

    /// <summary>Publishes a matching request; a retry of the same file's part is dropped by the broker.</summary>
    /// <exception cref="IngestPublishException">JetStream did not confirm in time.</exception>
    public Task<PublishOutcome> PublishAsync(MatchingRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messageId = $"matching:{request.ChainId}:{request.StoreId}:{request.ImportId}:{request.Part}";
        return writer.PublishAsync(subjects.MatchingRequest, MessageCodec.Encode(request), messageId, headers: null, cancellationToken);
    }

    Task IChangeEvents.RequestMatchingAsync(MatchingRequested request, CancellationToken cancellationToken) => AnnounceAsync(PublishAsync(request, cancellationToken));

    Task IChangeEvents.AnnounceAsync(PricesChanged change, CancellationToken cancellationToken) => AnnounceAsync(PublishAsync(change, cancellationToken));

    Task IChangeEvents.AnnounceAsync(PromotionsChanged change, CancellationToken cancellationToken) => AnnounceAsync(PublishAsync(change, cancellationToken));

    Task IChangeEvents.AnnounceAsync(StoreChanged change, CancellationToken cancellationToken) => AnnounceAsync(PublishAsync(change, cancellationToken));

    private static async Task AnnounceAsync(Task<PublishOutcome> publish)
    {
        try
        {
            await publish;
        }
        catch (IngestPublishException ex)
        {
            throw new ChangeNotAnnouncedException(ex.Message, ex);
        }
    }
}
