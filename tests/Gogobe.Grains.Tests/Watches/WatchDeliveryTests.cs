using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Silo.Alerts;
using Gogobe.Storage.Watches;
using Gogobe.Testing;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// The sender of watch notifications over real PostgreSQL, a webhook receiver written here and the local SMTP server
/// (smtp4dev): digests, signatures, retries, dead letters and email. The notices are put in the outbox as the watch grain
/// puts them; the test drives the sender's rounds.
/// </summary>
public sealed class WatchDeliveryTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task One_import_that_fires_three_watches_of_a_user_sends_one_signed_digest_once_and_another_import_its_own()
    {
        using var receiver = new WebhookReceiver().Start();
        receiver.Secret = await Watches.EnsureUserAsync("dana");
        var sender = Sender(new AlertsOptions { MaxAttempts = 3 });
        var firstImport = new[] { await FireAsync("dana", receiver.Url, null, "import-a", "7290000000011"), await FireAsync("dana", receiver.Url, null, "import-a", "7290000000012"), await FireAsync("dana", receiver.Url, null, "import-a", "7290000000013") };
        await FireAsync("dana", receiver.Url, null, "import-b", "7290000000014");

        await RoundsUntilAsync(sender, () => receiver.Requests.Count >= 2);
        await FireAsync("dana", receiver.Url, null, "import-a", "7290000000011", firstImport[0]);
        await sender.RunOnceAsync(CancellationToken.None);

        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.SignatureValid, "the signature did not verify with the user's secret"));
        var digests = requests.Select(r => JsonSerializer.Deserialize<DigestBody>(r.Body, DigestComposer.Json)!).OrderBy(d => d.ImportId).ToList();
        Assert.Equal(["import-a", "import-b"], digests.Select(d => d.ImportId));
        Assert.Equal(["7290000000011", "7290000000012", "7290000000013"], digests[0].Notifications.Select(n => n.ProductKey));
        Assert.Equal(digests.Select(d => d.Id.ToString()).Order(), requests.Select(r => r.IdempotencyKey).Order());
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_notification_once_when_it_comes_back()
    {
        using var receiver = new WebhookReceiver();
        receiver.Secret = await Watches.EnsureUserAsync("eli");
        var sender = Sender(new AlertsOptions { MaxAttempts = 50 });
        await FireAsync("eli", receiver.Url, null, "import-c", "7290000000021");

        await RoundsUntilAsync(sender, async () => (await AttemptsAsync("eli")).Attempts >= 2);
        receiver.Start();
        await RoundsUntilAsync(sender, async () => (await AttemptsAsync("eli")).Status == "sent");
        await sender.RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid);
        Assert.True((await AttemptsAsync("eli")).Attempts >= 3);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_gets_every_attempt_with_one_key_then_its_owner_lists_a_dead_letter()
    {
        using var receiver = new WebhookReceiver { Answer = () => HttpStatusCode.ServiceUnavailable }.Start();
        receiver.Secret = await Watches.EnsureUserAsync("gal");
        var sender = Sender(new AlertsOptions { MaxAttempts = 3 });
        await FireAsync("gal", receiver.Url, null, "import-d", "7290000000031");

        await RoundsUntilAsync(sender, async () => (await Watches.DeadLettersAsync("gal", 10)).Count > 0);
        await sender.RunOnceAsync(CancellationToken.None);

        var dead = Assert.Single(await Watches.DeadLettersAsync("gal", 10));
        Assert.Equal((3, receiver.Url), (dead.Attempts, dead.Target));
        Assert.Contains("503", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal([dead.IdempotencyKey.ToString()], receiver.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Empty(await Watches.DeadLettersAsync("dana", 10));
    }

    [Fact]
    public async Task An_email_watch_mails_its_digest_through_the_smtp_server()
    {
        var address = $"noa.{Guid.NewGuid():N}@example.com";
        var sender = Sender(new AlertsOptions { MaxAttempts = 3, SmtpHost = "127.0.0.1", SmtpPort = Servers.SmtpPort });
        await FireAsync("noa", null, address, "import-e", "7290000000041");
        await FireAsync("noa", null, address, "import-e", "7290000000042");

        using var smtp = new HttpClient { BaseAddress = Servers.SmtpApi };
        JsonElement? mail = null;
        await RoundsUntilAsync(sender, async () => (mail = await FindMailAsync(smtp, address)) is not null);
        var id = mail!.Value.GetProperty("id").GetString();
        var text = await smtp.GetStringAsync($"/api/messages/{id}/plaintext");

        Assert.Equal("Gogobe: 2 products you watch", mail.Value.GetProperty("subject").GetString());
        Assert.Contains("7290000000041", text, StringComparison.Ordinal);
        Assert.Contains("7290000000042", text, StringComparison.Ordinal);
        Assert.Equal("sent", (await AttemptsAsync("noa")).Status);
    }

    private WatchStore Watches => new(database.DataSource);

    private DeliveryWorker Sender(AlertsOptions options) => TestSender.Create(database.DataSource, options);

    /// <summary>A watch of <paramref name="user"/> on <paramref name="product"/> that fired on a change of <paramref name="importId"/>, as the grain records it.</summary>
    private async Task<WatchRow> FireAsync(string user, string? url, string? email, string importId, string product, WatchRow? again = null)
    {
        var watch = again ?? (await Watches.CreateAsync(user, new WatchDefinition(product, [], [], null, null, null, WatchCondition.Below, 10m, url, email), 1000))!;
        var notice = new WatchNotice($"p:{importId}:7290000000001:1:{product}", importId, "7290000000001", "1", 8.5m, 10m, []);
        await new WatchOutbox(database.DataSource).SaveAsync([new WatchUpdate(watch.WatchId, 8.5m, [], notice)]);
        return watch;
    }

    private static Task RoundsUntilAsync(DeliveryWorker sender, Func<bool> done) => TestSender.RoundsUntilAsync(() => Task.FromResult(done()), sender);

    private static Task RoundsUntilAsync(DeliveryWorker sender, Func<Task<bool>> done) => TestSender.RoundsUntilAsync(done, sender);

    private async Task<(string Status, int Attempts)> AttemptsAsync(string user)
    {
        await using var command = database.DataSource.CreateCommand("SELECT status, attempts FROM watch_deliveries WHERE user_id = $1");
        command.Parameters.AddWithValue(user);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt32(1)) : ("none", 0);
    }

    private static async Task<JsonElement?> FindMailAsync(HttpClient smtp, string address)
    {
        var page = await smtp.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=500");
        foreach (var message in page.GetProperty("results").EnumerateArray())
        {
            if (message.GetProperty("to").EnumerateArray().Any(t => t.GetString()?.Contains(address, StringComparison.OrdinalIgnoreCase) == true))
            {
                return message;
            }
        }

        return null;
    }
}
