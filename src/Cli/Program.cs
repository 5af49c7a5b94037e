using System.CommandLine;
using Gogobe.Cli.Commands;

var root = new RootCommand("Gogobe: prices of Israeli supermarkets, from the published feeds.")
{
    FeedsCommand.Create(),
    ImportCommand.Create(),
    TokenCommand.Create(),
    PlacesCommand.Create(),
    MatchingCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
