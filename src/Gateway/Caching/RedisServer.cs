using StackExchange.Redis;

namespace Gogobe.Gateway.Caching;

/// <summary>What the start-up check needs to know about Redis: the setting, how to name it, how to reach it.</summary>
public static class RedisServer
{
    public const string Name = "Redis";
    public const string Setting = RedisOptions.Section + ":Configuration";

    /// <summary>The endpoints of a configuration string, for error messages (never the password).</summary>
    public static string Endpoint(string configuration)
    {
        try
        {
            return string.Join(",", ConfigurationOptions.Parse(configuration).EndPoints.Select(Describe));
        }
        catch (ArgumentException)
        {
            return "(unparsable configuration)";
        }
    }

    /// <summary>Connects and pings once; throws when Redis does not answer.</summary>
    public static async Task ProbeAsync(string configuration, CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 3000;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
    }

    private static string Describe(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "",
    };
}
