using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gogobe.Gateway.Queries;

/// <summary>Reads query parameters; a bad one becomes a 400 problem that names it and says what is expected.</summary>
public static class QueryInput
{
    public const double MaxRadiusKm = 200;

    public static ProblemHttpResult Invalid(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid parameter: {parameter}",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    /// <summary><c>lat,lon</c> in degrees, inside Israel's wider region; null when absent.</summary>
    public static bool TryNear(string? text, out GeoPoint? near, out ProblemHttpResult? problem)
    {
        near = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180)
        {
            near = new GeoPoint(lat, lon);
            return true;
        }

        problem = Invalid("near", "Give a point as 'lat,lon' in decimal degrees, e.g. near=32.0853,34.7818.");
        return false;
    }

    /// <summary>A radius in kilometres, more than 0 and at most 200; <paramref name="fallback"/> when absent.</summary>
    public static bool TryRadius(string? text, double fallback, out double radiusKm, out ProblemHttpResult? problem)
    {
        problem = null;
        radiusKm = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out radiusKm) && radiusKm > 0 && radiusKm <= MaxRadiusKm)
        {
            return true;
        }

        problem = Invalid("radiusKm", $"radiusKm is a distance in kilometres, more than 0 and at most {MaxRadiusKm}.");
        return false;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static bool TryInt(string name, string? text, int min, int max, int fallback, out int value, out ProblemHttpResult? problem)
    {
        problem = null;
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        problem = Invalid(name, $"{name} is a whole number from {min} to {max}.");
        return false;
    }

    /// <summary><c>members=true</c>: answer for every member of the product's master product (ADR 0019); false when absent.</summary>
    public static bool TryMembers(string? text, out bool members, out ProblemHttpResult? problem)
    {
        problem = null;
        members = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
        if (members || string.IsNullOrEmpty(text) || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        problem = Invalid("members", "members is 'true' (every member of the product's master product) or 'false' (the default).");
        return false;
    }

    /// <summary>An instant or a date (ISO 8601; dates are midnight UTC); null when absent.</summary>
    public static bool TryInstant(string name, string? text, out DateTimeOffset? value, out ProblemHttpResult? problem)
    {
        problem = null;
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = Invalid(name, $"{name} is an ISO 8601 date or instant, e.g. 2025-08-01 or 2025-08-01T10:00:00Z.");
        return false;
    }
}
