using System.Globalization;
using System.Text;
using System.Text.Json;
using Gogobe.Feeds;
using Gogobe.Feeds.Naming;
using Spectre.Console;

namespace Gogobe.Cli.Commands;

/// <summary>How <c>feeds inspect</c> prints a file's result: a JSON line or a table row.</summary>
internal static class InspectReport
{
    public static FeedReadResult Missing(string path) =>
        new(Path.GetFileName(path), false, $"{path}: no such file or folder", null, 0, 0, 0, 0, 0, new Dictionary<string, int>());

    public static string ToJsonLine(FeedReadResult result)
    {
        var identity = Identity.Of(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("file", result.FileName);
            json.WriteBoolean("ok", result.Ok);
            json.WriteString("error", result.Error);
            json.WriteString("type", identity.Type);
            json.WriteString("chainId", identity.ChainId);
            json.WriteString("subChainId", identity.SubChainId);
            json.WriteString("storeId", identity.StoreId);
            json.WriteString("timestamp", identity.Timestamp);
            json.WriteNumber("stores", result.Stores);
            json.WriteNumber("items", result.Items);
            json.WriteNumber("promotions", result.Promotions);
            json.WriteNumber("promotionItems", result.PromotionItems);
            json.WriteNumber("rejected", result.Rejected);
            json.WriteStartArray("disagreements");
            foreach (var disagreement in result.Header?.Disagreements ?? [])
            {
                json.WriteStartObject();
                json.WriteString("field", disagreement.Field);
                json.WriteString("inHeader", disagreement.InHeader);
                json.WriteString("inName", disagreement.InName);
                json.WriteString("used", disagreement.Used);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Table NewTable() => new Table()
        .Border(TableBorder.Simple)
        .AddColumns("file", "ok", "type", "chain", "store", "timestamp (UTC)", "stores", "items", "promos", "promo items", "rejected");

    public static void AddRow(Table table, FeedReadResult result)
    {
        var identity = Identity.Of(result);
        table.AddRow(
            Markup.Escape(result.FileName),
            result.Ok ? "[green]yes[/]" : "[red]no[/]",
            identity.Type ?? "-",
            identity.ChainId ?? "-",
            identity.StoreId ?? "-",
            identity.Timestamp ?? "-",
            Count(result.Stores),
            Count(result.Items),
            Count(result.Promotions),
            Count(result.PromotionItems),
            result.Rejected == 0 ? "0" : $"{result.Rejected} ({string.Join(", ", result.RejectedByReason.Select(r => $"{r.Key}: {r.Value}"))})");
    }

    /// <summary>
    /// Prints the table, then each failed file's error in full (too long for a cell), then where a file's header and name
    /// disagree on its chain or store.
    /// </summary>
    public static void Print(Table table, IReadOnlyList<FeedReadResult> failed, IReadOnlyList<FeedReadResult> disagreeing)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240;
        }

        AnsiConsole.Write(table);
        foreach (var result in failed)
        {
            AnsiConsole.MarkupLine($"[red]error[/] {Markup.Escape(result.Error ?? result.FileName)}");
        }

        foreach (var result in disagreeing)
        {
            foreach (var d in result.Header!.Disagreements)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"note {result.FileName}: the header says {d.Field} {d.InHeader}, the name {d.InName}; used {d.Used}"));
            }
        }
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The file's identity from its header, or what its name says when it failed before the header was known.</summary>
    private sealed record Identity(string? Type, string? ChainId, string? SubChainId, string? StoreId, string? Timestamp)
    {
        public static Identity Of(FeedReadResult result)
        {
            if (result.Header is { } h)
            {
                return new(h.Kind.ToString(), h.ChainId, h.SubChainId, h.StoreId, Iso(h.Timestamp));
            }

            var name = FeedFileName.Parse(result.FileName);
            if (!name.IsStandard)
            {
                return new(null, null, null, null, null);
            }

            return new(name.Kind?.ToString(), name.ChainId, name.SubChainId, name.StoreId, name.Timestamp is { } t ? Iso(t) : null);
        }

        private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
