using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gogobe.Storage.Watches;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// Turns waiting notices into messages: one per user and target (a webhook URL or an email address), listing every
/// notice the sender took for that user (those of the digest window, <see cref="AlertsOptions.DigestWindow"/>, whatever
/// import they came from): a national day of imports that moves many watched prices sends one digest, not a flood.
/// The idempotency key is derived from the target and the notices, so the same notices always make the same key.
/// </summary>
public static class DigestComposer
{
    public const string Webhook = "webhook";
    public const string Email = "email";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<OutgoingMessage> Compose(IReadOnlyList<WaitingNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var targets = notices.SelectMany(n => new[] { (Channel: Webhook, Target: n.WebhookUrl, Notice: n), (Channel: Email, Target: n.Email, Notice: n) })
            .Where(t => t.Target is not null);
        return targets
            .GroupBy(t => (t.Notice.UserId, t.Channel, t.Target))
            .OrderBy(g => g.Min(t => t.Notice.NotificationId))
            .Select(g =>
            {
                var items = g.Select(t => t.Notice).OrderBy(n => n.NotificationId).ToList();
                var key = KeyOf(g.Key.Channel, g.Key.Target!, items);
                var body = new DigestBody(DigestBody.Version, key, g.Key.UserId, items.ConvertAll(Item));
                return new OutgoingMessage(g.Key.UserId, g.Key.Channel, g.Key.Target!, key, JsonSerializer.Serialize(body, Json));
            })
            .ToList();
    }

    private static DigestItem Item(WaitingNotice n) => new(
        $"{n.WatchId}:{n.ChangeId}", n.WatchId, n.ImportId, n.ProductKey, n.ProductName, n.Condition.ToString().ToLowerInvariant(), n.Threshold, n.ChainId,
        n.StoreId, n.Price, n.ReferencePrice, n.Promotions, n.CreatedAt);

    private static Guid KeyOf(string channel, string target, List<WaitingNotice> items)
    {
        var text = $"{channel}\n{target}\n{string.Join(',', items.Select(n => n.NotificationId))}";
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
