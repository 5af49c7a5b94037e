using System.Security.Cryptography;
using Gogobe.Security;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Gogobe.Silo.Hosting;

/// <summary>
/// Who may read the silo's metrics, health details and dashboard from beyond this machine: bearer tokens with the
/// operator role, signed with <c>Auth:SigningKey</c>. A silo without that key accepts no token, so only local clients
/// reach them.
/// </summary>
public static class OperatorAuthentication
{
    public static WebApplicationBuilder AddOperatorAuthentication(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Validate().Any())
        {
            auth.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = TokenIssuer.ValidationParameters(auth);
            });
        builder.Services.AddAuthorizationBuilder().AddOperatorPolicy(AuthOptions.OperatorRole);
        return builder;
    }
}
