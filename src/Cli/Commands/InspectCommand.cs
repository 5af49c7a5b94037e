using System.CommandLine;
using Gogobe.Feeds;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe feeds inspect &lt;file-or-folder&gt;... [--json]</c>: reads each file and reports its identity and counts.</summary>
internal static class InspectCommand
{
    private static readonly string[] SkippedInFolders = [".tsv", ".md"];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Feed files or folders (walked recursively; *.tsv and *.md in folders are skipped).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per file per line instead of a table." };
        var command = new Command("inspect", "Read feed files and report type, chain, store, time and record counts.") { paths, json };
        command.SetAction(parse => Run(parse.GetValue(paths) ?? [], parse.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, bool json)
    {
        var failed = new List<FeedReadResult>();
        var disagreeing = new List<FeedReadResult>();
        var table = json ? null : InspectReport.NewTable();
        foreach (var path in Expand(paths))
        {
            var result = Read(path);
            if (!result.Ok)
            {
                failed.Add(result);
            }

            if (result.Header?.Disagreements.Count > 0)
            {
                disagreeing.Add(result);
            }

            if (table is null)
            {
                Console.Out.WriteLine(InspectReport.ToJsonLine(result));
            }
            else
            {
                InspectReport.AddRow(table, result);
            }
        }

        if (table is not null)
        {
            InspectReport.Print(table, failed, disagreeing);
        }

        return failed.Count > 0 ? 1 : 0;
    }

    private static IEnumerable<string> Expand(string[] paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (!SkippedInFolders.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    {
                        yield return file;
                    }
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static FeedReadResult Read(string path)
    {
        if (!File.Exists(path))
        {
            return InspectReport.Missing(path);
        }

        using var file = FeedFile.Open(path);
        foreach (var _ in file.ReadRecords())
        {
        }

        return file.Result;
    }
}
