using Microsoft.Extensions.Configuration;

namespace Gogobe.ServiceDefaults.Configuration;

/// <summary>
/// Checks, before a host starts, that every required setting is present and every server it names answers.
/// Each failure is one line on standard error naming the setting, its environment variable and the endpoint.
/// </summary>
public sealed class StartupCheck(IConfiguration configuration, string processName)
{
    private readonly List<Dependency> dependencies = [];
    private readonly List<(string Setting, string Meaning)> settings = [];

    /// <summary>How long to keep retrying an unreachable server (setting <c>Startup:DependencyTimeoutSeconds</c>, default 30).</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(configuration.GetValue("Startup:DependencyTimeoutSeconds", 30.0));

    /// <summary>A setting that must be present; <paramref name="meaning"/> says what it is for.</summary>
    public StartupCheck RequireSetting(string setting, string meaning)
    {
        settings.Add((setting, meaning));
        return this;
    }

    /// <summary>
    /// A server that must answer: <paramref name="setting"/> names it, <paramref name="endpoint"/> renders the setting's
    /// value for messages (never a password), <paramref name="probe"/> throws when the server does not answer. The project
    /// that owns the client supplies the last two.
    /// </summary>
    public StartupCheck RequireServer(string name, string setting, Func<string, string> endpoint, Func<string, CancellationToken, Task> probe)
    {
        dependencies.Add(new Dependency(name, setting, endpoint, probe));
        return this;
    }

    /// <summary>Runs every check; returns false after writing one line per problem to <paramref name="error"/>.</summary>
    public async Task<bool> RunAsync(TextWriter error, CancellationToken cancellationToken = default)
    {
        var ok = true;
        foreach (var (setting, meaning) in settings.Where(s => string.IsNullOrWhiteSpace(configuration[s.Setting])))
        {
            await error.WriteLineAsync($"{processName}: missing setting {setting} (environment variable {EnvironmentName(setting)}): {meaning}.");
            ok = false;
        }

        foreach (var dependency in dependencies)
        {
            var value = configuration[dependency.Setting];
            if (string.IsNullOrWhiteSpace(value))
            {
                await error.WriteLineAsync($"{processName}: missing setting {dependency.Setting} (environment variable {EnvironmentName(dependency.Setting)}): the {dependency.Name} server to use.");
                ok = false;
                continue;
            }

            var failure = await ProbeWithRetryAsync(dependency, value, cancellationToken);
            if (failure is not null)
            {
                await error.WriteLineAsync($"{processName}: cannot reach {dependency.Name} at {dependency.Endpoint(value)} (setting {dependency.Setting}): {failure}");
                ok = false;
            }
        }

        return ok;
    }

    public static string EnvironmentName(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    private async Task<string?> ProbeWithRetryAsync(Dependency dependency, string value, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                await dependency.Probe(value, attempt.Token);
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return Describe(ex);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && inner is not System.Net.Sockets.SocketException)
        {
            inner = inner.InnerException;
        }

        var message = inner is OperationCanceledException ? "timed out" : inner.Message;
        return message.ReplaceLineEndings(" ").Trim();
    }

    private sealed record Dependency(string Name, string Setting, Func<string, string> Endpoint, Func<string, CancellationToken, Task> Probe);
}
