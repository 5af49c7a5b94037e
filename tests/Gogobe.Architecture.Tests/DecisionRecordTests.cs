using System.Text.RegularExpressions;
using Gogobe.Testing;

namespace Gogobe.Architecture.Tests;

/// <summary>Every architecture decision record says whether it stands.</summary>
public sealed partial class DecisionRecordTests
{
    public static TheoryData<string> Records => [.. Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "adr"), "*.md").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Records))]
    public void Every_decision_record_has_a_status_line(string record)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "adr", record));
        Assert.Contains(lines, line => StatusLine().IsMatch(line));
    }

    [GeneratedRegex(@"^Status: (accepted|superseded by (ADR )?\d+)\b")]
    private static partial Regex StatusLine();
}
