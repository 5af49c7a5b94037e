using System.CommandLine;
using Gogobe.Security;

namespace Gogobe.Cli.Commands;

/// <summary><c>gogobe token</c>: mints a bearer token for the local gateway, signed with the local key.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string[]>("--role") { Description = $"Roles to grant: {AuthOptions.ImporterRole} (uploads), {AuthOptions.OperatorRole} (metrics, cluster views and health details from beyond this machine).", DefaultValueFactory = _ => [AuthOptions.ImporterRole], AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string>("--subject") { Description = "Who the token is for.", DefaultValueFactory = _ => Environment.UserName };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours.", DefaultValueFactory = _ => 12 };
        var key = new Option<string?>("--key") { Description = "Signing key (default: Auth__SigningKey, else .data/auth.key of the repository)." };
        var command = new Command("token", "Mint a bearer token for the gateway's write and operator endpoints.") { role, subject, hours, key };
        command.SetAction(parse =>
        {
            var signingKey = parse.GetValue(key) ?? LocalSigningKey.Find();
            if (signingKey is null)
            {
                Console.Error.WriteLine("gogobe token: no signing key: pass --key, set Auth__SigningKey, or start the system once (deploy/local/up.sh makes .data/auth.key).");
                return 2;
            }

            var options = new AuthOptions { SigningKey = signingKey };
            var problems = options.Validate().ToList();
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"gogobe token: {problems[0]}");
                return 2;
            }

            Console.WriteLine(TokenIssuer.Issue(options, parse.GetValue(subject)!, parse.GetValue(role)!, TimeSpan.FromHours(parse.GetValue(hours)), DateTimeOffset.UtcNow));
            return 0;
        });
        return command;
    }
}

/// <summary>The signing key of a local installation: the environment, else the key file deploy/local/up.sh made.</summary>
internal static class LocalSigningKey
{
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("Auth__SigningKey") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".data", "auth.key");
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }

        return null;
    }
}
