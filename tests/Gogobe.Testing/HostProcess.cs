using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gogobe.Testing;

/// <summary>A silo or gateway run as a real operating-system process, so that it can be killed with SIGKILL.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private int disposed;

    private HostProcess(string name, string assembly, IReadOnlyDictionary<string, string> environment, int httpPort)
    {
        Name = name;
        HttpPort = httpPort;
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public bool HasExited => process.HasExited;

    /// <summary>The operating-system process id (the host runs inside the <c>dotnet</c> process it was started as).</summary>
    public int ProcessId => process.Id;

    public int ExitCode => process.ExitCode;

    public string Output => string.Join(Environment.NewLine, output);

    public static HostProcess Start(string name, string assembly, IReadOnlyDictionary<string, string> environment, int httpPort)
    {
        var env = new Dictionary<string, string>(environment) { ["Urls"] = $"http://127.0.0.1:{httpPort}" };
        return new HostProcess(name, assembly, env, httpPort);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the host's output otherwise.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{Name} not ready after {timeout}:{Environment.NewLine}{Output}");
    }

    public async Task<bool> WaitExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as Kubernetes or <c>deploy/local/silo.sh remove</c> stop a host: it shuts down gracefully.</summary>
    public void Terminate()
    {
        if (!process.HasExited)
        {
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit(2000);
        }
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>Stops the host (SIGTERM, then SIGKILL after 15 s). Safe to call twice: a test may stop a host its cluster also tracks.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            try
            {
                Terminate();
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }

            if (!await WaitExitAsync(TimeSpan.FromSeconds(15)))
            {
                KillHard();
            }
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 400 && output.TryDequeue(out _))
        {
        }
    }
}
