using System.Net.Sockets;
using Gogobe.Ingest.JetStream;
using Microsoft.AspNetCore.Diagnostics;
using NATS.Client.Core;
using Npgsql;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Gogobe.Gateway.Hosting;

/// <summary>
/// A server behind the gateway that did not answer in time or could not be reached (PostgreSQL, NATS, Redis, a silo)
/// makes the request a 503 problem with <c>Retry-After</c>, which clients such as <c>gogobe import</c> wait for and send
/// again, rather than a 500 that reads as a fault of the request or of the gateway.
/// </summary>
internal sealed partial class UnavailableProblems(ILogger<UnavailableProblems> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted || !IsPassing(exception))
        {
            return false;
        }

        LogUnavailable(context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            $"A server behind the gateway did not answer in time ({exception.GetType().Name}). Nothing was lost: send the request again in {RetryAfterSeconds} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(context);
        return true;
    }

    /// <summary>Failures that pass by themselves: time-outs, lost connections, a broker or silo not answering.</summary>
    internal static bool IsPassing(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsPassing(aggregate.InnerExceptions[0]),
        NpgsqlException npgsql => npgsql.IsTransient,
        IngestPublishException or NatsException or RedisConnectionException or RedisTimeoutException or TimeoutException or SocketException
            or SiloUnavailableException or OrleansMessageRejectionException => true,
        _ => false,
    };

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {ExceptionType}: {Reason}")]
    private partial void LogUnavailable(string method, string path, string exceptionType, string reason);
}
