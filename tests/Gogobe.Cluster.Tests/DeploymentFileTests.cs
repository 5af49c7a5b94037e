using System.Text.Json;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests;

/// <summary>
/// The compose file is checked against the Compose schema by docker-compose itself (no Docker engine needed), and each
/// host's settings in it against the host's own start-up checks: the built silo and gateway are started with exactly the
/// environment compose would give them (mounted paths mapped to their sources here) and must complain of nothing but
/// the servers they cannot reach from this machine.
/// </summary>
public sealed class DeploymentFileTests
{
    [Fact]
    public async Task Compose_file_is_valid_and_runs_the_whole_system()
    {
        var services = await ComposeConfig.ServicesAsync();
        foreach (var service in new[] { "postgres", "nats", "redis", "silo", "gateway" })
        {
            Assert.True(services.TryGetProperty(service, out _), $"no {service} service");
        }

        Assert.Equal(2, services.GetProperty("silo").GetProperty("deploy").GetProperty("replicas").GetInt32());
        var monitoring = await ComposeConfig.RunAsync(null, "docker-compose", "-f", ComposeConfig.File, "--profile", "monitoring", "config", "--services");
        Assert.Contains("prometheus", monitoring.Stdout, StringComparison.Ordinal);
        Assert.Contains("grafana", monitoring.Stdout, StringComparison.Ordinal);

        // Every server asks for credentials, and each host carries the ones of its role.
        Assert.Contains("--requirepass", string.Join(' ', services.GetProperty("redis").GetProperty("command").EnumerateArray().Select(c => c.GetString())), StringComparison.Ordinal);
        Assert.Contains("-c", services.GetProperty("nats").GetProperty("command").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("nats://silo:", ComposeConfig.Environment(services, "silo")["Nats__Url"], StringComparison.Ordinal);
        Assert.StartsWith("nats://gateway:", ComposeConfig.Environment(services, "gateway")["Nats__Url"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo", "Silo", "Gogobe.Silo.dll")]
    [InlineData("gateway", "Gateway", "Gogobe.Gateway.dll")]
    public async Task Each_host_has_every_setting_its_start_up_checks_require(string service, string project, string assembly)
    {
        var services = await ComposeConfig.ServicesAsync();
        var problems = await StartUpProblemsAsync(services, service, project, assembly, ComposeConfig.Environment(services, service));
        Assert.True(problems.Count == 0, $"{service} in the compose file: {string.Join(System.Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task A_host_without_a_required_setting_is_caught()
    {
        var services = await ComposeConfig.ServicesAsync();
        var environment = ComposeConfig.Environment(services, "gateway");
        environment.Remove("Auth__SigningKey");
        var problems = await StartUpProblemsAsync(services, "gateway", "Gateway", "Gogobe.Gateway.dll", environment);
        Assert.Contains(problems, p => p.Contains("Auth:SigningKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compose_file_with_an_error_is_rejected()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"compose-{Guid.NewGuid():N}.yml");
        var text = await File.ReadAllTextAsync(ComposeConfig.File);
        await File.WriteAllTextAsync(broken, text.Replace("replicas: 2", "replicas: two", StringComparison.Ordinal));
        try
        {
            var (exitCode, _, _) = await ComposeConfig.RunAsync(null, "docker-compose", "-f", broken, "config", "--quiet");
            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    /// <summary>
    /// Starts the built host with the service's environment, mounted paths mapped to their sources (named volumes to a
    /// temporary folder), and returns each line of its start-up checks other than a server it cannot reach from here.
    /// </summary>
    private static async Task<List<string>> StartUpProblemsAsync(JsonElement services, string service, string project, string assembly, Dictionary<string, string> environment)
    {
        var scratch = Directory.CreateTempSubdirectory("gogobe-compose-").FullName;
        try
        {
            var mounts = services.GetProperty(service).GetProperty("volumes").EnumerateArray()
                .Select(v => v.GetString()!.Split(':'))
                .Select(p => (Source: Path.IsPathRooted(p[0]) ? p[0] : scratch, Target: p[1]))
                .ToArray();
            var mapped = environment.ToDictionary(
                e => e.Key,
                e => mounts.Where(m => e.Value.StartsWith(m.Target + "/", StringComparison.Ordinal) || e.Value == m.Target)
                    .Select(m => m.Source + e.Value[m.Target.Length..]).FirstOrDefault() ?? e.Value);
            mapped["Startup__DependencyTimeoutSeconds"] = "1";
            mapped["Urls"] = $"http://127.0.0.1:{Servers.FreePort()}";
            var (exitCode, stdout, stderr) = await ComposeConfig.RunAsync(mapped, "dotnet", Repository.HostAssembly(project, assembly));
            var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith("gogobe-", StringComparison.Ordinal))
                .ToList();
            Assert.True(exitCode != 0, $"{service} started although the compose servers are not here: {stdout}{stderr}");
            Assert.Contains(lines, l => l.Contains("cannot reach", StringComparison.Ordinal));
            return [.. lines.Where(l => !l.Contains("cannot reach", StringComparison.Ordinal))];
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
