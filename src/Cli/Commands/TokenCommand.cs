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
        var user = new Option<string?>("--user") { Description = "Mint a user's token (subject = this id, no roles): the owner of price watches (/api/watches)." };
        var key = new Option<string?>("--key") { Description = "Signing key (default: Auth__SigningKey, else auth.key in GOGOBE_DATA or in .data of the repository)." };
        var command = new Command("token", "Mint a bearer token for the gateway's write and operator endpoints, or a user's token (--user) for their watches.") { role, subject, user, hours, key };
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

            var userId = parse.GetValue(user);
            if (userId is not null && (userId.Trim().Length == 0 || userId.Length > 200 || userId.Any(char.IsControl)))
            {
                Console.Error.WriteLine("gogobe token: --user is a user id of 1 to 200 printable characters.");
                return 2;
            }

            var (who, roles) = userId is null ? (parse.GetValue(subject)!, parse.GetValue(role)!) : (userId, []);
            Console.WriteLine(TokenIssuer.Issue(options, who, roles, TimeSpan.FromHours(parse.GetValue(hours)), DateTimeOffset.UtcNow));
            return 0;
        });
        return command;
    }
}

/// <summary>The signing key of a local installation: the environment, else the key file deploy/local/up.sh made (in GOGOBE_DATA, else the repository's .data).</summary>
internal static class LocalSigningKey
{
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("Auth__SigningKey") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        // deploy/local/up.sh keeps its data, the key included, in GOGOBE_DATA when that is set.
        if (Environment.GetEnvironmentVariable("GOGOBE_DATA") is { Length: > 0 } data && File.Exists(Path.Combine(data, "auth.key")))
        {
            return File.ReadAllText(Path.Combine(data, "auth.key")).Trim();
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
