using System.Globalization;
using Spectre.Console;

namespace Gogobe.Cli.Importing;

/// <summary>Live progress per file and overall (rows/s, errors) and the summary table at the end.</summary>
internal static class ImportView
{
    /// <summary>How often the state of unfinished imports is asked for (one request for up to 1,000 of them): often enough
    /// to look live and to end a run soon after its last file, seldom enough to cost the gateway nothing.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task ShowAsync(ImportRun run, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            await run.RunAsync(files, PollInterval, () => ReportFinished(run, reported), cancellationToken);
            return;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask("[bold]all files[/]", maxValue: files.Count);
                var tasks = files.ToDictionary(f => f, f => context.AddTask(Markup.Escape(Path.GetFileName(f)), maxValue: 3));
                await run.RunAsync(files, PollInterval, () =>
                {
                    foreach (var state in run.Files.Values)
                    {
                        var task = tasks[state.Path];
                        task.Value = state.Stage switch { "uploading" => 0, "queued" or "Queued" => 1, "Running" => 2, _ => 3 };
                        task.Description = $"{Markup.Escape(state.Name)} [grey]{Markup.Escape(state.Stage)}[/]";
                    }

                    var done = run.Files.Values.Count(f => f.Failed || f.Progress?.IsFinished == true);
                    overall.Value = done;
                    overall.Description = $"[bold]all files[/] {Rows(run):N0} rows, {Rate(run):N0} rows/s, {run.Files.Values.Count(f => f.Failed)} failed";
                }, cancellationToken);
            });
    }

    /// <summary>
    /// The summary table on a terminal; tab-separated lines with a header when the output goes to a file or a pipe,
    /// where a table would be wrapped to 80 columns.
    /// </summary>
    public static void Summarise(ImportRun run)
    {
        string[] columns = ["file", "status", "kind", "rows", "changed", "rejected", "parse ms", "apply ms", "error"];
        var rows = run.Files.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(SummaryRow).ToList();
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            var table = new Table().AddColumns(columns);
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
        }
        else
        {
            Console.WriteLine(string.Join('\t', columns));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join('\t', row.Select(v => v.ReplaceLineEndings(" ").Replace('\t', ' '))));
            }
        }

        var failed = run.Files.Values.Count(f => f.Failed);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "{0} files, {1} failed; {2:N0} rows in {3:N1} s = {4:N0} rows/s",
            run.Files.Count, failed, Rows(run), run.Clock.Elapsed.TotalSeconds, Rate(run));
    }

    private static string[] SummaryRow(FileState f)
    {
        var p = f.Progress;
        return
        [
            f.Name,
            f.UploadError is not null ? "upload failed" : f.StalledFor is not null ? "Stalled" : (p?.Status ?? "?") + (f.Duplicate ? " (duplicate)" : ""),
            p?.Kind ?? "",
            (p?.RowsRead ?? 0).ToString("N0", CultureInfo.InvariantCulture),
            (p?.RowsChanged ?? 0).ToString("N0", CultureInfo.InvariantCulture),
            (p?.RowsRejected ?? 0).ToString("N0", CultureInfo.InvariantCulture),
            p?.ParseMilliseconds?.ToString(CultureInfo.InvariantCulture) ?? "",
            p?.ApplyMilliseconds?.ToString(CultureInfo.InvariantCulture) ?? "",
            f.Problem ?? "",
        ];
    }

    private static void ReportFinished(ImportRun run, HashSet<string> reported)
    {
        foreach (var f in run.Files.Values.Where(f => (f.Failed || f.Progress?.IsFinished == true) && reported.Add(f.Path)))
        {
            Console.WriteLine($"{f.Name}: {(f.UploadError is null ? f.Stage : "upload failed")} {f.Progress?.RowsRead ?? 0} rows{(f.Failed ? $" - {f.Problem}" : "")}");
        }
    }

    private static long Rows(ImportRun run) => run.Files.Values.Sum(f => (long)(f.Progress?.RowsRead ?? 0));

    private static double Rate(ImportRun run) => run.Clock.Elapsed.TotalSeconds > 0 ? Rows(run) / run.Clock.Elapsed.TotalSeconds : 0;
}
