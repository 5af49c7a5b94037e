using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Hosting;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.Tests;

/// <summary><c>AddGogobeIngest</c> and <c>AddFileImportBridge</c> in a real host.</summary>
public sealed class HostingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("FileStore:Root", "", "FileStore:Root is not set")]
    [InlineData("Ingest:MaxConcurrentImports", "0", "Ingest:MaxConcurrentImports must be a number from 1 to 256, got 0")]
    [InlineData("Ingest:AckWait", "00:00:00.100", "Ingest:AckWait must be at least 00:00:01")]
    [InlineData("Ingest:Streams:StreamPrefix", "A.B", "Ingest:Streams:StreamPrefix 'A.B' cannot start a stream name")]
    public async Task Invalid_settings_stop_the_host_with_a_message_naming_the_setting(string setting, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["FileStore:Root"] = Path.GetTempPath(), [setting] = value };
        using var host = BuildHost(settings, connection: null);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        output.WriteLine(error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Host_sets_up_the_streams_and_imports_what_is_published()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var root = Path.Combine(Path.GetTempPath(), $"gogobe-host-{run}");
        await using var connection = await TestNats.ConnectAsync();
        var handler = new RecordingHandler();
        var settings = new Dictionary<string, string?>
        {
            ["FileStore:Root"] = root,
            ["Ingest:Streams:SubjectPrefix"] = $"test.{run}",
            ["Ingest:Streams:StreamPrefix"] = $"T{run}_",
            ["Ingest:AckWait"] = "00:00:05",
        };
        using var host = BuildHost(settings, connection, handler);
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<Files.IFileStore>();
            var file = await store.SaveAsync(new MemoryStream([1, 2, 3]), "Stores7290027600007-202601010000.xml", CancellationToken.None);
            var outcome = await host.Services.GetRequiredService<FilePublisher>().PublishAsync(file, DateTimeOffset.UtcNow, CancellationToken.None);

            Assert.Equal(PublishOutcome.Stored, outcome);
            await Eventually.TrueAsync(() => handler.Completions.ContainsKey(file.ImportId), TimeSpan.FromSeconds(15), () => "not imported");
        }
        finally
        {
            await host.StopAsync();
            var js = new NatsJSContext(connection);
            foreach (var stream in new[] { "FILES", "EVENTS", "DEADLETTER" })
            {
                await js.DeleteStreamAsync($"T{run}_{stream}");
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private IHost BuildHost(Dictionary<string, string?> settings, INatsConnection? connection, IFileImportHandler? handler = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(output));
        builder.Services.AddSingleton(connection ?? new NatsConnection(new NatsOpts { Url = TestNats.Url }));
        builder.Services.AddSingleton(handler ?? new RecordingHandler());
        builder.Services.AddGogobeIngest(builder.Configuration).AddFileImportBridge<RecordingHandler>();
        return builder.Build();
    }
}
