using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// The signature of a webhook: HMAC-SHA256, keyed by the user's webhook secret, over <c>{timestamp}.{body}</c> (the Unix
/// time in seconds of the header <see cref="TimestampHeader"/>, a dot, then the body's bytes), written <c>v1=</c> and
/// lower-case hex in <see cref="SignatureHeader"/>. A receiver recomputes it and refuses old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "Gogobe-Signature";
    public const string TimestampHeader = "Gogobe-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="signature"/> is this body's and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
