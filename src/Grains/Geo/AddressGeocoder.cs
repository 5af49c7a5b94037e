using Gogobe.Places;
using Gogobe.Places.Geocoding;
using Gogobe.Storage.Places;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Geocodes one normalised address: an answer already kept (found or not) is used again and the server is not asked;
/// otherwise the request waits for the cluster's next slot on the shared clock in PostgreSQL, and the answer is kept
/// and placed on every store at that address whose location ranks lower. A refusal or failure holds every silo back.
/// </summary>
public sealed partial class AddressGeocoder(StorePlaces places, NominatimClient client, IOptions<GeocoderOptions> options, TimeProvider clock, ILogger<AddressGeocoder> logger)
{
    /// <summary>Geocoder answers rank below feed coordinates of the same precision.</summary>
    public const int Confidence = 2;

    /// <summary>Null once answered; else how long to wait before asking again.</summary>
    public async Task<TimeSpan?> GeocodeAsync(GeocodeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await places.FindAnswerAsync(query.AddressKey, cancellationToken) is { } kept)
        {
            await ApplyAsync(kept, cancellationToken);
            return null;
        }

        var slot = await places.ReserveRequestAsync(options.Value.Interval, cancellationToken);
        if (slot - clock.GetUtcNow() is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }

        var reply = await client.SearchAsync(query, cancellationToken);
        if (reply.Verdict == GeocoderVerdict.RetryLater)
        {
            await places.HoldRequestsUntilAsync(clock.GetUtcNow() + reply.RetryAfter, cancellationToken);
            LogRetry(query.Text, reply.Problem ?? "", reply.RetryAfter);
            return reply.RetryAfter;
        }

        var found = reply.Verdict == GeocoderVerdict.Found;
        var answer = new GeocodeAnswer(query.AddressKey, query.Text, found, reply.Latitude, reply.Longitude, found ? PlaceSource.Name(reply.Precision) : null);
        await places.SaveAnswerAsync(answer, cancellationToken);
        await ApplyAsync(answer, cancellationToken);
        return null;
    }

    private async Task ApplyAsync(GeocodeAnswer answer, CancellationToken cancellationToken)
    {
        var precision = answer.Precision switch { "address" => PlacePrecision.Address, "street" => PlacePrecision.Street, _ => PlacePrecision.None };
        if (answer.Found && precision != PlacePrecision.None)
        {
            await places.ApplyAnswerAsync(answer, PlaceSource.Rank(precision, Confidence), cancellationToken);
        }
    }

    [LoggerMessage(EventId = 2331, Level = LogLevel.Information, Message = "Geocoder refused or failed '{Query}' ({Problem}); every silo waits {Wait}")]
    private partial void LogRetry(string query, string problem, TimeSpan wait);
}
