using System.CommandLine;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe feeds …</c>: work with feed files without a cluster.</summary>
internal static class FeedsCommand
{
    public static Command Create() => new("feeds", "Read, check and generate price-transparency feed files.")
    {
        InspectCommand.Create(),
        GenerateCommand.Create(),
    };
}
