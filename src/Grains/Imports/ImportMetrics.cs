using System.Diagnostics.Metrics;
using Gogobe.Feeds.Model;

namespace Gogobe.Grains.Imports;

/// <summary>Instruments of meter <c>Gogobe.Imports</c>: what the import grains find in the files they read.</summary>
public sealed class ImportMetrics
{
    public const string MeterName = "Gogobe.Imports";

    private readonly Counter<long> disagreements;

    public ImportMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        disagreements = meter.CreateCounter<long>(
            "gogobe.imports.identity_disagreements", "{file}", "Imported files whose header and name give different chain or store ids (tag field: chain or store)");
        disagreements.Add(0, new KeyValuePair<string, object?>("field", "chain"));
        disagreements.Add(0, new KeyValuePair<string, object?>("field", "store"));
    }

    public void Disagreed(IdentityDisagreement disagreement) =>
        disagreements.Add(1, new KeyValuePair<string, object?>("field", disagreement.Field));
}
