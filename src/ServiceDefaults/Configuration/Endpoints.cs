using Npgsql;
using StackExchange.Redis;

namespace Gogobe.ServiceDefaults.Configuration;

/// <summary>Renders the server a setting points at, for error messages (never the password).</summary>
public static class Endpoints
{
    public static string Postgres(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    public static string Nats(string url) => url;

    public static string Redis(string configuration)
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

    private static string Describe(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "",
    };
}
