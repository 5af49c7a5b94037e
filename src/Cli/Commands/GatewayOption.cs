using System.CommandLine;

namespace Gogobe.Cli.Commands;

/// <summary>The <c>--gateway</c> option of the commands that talk to a running system (default <c>GOGOBE_GATEWAY</c>, else 127.0.0.1:8080).</summary>
internal static class GatewayOption
{
    public static Option<Uri> Create() => new("--gateway")
    {
        Description = "Gateway address.",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("GOGOBE_GATEWAY") ?? "http://127.0.0.1:8080"),
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"--gateway must be an http or https address, not '{text}'.");
            return null;
        },
    };
}
