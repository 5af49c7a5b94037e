using System.Diagnostics;
using System.Text.Json;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests;

/// <summary>
/// The Kubernetes manifests (deploy/k8s, kustomize base and local overlay) validated offline against the Kubernetes
/// and KEDA schemas (deploy/k8s/validate), and checked for what the deployment promises: import silos scaled from zero
/// by KEDA on the importers consumer, query silos and the gateway by CPU, disruption budgets, readiness, secrets.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string K8s = Path.Combine(Repository.Root, "deploy", "k8s");
    private static readonly string Validator = Path.Combine(K8s, "validate", "validate.mjs");

    [Fact]
    public async Task Manifests_pass_the_schemas_and_scale_as_designed()
    {
        var rendered = await RenderAsync();
        var (exitCode, stdout) = await RunNodeAsync(rendered);
        Assert.True(exitCode == 0, $"manifests failed validation:{Environment.NewLine}{stdout}");

        using var documents = JsonDocument.Parse((await RunNodeAsync(rendered, "--json")).Stdout);
        var all = documents.RootElement.EnumerateArray().ToArray();
        JsonElement One(string kind, string name) => Assert.Single(all, d => d.GetProperty("kind").GetString() == kind && d.GetProperty("metadata").GetProperty("name").GetString() == name);

        var scaled = One("ScaledObject", "gogobe-silo-import").GetProperty("spec");
        Assert.Equal("gogobe-silo-import", scaled.GetProperty("scaleTargetRef").GetProperty("name").GetString());
        Assert.Equal((0, 10, 10, 300), (scaled.GetProperty("minReplicaCount").GetInt32(), scaled.GetProperty("maxReplicaCount").GetInt32(), scaled.GetProperty("pollingInterval").GetInt32(), scaled.GetProperty("cooldownPeriod").GetInt32()));
        var trigger = Assert.Single(scaled.GetProperty("triggers").EnumerateArray());
        Assert.Equal("nats-jetstream", trigger.GetProperty("type").GetString());
        Assert.Equal(("GOGOBE_FILES", "importers"), (trigger.GetProperty("metadata").GetProperty("stream").GetString(), trigger.GetProperty("metadata").GetProperty("consumer").GetString()));

        foreach (var target in new[] { "gogobe-silo-query", "gogobe-gateway" })
        {
            var hpa = One("HorizontalPodAutoscaler", target).GetProperty("spec");
            Assert.Equal(target, hpa.GetProperty("scaleTargetRef").GetProperty("name").GetString());
            Assert.Equal("cpu", Assert.Single(hpa.GetProperty("metrics").EnumerateArray()).GetProperty("resource").GetProperty("name").GetString());
        }

        var secret = all.Single(d => d.GetProperty("kind").GetString() == "Secret");
        var secretName = secret.GetProperty("metadata").GetProperty("name").GetString();
        var secretKeys = secret.GetProperty("data").EnumerateObject().Select(p => p.Name).ToHashSet();
        var workloads = all.Where(d => d.GetProperty("kind").GetString() is "Deployment" or "StatefulSet").ToArray();
        foreach (var workload in workloads)
        {
            var name = workload.GetProperty("metadata").GetProperty("name").GetString()!;
            var pod = workload.GetProperty("spec").GetProperty("template");
            var labels = pod.GetProperty("metadata").GetProperty("labels");
            foreach (var container in pod.GetProperty("spec").GetProperty("containers").EnumerateArray())
            {
                Assert.True(container.TryGetProperty("readinessProbe", out _), $"{name} has no readiness probe");
                foreach (var reference in SecretReferences(container))
                {
                    Assert.Equal(secretName, reference.Name);
                    Assert.Contains(reference.Key, secretKeys);
                }
            }

            if (name.StartsWith("gogobe-silo", StringComparison.Ordinal) || name == "gogobe-gateway")
            {
                Assert.True(all.Any(d => d.GetProperty("kind").GetString() == "PodDisruptionBudget" && Selects(d, labels)), $"no disruption budget covers {name}");
                Assert.Contains(SecretReferences(pod.GetProperty("spec").GetProperty("containers")[0]), r => r.Key.StartsWith("nats-", StringComparison.Ordinal));
            }
        }

        // Stopping, an import silo gets its shutdown timeout and Orleans' leaving within the grace period.
        var importPod = One("Deployment", "gogobe-silo-import").GetProperty("spec").GetProperty("template").GetProperty("spec");
        var shutdown = TimeSpan.Parse(Env(importPod.GetProperty("containers")[0], "Ingest__ShutdownTimeout")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(importPod.GetProperty("terminationGracePeriodSeconds").GetInt32() >= shutdown.TotalSeconds + 30);
        Assert.Equal("import", Env(importPod.GetProperty("containers")[0], "Silo__Roles"));
    }

    [Fact]
    public async Task A_manifest_that_breaks_a_schema_is_rejected()
    {
        var rendered = (await RenderAsync()).Replace("minReplicaCount: 0", "minReplicaCount: none", StringComparison.Ordinal);
        var (exitCode, stdout) = await RunNodeAsync(rendered);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("invalid ScaledObject/gogobe-silo-import", stdout, StringComparison.Ordinal);
    }

    private static bool Selects(JsonElement budget, JsonElement labels) =>
        budget.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels").EnumerateObject()
            .All(l => labels.TryGetProperty(l.Name, out var value) && value.GetString() == l.Value.GetString());

    private static string? Env(JsonElement container, string name) =>
        container.GetProperty("env").EnumerateArray().Where(e => e.GetProperty("name").GetString() == name)
            .Select(e => e.TryGetProperty("value", out var v) ? v.GetString() : null).FirstOrDefault();

    private static IEnumerable<(string Name, string Key)> SecretReferences(JsonElement container) =>
        container.TryGetProperty("env", out var env)
            ? env.EnumerateArray()
                .Where(e => e.TryGetProperty("valueFrom", out var from) && from.TryGetProperty("secretKeyRef", out _))
                .Select(e => e.GetProperty("valueFrom").GetProperty("secretKeyRef"))
                .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("key").GetString()!))
            : [];

    /// <summary>The local overlay rendered by <c>kubectl kustomize</c>, which test.sh installs when missing.</summary>
    private static async Task<string> RenderAsync()
    {
        var (exitCode, stdout, stderr) = await RunAsync("kubectl", null, "kustomize", Path.Combine(K8s, "overlays", "local"));
        Assert.True(exitCode == 0, $"kubectl kustomize failed: {stderr}");
        return stdout;
    }

    private static async Task<(int ExitCode, string Stdout)> RunNodeAsync(string input, params string[] args)
    {
        Assert.True(Directory.Exists(Path.Combine(K8s, "validate", "node_modules")), "run 'npm ci' in deploy/k8s/validate (deploy/local/test.sh does)");
        var (exitCode, stdout, stderr) = await RunAsync("node", input, [Validator, .. args]);
        return (exitCode, stdout + stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string? input, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = Repository.Root };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
