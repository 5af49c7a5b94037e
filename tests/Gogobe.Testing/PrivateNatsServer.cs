using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gogobe.Testing;

/// <summary>
/// A nats-server of the test's own (free port, temporary store), started with the arguments of deploy/local/infra.sh,
/// so a test can stop and restart it without disturbing the shared server.
/// </summary>
public sealed class PrivateNatsServer : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"gogobe-nats-{Guid.NewGuid():N}");
    private readonly int port = Servers.FreePort();
    private string? configFile;
    private IReadOnlyDictionary<string, string> environment = new Dictionary<string, string>();
    private Process? process;

    public string Url => $"nats://127.0.0.1:{port}";

    /// <summary>The server's address with a user's credentials in it, as the hosts' <c>Nats:Url</c> carries them.</summary>
    public string UrlAs(string user, string password) => $"nats://{user}:{password}@127.0.0.1:{port}";

    /// <summary>
    /// Starts a server; with <paramref name="configFile"/> it also reads that configuration (users, permissions), whose
    /// variables come from <paramref name="environment"/>. Port, address, store and monitoring port stay the test's.
    /// </summary>
    public static async Task<PrivateNatsServer> StartAsync(string? configFile = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = new PrivateNatsServer { configFile = configFile, environment = environment ?? new Dictionary<string, string>() };
        Directory.CreateDirectory(server.directory);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var executable = File.Exists("/usr/sbin/nats-server") ? "/usr/sbin/nats-server" : "nats-server";
        var arguments = $"-js -a 127.0.0.1 -p {port} -sd {directory} -P {directory}/nats.pid -l {directory}/nats.log";
        if (configFile is not null)
        {
            arguments = $"-c {configFile} -m {Servers.FreePort()} {arguments}";
        }

        var start = new ProcessStartInfo(executable, arguments) { UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot run {executable}: install the Debian package nats-server (deploy/local/infra.sh up does).", ex);
        }

        for (var i = 0; i < 100; i++)
        {
            if (await PortOpenAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"nats-server did not open port {port}; see {directory}/nats.log");
    }

    /// <summary>Stops the server the way <c>kill $(cat nats.pid)</c> does (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    private async Task<bool> PortOpenAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
