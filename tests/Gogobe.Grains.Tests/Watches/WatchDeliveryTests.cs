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
    public async Task Notices_of_several_imports_waiting_together_go_as_one_signed_digest_per_user_once()
    {
        using var receiver = new WebhookReceiver().Start();
        receiver.Secret = await Watches.EnsureUserAsync("dana");
        await Watches.EnsureUserAsync("omer");
        var sender = Sender(new AlertsOptions { MaxAttempts = 3 });
        var first = await FireAsync("dana", receiver.Url, null, "import-a", "7290000000011");
        await FireAsync("dana", receiver.Url, null, "import-a", "7290000000012");
        await FireAsync("dana", receiver.Url, null, "import-b", "7290000000013");
        await FireAsync("omer", receiver.Url, null, "import-b", "7290000000014");

        await RoundsUntilAsync(sender, () => receiver.Requests.Count >= 2);
        await FireAsync("dana", receiver.Url, null, "import-a", "7290000000011", first);
        await sender.RunOnceAsync(CancellationToken.None);

        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        var digests = requests.Select(r => JsonSerializer.Deserialize<DigestBody>(r.Body, DigestComposer.Json)!).OrderBy(d => d.UserId).ToList();
        Assert.Equal(["dana", "omer"], digests.Select(d => d.UserId));
        Assert.All(digests, d => Assert.Equal(DigestBody.Version, d.V));
        Assert.Equal(["7290000000011", "7290000000012", "7290000000013"], digests[0].Notifications.Select(n => n.ProductKey));
        Assert.Equal(["import-a", "import-a", "import-b"], digests[0].Notifications.Select(n => n.ImportId));
        Assert.True(requests.Single(r => r.Body.Contains("\"dana\"", StringComparison.Ordinal)).SignatureValid, "the signature did not verify with dana's secret");
        Assert.Equal(digests.Select(d => d.Id.ToString()).Order(), requests.Select(r => r.IdempotencyKey).Order());
    }

    [Fact]
    public async Task A_users_notices_wait_the_digest_window_from_the_oldest_then_go_together()
    {
        using var receiver = new WebhookReceiver().Start();
        receiver.Secret = await Watches.EnsureUserAsync("yael");
        var window = TimeSpan.FromSeconds(4);
        var sender = Sender(new AlertsOptions { MaxAttempts = 3 }, window);
        var started = DateTimeOffset.UtcNow;
        await FireAsync("yael", receiver.Url, null, "import-f", "7290000000051");
        await sender.RunOnceAsync(CancellationToken.None);
        var (sentEarly, lookedAt) = (receiver.Requests.Count, DateTimeOffset.UtcNow - started);
        await FireAsync("yael", receiver.Url, null, "import-g", "7290000000052");
        await FireAsync("yael", receiver.Url, null, "import-h", "7290000000053");

        await RoundsUntilAsync(sender, () => receiver.Requests.Count >= 1);
        var waited = DateTimeOffset.UtcNow - started;
        await sender.RunOnceAsync(CancellationToken.None);

        Assert.True(sentEarly == 0 || lookedAt >= window, $"a digest went within {lookedAt}, inside the window of {window}");
        Assert.True(waited >= window, $"the digest went after {waited}, inside the window of {window}");
        var digest = JsonSerializer.Deserialize<DigestBody>(Assert.Single(receiver.Requests).Body, DigestComposer.Json)!;
        Assert.Equal(["7290000000051", "7290000000052", "7290000000053"], digest.Notifications.Select(n => n.ProductKey));
    }

    [Fact]
    public async Task A_user_with_the_most_notices_of_a_digest_waiting_is_sent_at_once_and_the_rest_wait()
    {
        using var receiver = new WebhookReceiver().Start();
        receiver.Secret = await Watches.EnsureUserAsync("ron");
        var sender = Sender(new AlertsOptions { MaxAttempts = 3, DigestMaxNotices = 3 }, TimeSpan.FromHours(1));
        foreach (var product in new[] { "7290000000061", "7290000000062", "7290000000063", "7290000000064" })
        {
            await FireAsync("ron", receiver.Url, null, "import-i", product);
        }

        await RoundsUntilAsync(sender, () => receiver.Requests.Count >= 1);
        await sender.RunOnceAsync(CancellationToken.None);

        var digest = JsonSerializer.Deserialize<DigestBody>(Assert.Single(receiver.Requests).Body, DigestComposer.Json)!;
        Assert.Equal(["7290000000061", "7290000000062", "7290000000063"], digest.Notifications.Select(n => n.ProductKey));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT count(*) FROM watch_notifications WHERE user_id = 'ron' AND digested_at IS NULL"));
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
    public async Task A_running_sender_sleeps_while_the_outbox_is_empty_and_each_notice_put_in_it_wakes_it()
    {
        // Its timers are 30 minutes: within the test only the outbox's notification at each insert can move it.
        using var receiver = new WebhookReceiver().Start();
        receiver.Secret = await Watches.EnsureUserAsync("tal");
        using var sender = Sender(new AlertsOptions { MaxAttempts = 3, PollInterval = TimeSpan.FromMinutes(30), IdlePoll = TimeSpan.FromMinutes(30) });
        await sender.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(sender.Listening), TimeSpan.FromSeconds(60), () => "the sender never listened for outbox inserts");
            await FireAsync("tal", receiver.Url, null, "import-i", "7290000000071");
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count == 1), TimeSpan.FromSeconds(60), () => "the first notice was not sent");

            // Both loops went back to sleep after sending the first: the second can only be sent because its insert woke them.
            await FireAsync("tal", receiver.Url, null, "import-j", "7290000000072");
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count == 2), TimeSpan.FromSeconds(60), () => "the second notice did not wake the sender");
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }

        var products = receiver.Requests.SelectMany(r => JsonSerializer.Deserialize<DigestBody>(r.Body, DigestComposer.Json)!.Notifications).Select(n => n.ProductKey);
        Assert.Equal(["7290000000071", "7290000000072"], products);
        Assert.Equal("sent", (await AttemptsAsync("tal")).Status);
    }

    [Fact]
    public async Task A_running_sender_retries_a_failed_delivery_when_it_is_due_without_being_woken()
    {
        // No notification comes for a retry; with a safety poll of 30 minutes the sender must wake by itself when it is due.
        var failures = 1;
        using var receiver = new WebhookReceiver { Answer = () => Interlocked.Decrement(ref failures) >= 0 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK }.Start();
        receiver.Secret = await Watches.EnsureUserAsync("ido");
        using var sender = Sender(new AlertsOptions { MaxAttempts = 3, IdlePoll = TimeSpan.FromMinutes(30) });
        await sender.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(sender.Listening), TimeSpan.FromSeconds(60), () => "the sender never listened for outbox inserts");
            await FireAsync("ido", receiver.Url, null, "import-k", "7290000000081");
            await Eventually.TrueAsync(async () => (await AttemptsAsync("ido")).Status == "sent", TimeSpan.FromSeconds(60), () => "the retry was not sent");
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], receiver.Requests.Select(r => r.Answered));
        Assert.Equal(2, (await AttemptsAsync("ido")).Attempts);
    }

    [Fact]
    public async Task A_running_sender_leases_ahead_of_its_send_slots_and_hands_back_unattempted_what_it_leased_when_it_stops()
    {
        // The receiver holds the first request it gets: both send slots stay busy (the second request waits behind it).
        using var gate = new ManualResetEventSlim();
        var arrived = 0;
        using var receiver = new WebhookReceiver
        {
            Answer = () =>
            {
                Interlocked.Increment(ref arrived);
                gate.Wait(TimeSpan.FromSeconds(30));
                return HttpStatusCode.OK;
            },
        }.Start();
        var users = Enumerable.Range(0, 6).Select(i => $"burst-{i}").ToList();
        foreach (var user in users)
        {
            await Watches.EnsureUserAsync(user);
            await FireAsync(user, receiver.Url, null, "import-m", $"72900000001{users.IndexOf(user)}");
        }

        using var sender = Sender(new AlertsOptions { MaxAttempts = 3, Parallel = 2 });
        await sender.StartAsync(CancellationToken.None);
        try
        {
            // Six messages due, two slots: it leases one per slot and as many again, then waits for a slot to free.
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref arrived) == 1), TimeSpan.FromSeconds(60), () => "no request reached the receiver");
            await Eventually.TrueAsync(async () => (await LeasesAsync()).Leased == 4, TimeSpan.FromSeconds(60), () => $"leased {LeasesAsync().Result}");
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
            gate.Set();
        }

        // The two being sent keep their lease and attempt; the two leased ahead are due again at once, unattempted.
        var after = await LeasesAsync();
        Assert.Equal((2, 4, 4), (after.Leased, after.Unattempted, after.DueNow));
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

    private DeliveryWorker Sender(AlertsOptions options, TimeSpan digestWindow = default) => TestSender.Create(database.DataSource, options, digestWindow);

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

    /// <summary>Pending deliveries: leased (an attempt counted), unattempted, and due now.</summary>
    private async Task<(int Leased, int Unattempted, int DueNow)> LeasesAsync()
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE attempts > 0)::int, count(*) FILTER (WHERE attempts = 0)::int, count(*) FILTER (WHERE next_attempt_at <= clock_timestamp())::int
            FROM watch_deliveries WHERE status = 'pending'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
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
