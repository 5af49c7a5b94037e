using Gogobe.Feeds;
using Gogobe.Synthetic;
using Gogobe.Testing;
using Xunit.Abstractions;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary>
/// Files made to exhaust a reader, imported through the gateway into two silos that run four imports each at once: every
/// import fails with the limit it goes over, each silo's resident memory stays within a bound above its idle size, and
/// comes back near that size afterwards.
/// </summary>
public sealed class HostileImportTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>What a silo may grow by while reading the hostile files four at a time (measured: about 30 MiB; the unlimited reader took 2 GB).</summary>
    private const double PeakGrowthMiB = 100;

    /// <summary>How far above its idle size a silo may stay once the imports are over.</summary>
    private const double SettledGrowthMiB = 50;

    /// <summary>
    /// The default limits but for the two that only set how long a file may take (64 MiB rather than 512 MiB decompressed)
    /// and how many rows it may hold in memory (100,000 rather than 1,000,000), so that the files take seconds.
    /// </summary>
    private static readonly FeedReaderOptions Limits = new() { MaxDecompressedBytes = 64 * 1024 * 1024, MaxRows = 100_000 };

    private readonly string folder = Directory.CreateTempSubdirectory("gogobe-hostile-").FullName;

    [Fact]
    public async Task Hostile_files_fail_with_their_limit_while_each_silo_stays_within_its_memory_bound()
    {
        var files = HostileFiles.Write(folder, Limits);
        await using var cluster = await ImportCluster.StartAsync(new Dictionary<string, string>
        {
            ["FeedReader__MaxDecompressedBytes"] = Limits.MaxDecompressedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FeedReader__MaxRows"] = Limits.MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var silos = new[] { cluster.Silo1, cluster.Silo2 };
        var valid = Directory.CreateDirectory(Path.Combine(folder, "valid")).FullName;
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 1, Items = 2000, Seed = 5, Layout = 'A', Deltas = false, Promotions = false }, valid);
        var warmUp = await cluster.Client.WaitAsync((await cluster.Client.UploadAsync(Directory.GetFiles(valid, "PriceFull*").Single())).Id, TimeSpan.FromMinutes(2));
        Assert.Equal("Completed", warmUp.Status);
        var idle = silos.Select(s => ProcessMemory.ResidentMiB(s.ProcessId)).ToArray();

        using var sampling = new CancellationTokenSource();
        var peaks = new double[silos.Length];
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                for (var i = 0; i < silos.Length; i++)
                {
                    peaks[i] = Math.Max(peaks[i], ProcessMemory.ResidentMiB(silos[i].ProcessId));
                }

                await Task.Delay(50);
            }
        });

        var accepted = new List<(HostileFile File, string Id)>();
        foreach (var file in files)
        {
            accepted.Add((file, (await cluster.Client.UploadAsync(file.Path)).Id));
        }

        var results = await Task.WhenAll(accepted.Select(a => cluster.Client.WaitAsync(a.Id, TimeSpan.FromMinutes(4))));
        await sampling.CancelAsync();
        await sampler;

        for (var i = 0; i < files.Count; i++)
        {
            output.WriteLine($"{files[i].What}: {results[i].Status} {results[i].Error}");
            Assert.Equal("Failed", results[i].Status);
            Assert.Contains($"(FeedReader:{files[i].Limit})", results[i].Error, StringComparison.Ordinal);
        }

        var settled = new double[silos.Length];
        for (var i = 0; i < silos.Length; i++)
        {
            settled[i] = await SettledAsync(silos[i].ProcessId, idle[i] + SettledGrowthMiB);
            output.WriteLine($"{silos[i].Name}: idle {idle[i]:F0} MiB, peak {peaks[i]:F0} MiB (sampled every 50 ms; VmHWM {ProcessMemory.PeakMiB(silos[i].ProcessId):F0} MiB), settled {settled[i]:F0} MiB");
        }

        for (var i = 0; i < silos.Length; i++)
        {
            Assert.InRange(peaks[i], 0, idle[i] + PeakGrowthMiB);
            Assert.InRange(settled[i], 0, idle[i] + SettledGrowthMiB);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The resident size once it is at most <paramref name="target"/>, or the last seen after a minute of grace.</summary>
    private static async Task<double> SettledAsync(int pid, double target)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var resident = ProcessMemory.ResidentMiB(pid);
        while (resident > target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            resident = ProcessMemory.ResidentMiB(pid);
        }

        return resident;
    }
}
