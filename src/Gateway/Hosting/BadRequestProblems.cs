using System.Text;
using System.Text.Json;
using Gogobe.Gateway.Queries;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Gogobe.Gateway.Hosting;

/// <summary>
/// A request the framework could not read (JSON of the wrong shape or cut short, a body beyond its endpoint's limit, a
/// parameter that does not bind) becomes a 4xx problem naming the field, never a 500. Endpoints throw these instead of
/// answering a bare status (<c>RouteHandlerOptions.ThrowOnBadRequest</c>).
/// </summary>
internal sealed class BadRequestProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted)
        {
            return false;
        }

        var problem = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => TypedResults.Problem(
                $"This endpoint reads a body of at most {context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize:N0} bytes.",
                statusCode: bad.StatusCode, title: "Request body too large"),
            StatusCodes.Status400BadRequest when bad.InnerException is JsonException json => QueryInput.Invalid(
                Field(json.Path), $"The body is not the JSON this endpoint reads: {Field(json.Path)} has the wrong type, or the JSON is cut short or malformed."),
            StatusCodes.Status400BadRequest => QueryInput.Invalid("body", "The request could not be read: check the body and the parameters against /openapi/v1.json."),
            _ => TypedResults.Problem("The request could not be read.", statusCode: bad.StatusCode),
        };
        await problem.ExecuteAsync(context);
        return true;
    }

    /// <summary><c>$.items[3].quantity</c> becomes <c>items.quantity</c>; the root is <c>body</c>.</summary>
    internal static string Field(string? path)
    {
        var field = new StringBuilder();
        var depth = 0;
        foreach (var c in path ?? "")
        {
            depth += c switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0 && c is not ('$' or ']' or '\'') && !(c == '.' && field.Length == 0))
            {
                field.Append(c);
            }
        }

        return field.Length == 0 ? "body" : field.ToString();
    }
}
