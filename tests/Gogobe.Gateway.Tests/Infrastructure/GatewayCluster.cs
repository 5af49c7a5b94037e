using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Security;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests.Infrastructure;

/// <summary>
/// Two silos and a gateway as real processes on a fresh database, loaded once with real files: Rami Levy (stores with
/// locality codes, the full price list of store 006 and promotions given to it) and Osher Ad (stores with city names,
/// the full price list of store 001).
/// </summary>
public sealed class GatewayCluster : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly TestDatabase database = new();

    /// <summary>
    /// Every process takes this machine for its reverse proxy: a test request is local, unless it carries
    /// <c>X-Forwarded-For</c>, which makes it a request from that address.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BehindProxy = new Dictionary<string, string> { ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1" };

    /// <summary>
    /// The sample files were published from 2022 on: this gateway answers their prices as current for ten years, so that
    /// the tests can compare answers with the files. The default window has a test of its own.
    /// </summary>
    public const string SampleWindowDays = "3650";

    public LocalCluster Cluster { get; private set; } = null!;

    public IReadOnlyList<HostProcess> Silos { get; private set; } = [];

    public HttpClient Http { get; private set; } = null!;

    public string ImporterToken { get; private set; } = "";

    /// <summary>A token with every role: the hostile requests reach every endpoint past its authorization.</summary>
    public string OperatorToken { get; private set; } = "";

    public DirectoryInfo Scratch { get; } = Directory.CreateTempSubdirectory("gogobe-gateway-tests-");

    public async Task InitializeAsync()
    {
        _ = SharedFeeds.OsherAdDelta;
        await database.InitializeAsync();
        Cluster = new LocalCluster(database);
        Silos = [Cluster.StartSilo("silo1", Servers.FreePort(), Servers.FreePort(), BehindProxy), Cluster.StartSilo("silo2", Servers.FreePort(), Servers.FreePort(), BehindProxy)];
        await Task.WhenAll(Silos.Select(s => s.WaitReadyAsync(StartTimeout)));
        var gateway = Cluster.StartGateway(new Dictionary<string, string>(BehindProxy)
        {
            ["RateLimit__Burst"] = "100000", ["RateLimit__PerSecond"] = "100000", ["Prices__ConfirmedWithinDays"] = SampleWindowDays,
        });
        await gateway.WaitReadyAsync(StartTimeout);
        Http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        ImporterToken = Token(["importer"]);
        OperatorToken = Token(["importer", "operator"]);

        var promotions = Rewrite(SharedFeeds.RamiLevyPromotions001, "PromoFull7290058140886-006-202602170010.xml",
            text => text.Replace("<StoreId>001</StoreId>", "<StoreId>006</StoreId>", StringComparison.Ordinal));
        await Task.WhenAll(
            ImportAsync(SharedFeeds.RamiLevyStores), ImportAsync(SharedFeeds.OsherAdStores),
            ImportAsync(SharedFeeds.RamiLevyPrices), ImportAsync(SharedFeeds.OsherAdPrices), ImportAsync(promotions));
        await Eventually.TrueAsync(async () =>
        {
            var stores = await Http.GetFromJsonAsync<JsonElement>($"/api/stores?chain={SharedFeeds.RamiLevy}");
            return stores.EnumerateArray().Any(s => s.GetProperty("storeId").GetString() == "6" && s.GetProperty("location").ValueKind == JsonValueKind.Object);
        }, TimeSpan.FromSeconds(30), () => "Rami Levy store 6 was not located");
    }

    public string Token(string[] roles) =>
        TokenIssuer.Issue(new AuthOptions { SigningKey = Cluster.SigningKey }, "gateway-tests", roles, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A user's token, as <c>gogobe token --user</c> mints it: the subject is the user, no roles.</summary>
    public string UserToken(string user) =>
        TokenIssuer.Issue(new AuthOptions { SigningKey = Cluster.SigningKey }, user, [], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>Uploads a file and waits until its import completes.</summary>
    public async Task<JsonElement> ImportAsync(string path)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        form.Add(content, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ImporterToken);
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"upload of {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var status = await Http.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            switch (status.GetProperty("status").GetString())
            {
                case "Completed":
                    return status;
                case "Failed":
                    Assert.Fail($"import of {Path.GetFileName(path)} failed: {status}");
                    break;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"import of {path} did not finish");
    }

    /// <summary>A copy of a real file with its text changed, under a new name.</summary>
    public string Rewrite(string path, string newName, Func<string, string> change)
    {
        var target = Path.Combine(Scratch.FullName, newName);
        var original = SharedFeeds.Text(path);
        var changed = change(original);
        Assert.NotEqual(original, changed);
        File.WriteAllText(target, changed, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return target;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await database.DisposeAsync();
        Scratch.Delete(recursive: true);
    }
}
