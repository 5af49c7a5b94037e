using Gogobe.AlertBench;

// dotnet Gogobe.AlertBench.dll receive <port> <arrivals.tsv>   the users' webhook endpoints; records every item's arrival
// dotnet Gogobe.AlertBench.dll report <arrivals.tsv>           joins the arrivals with the change events' broker times
// dotnet Gogobe.AlertBench.dll forget-changes                   purges the change events announced so far (silos stopped)
return args.FirstOrDefault() switch
{
    "receive" when args.Length == 3 => await HookReceiver.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]),
    "report" when args.Length == 2 => await LatencyReport.RunAsync(args[1]),
    "forget-changes" => await LatencyReport.ForgetChangesAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Gogobe.AlertBench receive <port> <arrivals.tsv> | report <arrivals.tsv> | forget-changes");
    return 64;
}
