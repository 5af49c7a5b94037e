using BenchmarkDotNet.Running;
using Gogobe.Benchmarks;

return args.FirstOrDefault() switch
{
    "quick" => QuickRun.Run(),
    "--memory" or "memory" => MemoryRun.Run(),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(FeedReadBenchmarks).Assembly).Run(args);
    return 0;
}
