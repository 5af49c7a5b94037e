using System.CommandLine;
using Gogobe.Cli.Importing;
using Gogobe.Security;
using Spectre.Console;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe import</c>: uploads feed files to the gateway and follows each import to its end.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (walked recursively).", Arity = ArgumentArity.OneOrMore };
        var gateway = GatewayOption.Create();
        var token = new Option<string?>("--token") { Description = "Bearer token with the importer role (default: minted with the local signing key)." };
        var parallel = new Option<int>("--parallel") { Description = "Uploads at once.", DefaultValueFactory = _ => 4 };
        var stall = new Option<int>("--stall-timeout")
        {
            Description = "Seconds without any import of the run moving (state, attempt) after which the unfinished ones are reported as stalled and no longer followed.",
            DefaultValueFactory = _ => 600,
        };
        var command = new Command("import", "Import feed files through the gateway, with live progress and a summary.") { paths, gateway, token, parallel, stall };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = Expand(parse.GetValue(paths)!);
            if (files.Count == 0)
            {
                Console.Error.WriteLine("gogobe import: no files found in the given paths.");
                return 2;
            }

            var bearer = parse.GetValue(token) ?? MintLocalToken();
            if (bearer is null)
            {
                Console.Error.WriteLine("gogobe import: no token: pass --token, or set Auth__SigningKey / start the system locally (deploy/local/up.sh).");
                return 2;
            }

            using var client = new GatewayImports(parse.GetValue(gateway)!, bearer);
            var run = new ImportRun(client, Math.Max(1, parse.GetValue(parallel)), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(stall))));
            await ImportView.ShowAsync(run, files, cancellationToken);
            ImportView.Summarise(run);
            return run.Files.Values.Any(f => f.Failed) ? 1 : 0;
        });
        return command;
    }

    private static List<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                : [p])
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string? MintLocalToken()
    {
        var key = LocalSigningKey.Find();
        return key is null ? null : TokenIssuer.Issue(new AuthOptions { SigningKey = key }, Environment.UserName, [AuthOptions.ImporterRole], TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
    }
}
