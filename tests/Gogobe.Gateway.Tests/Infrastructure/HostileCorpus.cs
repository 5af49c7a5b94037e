using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gogobe.Gateway.Tests.Infrastructure;

/// <summary>
/// Requests built to break an endpoint, generated from the gateway's OpenAPI document so that every operation it
/// describes is covered, new ones included: each path and query parameter in turn takes each hostile text (control
/// characters, broken UTF-8, overlong, numbers out of range, traversal), each field of a JSON body in turn takes each
/// hostile JSON value (wrong types, nulls, NUL characters, half surrogate pairs, deep nesting), whole bodies come cut
/// short or malformed, and multipart uploads come with hostile file names or without their closing boundary.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Query and path values, already percent-encoded as a client would put them on the wire.</summary>
    public static readonly string[] UrlValues =
    [
        "", "%20", "%00", "a%00b", "%01", "%1F", "%7F", "%0D%0A", "%09", "%C2%85", "%ED%A0%80", "%C0%80", "%FF%FE", "%E2%80%AE",
        "%25", "..", "%2E%2E", "%2E", "..%2F..%2Fetc%2Fpasswd", "%5C", "'%3B--", "%22", "%3Cx%3E", "%D7%97%D7%9C%D7%91", "%F0%9F%8D%8E",
        "-1", "0", "1.5", "-0", "1e309", "NaN", "Infinity", "99999999999999999999999999", "7290000000001%3A%00", "7290000000001%3A",
        "32.1%2C34.8%2C1", new string('9', 2000), new string('a', 1001), new string('a', 6000),
    ];

    /// <summary>JSON values put in place of each field of a body.</summary>
    public static readonly string[] JsonValues =
    [
        "null", "true", "0", "-1", "1.5", "1e308", "-1e308", "99999999999999999999999999999", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
        "\"\\udc00x\"", "\"\\u001f\"", "\"\\r\\n\"", "\"..\"", "\"NaN\"", "[]", "{}", "[null]", "[[[[[[[[[[1]]]]]]]]]]", $"\"{new string('a', 20_000)}\"",
        Nested(70),
    ];

    /// <summary>Whole bodies: empty, not JSON, cut short, nested beyond any reader's depth.</summary>
    public static readonly string[] Bodies = ["", " ", "null", "[]", "\"x\"", "1", "{", "{\"", "{\"items\":", "[{]", "not json", "\u0000", Nested(5000)];

    public static IEnumerable<HostileRequest> Requests(JsonElement openApi)
    {
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var pathNames = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
                var name = operation.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{method} {path.Name}";
                var body = operation.Value.TryGetProperty("requestBody", out var b) ? b.GetProperty("content") : default;
                var sample = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("application/json", out var json)
                    ? Sample(openApi, json.GetProperty("schema"), 0)
                    : null;
                string Url(string? target, string value)
                {
                    var url = path.Name;
                    foreach (var n in pathNames)
                    {
                        url = url.Replace($"{{{n}}}", n == target ? value : "1", StringComparison.Ordinal);
                    }

                    return url;
                }

                foreach (var parameter in parameters)
                {
                    var where = parameter.GetProperty("in").GetString();
                    var parameterName = parameter.GetProperty("name").GetString()!;
                    foreach (var value in UrlValues)
                    {
                        var url = where == "path" ? Url(parameterName, value) : $"{Url(null, "")}?{parameterName}={value}";
                        if (where == "path" && value.Length == 0)
                        {
                            continue;
                        }

                        yield return new HostileRequest(name, method, url, sample is null ? null : Json(sample.ToJsonString()));
                    }
                }

                if (sample is not null)
                {
                    foreach (var mutated in Mutations(sample))
                    {
                        yield return new HostileRequest(name, method, Url(null, ""), Json(mutated));
                    }

                    foreach (var whole in Bodies.Append(sample.ToJsonString()[..(sample.ToJsonString().Length / 2)]))
                    {
                        yield return new HostileRequest(name, method, Url(null, ""), Json(whole));
                    }

                    yield return new HostileRequest(name, method, Url(null, ""), () => new StringContent(sample.ToJsonString(), Encoding.UTF8, "text/plain"));
                }

                if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("multipart/form-data", out _))
                {
                    foreach (var multipart in Multiparts())
                    {
                        yield return new HostileRequest(name, method, Url(null, ""), multipart);
                    }
                }
            }
        }
    }

    /// <summary>A body shaped like the schema, with plain values, to be broken one field at a time.</summary>
    private static JsonNode? Sample(JsonElement document, JsonElement schema, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part);
            }

            return depth > 8 ? null : Sample(document, target, depth + 1);
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
            : schema.TryGetProperty("properties", out _) ? "object" : null;
        return type switch
        {
            "object" when schema.TryGetProperty("properties", out var properties) => new JsonObject(
                properties.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Sample(document, p.Value, depth + 1)))),
            "object" => new JsonObject(),
            "array" => new JsonArray(schema.TryGetProperty("items", out var items) ? Sample(document, items, depth + 1) : null),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            _ => JsonValue.Create("1"),
        };
    }

    /// <summary>
    /// The sample with one node (every node in turn) replaced by each hostile value, spliced in as text: some of them
    /// (half a surrogate pair) are JSON no serializer writes.
    /// </summary>
    private static IEnumerable<string> Mutations(JsonNode sample)
    {
        const string Placeholder = "hostile-value-goes-here";
        foreach (var path in Descendants(sample).Select(n => n.GetPath()).ToList())
        {
            var copy = sample.DeepClone();
            var target = Descendants(copy).First(n => n.GetPath() == path);
            if (target.Parent is JsonObject o)
            {
                o[target.GetPropertyName()] = Placeholder;
            }
            else if (target.Parent is JsonArray a)
            {
                a[target.GetElementIndex()] = Placeholder;
            }

            var text = copy.ToJsonString();
            foreach (var value in JsonValues)
            {
                yield return text.Replace($"\"{Placeholder}\"", value, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        var children = node switch { JsonObject o => o.Select(x => x.Value), JsonArray a => a.AsEnumerable(), _ => [] };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var below in Descendants(child))
            {
                yield return below;
            }
        }
    }

    private static IEnumerable<Func<HttpContent>> Multiparts()
    {
        foreach (var fileName in new[] { "..", ".", "", " ", "a\0b.xml", "\u0001", "../..", "..\\..", "/", new string('a', 5000), "\ud800.xml" })
        {
            yield return () => RawMultipart("b0undary", $"--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n<Root/>\r\n--b0undary--\r\n");
        }

        const string part = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"PriceFull7290000000001-001-202501010000.xml\"\r\n\r\n<Root/>";
        yield return () => RawMultipart("b0undary", part);
        yield return () => RawMultipart("b0undary", part + "\r\n--b0und");
        yield return () => RawMultipart("b0undary", part + "\r\n--other--\r\n");
        yield return () => RawMultipart("b0undary", "");
        yield return () => RawMultipart("b0undary", "--b0undary\r\n");
        yield return () => RawMultipart("b0undary", $"--b0undary\r\nX: {new string('x', 20_000)}\r\n\r\nx\r\n--b0undary--\r\n");
        yield return () => RawMultipart("b0undary", "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.xml\"\r\n\r\n");
        yield return () => RawMultipart(null, part);
        yield return () => RawMultipart(new string('b', 71), part);
        yield return () => RawMultipart("\"\"", part);
    }

    private static ByteArrayContent RawMultipart(string? boundary, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", boundary is null ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}");
        return content;
    }

    private static Func<HttpContent> Json(string body) => () =>
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    };

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}

/// <summary>One hostile request: the operation it targets, its method and URL, and a fresh body each time it is sent.</summary>
public sealed record HostileRequest(string Operation, HttpMethod Method, string Url, Func<HttpContent>? Body)
{
    public HttpRequestMessage Create() => new(Method, Url) { Content = Body?.Invoke() };

    public override string ToString() => $"{Operation}: {Method} {(Url.Length > 120 ? Url[..120] + "…" : Url)}";
}
