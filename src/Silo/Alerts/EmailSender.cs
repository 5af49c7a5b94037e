using System.Globalization;
using System.Text;
using System.Text.Json;
using Gogobe.Storage.Watches;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// Mails a digest to its address through the SMTP server of <see cref="AlertsOptions"/>. The message id is made of the
/// idempotency key, so a mail sent again after a failed acknowledgement can be recognised as the same.
/// </summary>
public sealed class EmailSender(IOptions<AlertsOptions> options)
{
    public async Task SendAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        if (settings.SmtpHost.Length == 0)
        {
            throw new InvalidOperationException($"no SMTP server: set {AlertsOptions.Section}:SmtpHost");
        }

        var digest = JsonSerializer.Deserialize<DigestBody>(delivery.Message.Body, DigestComposer.Json)!;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(delivery.Message.Target));
        message.MessageId = $"{digest.Id:N}@gogobe";
        message.Headers.Add(WebhookSignature.IdempotencyHeader, digest.Id.ToString());
        message.Subject = digest.Notifications.Count == 1
            ? $"Gogobe: {Name(digest.Notifications[0])}"
            : string.Create(CultureInfo.InvariantCulture, $"Gogobe: {digest.Notifications.Count} products you watch");
        message.Body = new TextPart("plain") { Text = Text(digest) };

        using var smtp = new SmtpClient { Timeout = (int)settings.SendTimeout.TotalMilliseconds };
        await smtp.ConnectAsync(settings.SmtpHost, settings.SmtpPort, SecureSocketOptions.None, cancellationToken);
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }

    private static string Name(DigestItem item) => item.ProductName ?? item.ProductKey;

    private static string Text(DigestBody digest)
    {
        var text = new StringBuilder();
        foreach (var item in digest.Notifications)
        {
            var line = item.Condition switch
            {
                "promotion" => $"{Name(item)}: new promotion {string.Join("; ", item.Promotions)}",
                _ => $"{Name(item)}: {item.Price:0.00} at store {item.ChainId}:{item.StoreId} (was {item.ReferencePrice?.ToString("0.00", CultureInfo.InvariantCulture) ?? "not sold"}; watch {item.Condition} {item.Threshold})",
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"{line} [{item.Key}]");
        }

        return text.ToString();
    }
}
