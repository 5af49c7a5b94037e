using System.Net;
using System.Text.Json;

namespace Gogobe.Gateway.Tests.Infrastructure;

/// <summary>Checks of problem answers: the status, the parameter named in the title, and no internals.</summary>
public static class Problems
{
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? parameter)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (parameter is not null)
        {
            Assert.Equal($"Invalid parameter: {parameter}", problem.GetProperty("title").GetString());
        }

        AssertNoInternals(body);
    }

    public static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
    }
}
