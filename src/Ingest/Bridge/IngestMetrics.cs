using System.Diagnostics.Metrics;

namespace Gogobe.Ingest.Bridge;

/// <summary>Instruments of meter <c>Gogobe.Ingest</c>.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "Gogobe.Ingest";

    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        FilesReceived = meter.CreateCounter<long>("gogobe.ingest.files.received", "{message}", "Upload messages delivered to this silo, redeliveries included");
        FilesCompleted = meter.CreateCounter<long>("gogobe.ingest.files.completed", "{file}", "Imports that finished and were acknowledged (tag outcome: imported or rejected)");
        FilesFailed = meter.CreateCounter<long>("gogobe.ingest.files.failed", "{attempt}", "Import attempts that threw");
        FilesDeadLettered = meter.CreateCounter<long>("gogobe.ingest.files.dead_lettered", "{message}", "Upload messages moved to the dead-letter stream");
        FilesRedelivered = meter.CreateCounter<long>("gogobe.ingest.files.redelivered", "{message}", "Deliveries after the first");
        HandlerDuration = meter.CreateHistogram<double>("gogobe.ingest.handler.duration", "s", "Time an import handler ran");
        Rows = meter.CreateCounter<long>("gogobe.ingest.rows", "{row}", "Rows of imported files (tag result: read, changed or rejected)");
        ImportsInFlight = meter.CreateUpDownCounter<long>("gogobe.ingest.files.in_flight", "{file}", "Upload messages held by this silo");

        // Series of events that may never happen exist from the start at zero, so that dashboards and alerts see them.
        FilesFailed.Add(0);
        FilesDeadLettered.Add(0);
        FilesRedelivered.Add(0);
    }

    internal Counter<long> FilesReceived { get; }

    internal Counter<long> FilesCompleted { get; }

    internal Counter<long> FilesFailed { get; }

    internal Counter<long> FilesDeadLettered { get; }

    internal Counter<long> FilesRedelivered { get; }

    internal Histogram<double> HandlerDuration { get; }

    internal UpDownCounter<long> ImportsInFlight { get; }

    internal Counter<long> Rows { get; }
}
