namespace Gogobe.Grains.Geo;

/// <summary>
/// The OpenStreetMap geocoder (Nominatim's search API, or a server that speaks it). Section <c>Geocoder</c>; without
/// <see cref="Url"/> no geocoder is asked and stores stay at the precision the feeds and official lists give.
/// </summary>
public sealed class GeocoderOptions
{
    public const string Section = "Geocoder";

    /// <summary>Base URL of the search API, e.g. <c>http://127.0.0.1:8088/</c> (the compose profile's Nominatim).</summary>
    public Uri? Url { get; set; }

    /// <summary>Identifies Gogobe to the server, as Nominatim's usage policy asks (a name and a contact).</summary>
    public string UserAgent { get; set; } = "Gogobe/1.0 (store locations; operator of this deployment)";

    /// <summary>Requests per second for the whole cluster (the public Nominatim allows at most 1).</summary>
    public double RequestsPerSecond { get; set; } = 1;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long every silo waits after a 429, a 5xx or a failed request (longer when the server says so).</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a silo's drain sleeps while the queue is empty (<c>Geocoder:IdlePoll</c>, default 30 s): it is woken
    /// when addresses are queued (PostgreSQL notifies it) or when the earliest waiting request is due, and looks after
    /// this in case a notification was missed.
    /// </summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => Url is not null;

    public TimeSpan Interval => TimeSpan.FromSeconds(1 / RequestsPerSecond);

    public string? Problem() =>
        !Enabled ? null
        : !Url!.IsAbsoluteUri ? "Geocoder:Url must be an absolute URL such as http://127.0.0.1:8088/"
        : RequestsPerSecond is <= 0 or > 100 ? "Geocoder:RequestsPerSecond must be above 0 and at most 100"
        : string.IsNullOrWhiteSpace(UserAgent) ? "Geocoder:UserAgent must identify this deployment (name and contact)"
        : Timeout <= TimeSpan.Zero || Backoff <= TimeSpan.Zero ? "Geocoder:Timeout and Geocoder:Backoff must be positive"
        : IdlePoll < TimeSpan.FromSeconds(1) || IdlePoll > TimeSpan.FromHours(1) ? "Geocoder:IdlePoll must be from 00:00:01 to 01:00:00"
        : null;
}
