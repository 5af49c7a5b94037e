using Gogobe.Gateway.Queries;

namespace Gogobe.Gateway.Hosting;

/// <summary>
/// Refuses, before any endpoint runs, a query or route parameter holding text no endpoint takes: a control character
/// (NUL included), half a surrogate pair, or more than <see cref="MaxLength"/> characters. The answer is a 400 problem
/// naming the parameter, whatever the endpoint.
/// </summary>
internal sealed class TextParameterGuard(RequestDelegate next)
{
    public const int MaxLength = 1000;

    public Task InvokeAsync(HttpContext context) =>
        Refusal(context) is { } problem ? problem.ExecuteAsync(context) : next(context);

    private static IResult? Refusal(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!TextInput.IsClean(name) || name.Length > MaxLength)
            {
                return QueryInput.Invalid("(name)", "A parameter name is plain text.");
            }

            foreach (var value in values)
            {
                if (Check(name, value) is { } problem)
                {
                    return problem;
                }
            }
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && Check(name, text) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static IResult? Check(string name, string? value) => value switch
    {
        null => null,
        { Length: > MaxLength } => QueryInput.Invalid(name, $"{name} is longer than {MaxLength} characters."),
        _ when !TextInput.IsClean(value) => QueryInput.Invalid(name, $"{name} holds a control character or a broken character: send plain text."),
        _ => null,
    };
}
