using System.Diagnostics;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests;

/// <summary>The compose file is checked against the Compose schema by docker-compose itself (no Docker engine needed).</summary>
public sealed class DeploymentFileTests
{
    [Fact]
    public async Task Compose_file_is_valid_and_runs_the_whole_system()
    {
        var (exitCode, stdout, stderr) = await RunAsync("docker-compose", "-f", Path.Combine(Repository.Root, "deploy", "docker-compose.yml"), "config");

        Assert.True(exitCode == 0, $"docker-compose config failed: {stderr}");
        foreach (var service in new[] { "postgres:", "nats:", "redis:", "silo:", "gateway:" })
        {
            Assert.Contains($"  {service}", stdout, StringComparison.Ordinal);
        }

        Assert.Contains("replicas: 2", stdout, StringComparison.Ordinal);
        Assert.Contains("Postgres__ConnectionString", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_file_with_an_error_is_rejected()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"compose-{Guid.NewGuid():N}.yml");
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "docker-compose.yml"));
        await File.WriteAllTextAsync(broken, text.Replace("replicas: 2", "replicas: two", StringComparison.Ordinal));
        try
        {
            var (exitCode, _, _) = await RunAsync("docker-compose", "-f", broken, "config", "--quiet");
            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
