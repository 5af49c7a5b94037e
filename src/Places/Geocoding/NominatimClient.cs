using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Gogobe.Places.Geocoding;

/// <summary>
/// Nominatim's search API (<c>/search?street=…&amp;city=…&amp;countrycodes=il&amp;format=jsonv2&amp;limit=1</c>) and the
/// servers that speak it. A house or building is <c>address</c> precision, a road <c>street</c>; anything coarser is
/// no better than the locality's centre and counts as not found. 429 and 5xx answers, time-outs and unreachable
/// servers say when to ask again (Retry-After when given).
/// </summary>
public sealed class NominatimClient(HttpClient http, Uri baseUrl, TimeSpan backoff)
{
    private static readonly HashSet<string> Houses = new(StringComparer.Ordinal) { "house", "building", "apartments", "residential_building", "shop", "amenity", "place" };

    public async Task<GeocoderReply> SearchAsync(GeocodeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var street = query.HouseNumber is null ? query.Street : $"{query.HouseNumber} {query.Street}";
        var uri = new Uri(baseUrl, "search?format=jsonv2&limit=1&countrycodes=il&accept-language=he"
            + "&street=" + Uri.EscapeDataString(street) + "&city=" + Uri.EscapeDataString(query.Locality));
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                var after = response.Headers.RetryAfter?.Delta ?? backoff;
                return GeocoderReply.Later(after < backoff ? backoff : after, $"HTTP {(int)response.StatusCode}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return GeocoderReply.Later(backoff, $"HTTP {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return Read(document.RootElement);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return GeocoderReply.Later(backoff, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private static GeocoderReply Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
        {
            return GeocoderReply.NotFound;
        }

        var first = root[0];
        if (!double.TryParse(Text(first, "lat"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(Text(first, "lon"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || StorePlacer.FeedPoint(lat, lon) is not { } point)
        {
            return GeocoderReply.NotFound;
        }

        var kind = Text(first, "addresstype") ?? Text(first, "type");
        var category = Text(first, "category") ?? Text(first, "class");
        var precision = kind is not null && Houses.Contains(kind) || category == "building" ? PlacePrecision.Address
            : category == "highway" || kind is "road" or "street" ? PlacePrecision.Street
            : PlacePrecision.None;
        return precision == PlacePrecision.None
            ? GeocoderReply.NotFound
            : new GeocoderReply(GeocoderVerdict.Found, point.Lat, point.Lon, precision, TimeSpan.Zero, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}
