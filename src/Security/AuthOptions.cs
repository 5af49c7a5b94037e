using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Gogobe.Security;

/// <summary>Bearer tokens for write and admin endpoints. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string ImporterRole = "importer";

    /// <summary>Reads metrics, cluster views and health details from anywhere (local clients need no token).</summary>
    public const string OperatorRole = "operator";

    /// <summary>HMAC-SHA256 signing key, at least 32 characters. Keep it secret (environment variable <c>Auth__SigningKey</c>).</summary>
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "gogobe";

    public string Audience { get; set; } = "gogobe";

    public SymmetricSecurityKey SecurityKey() => new(Encoding.UTF8.GetBytes(SigningKey));

    public IEnumerable<string> Validate()
    {
        if (SigningKey.Length < 32)
        {
            yield return $"{Section}:SigningKey must be at least 32 characters (environment variable {Section}__SigningKey).";
        }
    }
}
