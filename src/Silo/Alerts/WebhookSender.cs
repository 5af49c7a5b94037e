using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Gogobe.Storage.Watches;

namespace Gogobe.Silo.Alerts;

/// <summary>Posts a digest to its webhook, signed (<see cref="WebhookSignature"/>) and with its idempotency key; a 2xx answer is delivered.</summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock)
{
    public async Task SendAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = Encoding.UTF8.GetBytes(delivery.Message.Body);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Message.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdempotencyHeader, delivery.Message.IdempotencyKey.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(delivery.WebhookSecret, timestamp, body));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
