using System.Security.Claims;
using System.Text.Json;
using Gogobe.Security;
using Gogobe.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gogobe.Cluster.Tests;

/// <summary>
/// Metrics answer operators only, so the compose file's Prometheus must scrape with an operator token: the token its
/// scrape-token service mints (run here with the built command-line tool, as the service would run it) is accepted by
/// the key every host checks, and every scrape job sends it from the volume the service writes.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const string CliInImage = "dotnet /cli/gogobe.dll";

    [Fact]
    public async Task Prometheus_scrapes_every_host_with_an_operator_token_the_compose_file_mints()
    {
        var services = await ComposeConfig.ServicesAsync("monitoring");
        var tokenService = services.GetProperty("scrape-token");
        var tokenVolume = Mount(tokenService, "scrape-token");
        var prometheusTokens = Mount(services.GetProperty("prometheus"), "scrape-token");

        var scratch = Directory.CreateTempSubdirectory("gogobe-scrape-token-").FullName;
        try
        {
            var script = tokenService.GetProperty("entrypoint").EnumerateArray().Last().GetString()!;
            Assert.Contains(CliInImage, script, StringComparison.Ordinal);
            script = script.Replace(CliInImage, $"dotnet {Repository.HostAssembly("Cli", "gogobe.dll")}", StringComparison.Ordinal)
                .Replace(tokenVolume, scratch, StringComparison.Ordinal);
            var (exitCode, _, stderr) = await ComposeConfig.RunAsync(ComposeConfig.Environment(services, "scrape-token"), "sh", "-c", script);
            Assert.True(exitCode == 0, $"the scrape-token service failed: {stderr}");
            var minted = Directory.GetFiles(scratch).Single();
            var token = (await File.ReadAllTextAsync(minted)).Trim();

            foreach (var host in new[] { "gateway", "silo" })
            {
                var key = ComposeConfig.Environment(services, host)["Auth__SigningKey"];
                var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, TokenIssuer.ValidationParameters(new AuthOptions { SigningKey = key }));
                Assert.True(validation.IsValid, $"{host} refuses the scrape token: {validation.Exception?.Message}");
                Assert.True(validation.ClaimsIdentity.HasClaim(ClaimTypes.Role, AuthOptions.OperatorRole), $"the scrape token is not an operator's for {host}");
            }

            var config = await ComposeConfig.YamlToJsonAsync(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "monitoring", "prometheus.yml")));
            var jobs = config.GetProperty("scrape_configs").EnumerateArray().ToList();
            Assert.NotEmpty(jobs);
            foreach (var job in jobs)
            {
                var authorization = job.TryGetProperty("authorization", out var a) ? a : default;
                Assert.True(authorization.ValueKind == JsonValueKind.Object, $"scrape job {job.GetProperty("job_name")} sends no token");
                Assert.Equal(Path.Combine(prometheusTokens, Path.GetFileName(minted)), authorization.GetProperty("credentials_file").GetString());
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Where a service mounts a named volume.</summary>
    private static string Mount(JsonElement service, string volume) =>
        service.GetProperty("volumes").EnumerateArray().Select(v => v.GetString()!.Split(':'))
            .Single(parts => parts[0] == volume)[1];
}
