using System.Diagnostics;
using System.Text.Json;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests;

/// <summary>The compose file as docker-compose resolves it, and processes run the way its services would run them.</summary>
internal static class ComposeConfig
{
    internal static readonly string File = Path.Combine(Repository.Root, "deploy", "docker-compose.yml");

    internal static Dictionary<string, string> Environment(JsonElement services, string service) =>
        services.GetProperty(service).GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());

    /// <summary>The services of <c>docker-compose config</c>, with every variable and anchor resolved, as JSON.</summary>
    internal static async Task<JsonElement> ServicesAsync(string? profile = null)
    {
        string[] args = profile is null ? ["-f", File, "config"] : ["-f", File, "--profile", profile, "config"];
        var (exitCode, yaml, stderr) = await RunAsync(null, "docker-compose", args);
        Assert.True(exitCode == 0, $"docker-compose config failed: {stderr}");
        return (await YamlToJsonAsync(yaml)).GetProperty("services").Clone();
    }

    /// <summary>A YAML document as JSON, read by the <c>yaml</c> package of deploy/k8s/validate.</summary>
    internal static async Task<JsonElement> YamlToJsonAsync(string yaml)
    {
        var toJson = "import {parse} from 'yaml'; import {readFileSync} from 'node:fs'; console.log(JSON.stringify(parse(readFileSync(0, 'utf8'))));";
        var start = new ProcessStartInfo("node", ["--input-type=module", "-e", toJson])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(Repository.Root, "deploy", "k8s", "validate"),
        };
        using var node = Process.Start(start)!;
        var json = node.StandardOutput.ReadToEndAsync();
        await node.StandardInput.WriteAsync(yaml);
        node.StandardInput.Close();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, "node could not read the compose configuration (deploy/local/test.sh runs npm ci in deploy/k8s/validate)");
        return JsonDocument.Parse(await json).RootElement.Clone();
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string>? environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        if (environment is not null)
        {
            foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToArray())
            {
                start.Environment.Remove(key);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
