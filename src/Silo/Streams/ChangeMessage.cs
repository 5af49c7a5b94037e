using System.Diagnostics.CodeAnalysis;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;

namespace Gogobe.Silo.Streams;

/// <summary>
/// A <see cref="PricesChanged"/> or <see cref="PromotionsChanged"/> as the change streams read it: the products it names
/// become one <see cref="OfferChanged"/> each. A truncated message names none: every product the store sells counts as
/// changed, as for the gateway's cache.
/// </summary>
public sealed record ChangeMessage(
    OfferChangeKind Kind,
    string ChainId,
    string StoreId,
    string ImportId,
    DateTimeOffset FileAt,
    IReadOnlyList<string> ProductKeys,
    bool Truncated)
{
    /// <summary>
    /// Decodes a message of the events stream. False with a null <paramref name="problem"/> for a subject the change
    /// streams do not carry (store changes); false with the problem for a message that cannot be read.
    /// </summary>
    public static bool TryDecode(string subject, ReadOnlyMemory<byte> payload, IngestSubjects subjects, [NotNullWhen(true)] out ChangeMessage? message, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        message = null;
        problem = null;
        if (subject == subjects.PricesChanged)
        {
            if (MessageCodec.TryDecode(payload, out PricesChanged? prices, out problem))
            {
                message = new(OfferChangeKind.Prices, prices.ChainId, prices.StoreId, prices.ImportId, prices.FileAt, prices.ProductKeys ?? [], prices.Truncated);
            }
        }
        else if (subject == subjects.PromotionsChanged)
        {
            if (MessageCodec.TryDecode(payload, out PromotionsChanged? promotions, out problem))
            {
                message = new(OfferChangeKind.Promotions, promotions.ChainId, promotions.StoreId, promotions.ImportId, promotions.FileAt, promotions.ProductKeys ?? [], promotions.Truncated);
            }
        }

        if (message is not null && (string.IsNullOrEmpty(message.ChainId) || string.IsNullOrEmpty(message.StoreId) || string.IsNullOrEmpty(message.ImportId)))
        {
            problem = $"{subject} message without chainId, storeId or importId";
            message = null;
        }

        return message is not null;
    }

    /// <summary>
    /// One event per distinct product of <paramref name="productKeys"/> (the message's own keys unless it is truncated),
    /// each marked as taken from the broker at <paramref name="takenAt"/>.
    /// </summary>
    public IEnumerable<OfferChanged> Events(IEnumerable<string> productKeys, DateTimeOffset? takenAt = null) =>
        productKeys
            .Where(key => !string.IsNullOrEmpty(key))
            .Distinct(StringComparer.Ordinal)
            .Select(key => new OfferChanged(OfferChanged.IdOf(Kind, ImportId, ChainId, StoreId, key), Kind, key, ChainId, StoreId, ImportId, FileAt, takenAt));
}
