namespace Gogobe.Silo.Alerts;

/// <summary>Delivery of watch notifications by webhook and email. Section <c>Alerts</c>.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Deliver at all from this silo (every silo may; they share the outbox without sending anything twice).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>
    /// How long a user's oldest waiting notice waits for others (of any import), so they go as one digest; a user with
    /// <see cref="DigestMaxNotices"/> waiting is sent at once.
    /// </summary>
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most notices in one digest; more waiting make the next digest.</summary>
    public int DigestMaxNotices { get; set; } = 100;

    /// <summary>Users whose notices one outbox query turns into digests; a round repeats it while it comes back full.</summary>
    public int DigestUsers { get; set; } = 500;

    /// <summary>
    /// Shortest sleep of a loop that found nothing to do, and how often the outbox is looked at while the silo cannot
    /// listen for outbox inserts (PostgreSQL LISTEN on <c>gogobe_outbox</c>).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Longest sleep of a loop that found nothing to do while it listens: an insert into the outbox wakes it at once and
    /// it wakes by itself when the next digest or retry is due, so this only bounds the wait for a notification missed.
    /// </summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of one delivery before it becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; it doubles at each further attempt, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a silo holds a delivery it is sending; another silo takes it again after that if the first died.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a webhook receiver or the SMTP server may take to answer.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries sent at once by one silo (over reused HTTP connections); a slot that frees takes the next due one. More
    /// than a receiver can answer within <see cref="SendTimeout"/> turns into retries (ADR 0018, Measured).
    /// </summary>
    public int Parallel { get; set; } = 16;

    /// <summary>SMTP server for email notifications; email watches wait in the outbox while <see cref="SmtpHost"/> is empty.</summary>
    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 25;

    /// <summary>Sender address of notification emails.</summary>
    public string From { get; set; } = "Gogobe <alerts@gogobe.local>";

    /// <summary>The wait after attempt <paramref name="attempts"/> failed.</summary>
    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, RetryBackoff.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    public IEnumerable<string> Validate()
    {
        if (MaxAttempts is < 1 or > 50)
        {
            yield return $"{Section}:MaxAttempts must be 1 to 50 (environment variable {Section}__MaxAttempts).";
        }

        if (DigestWindow < TimeSpan.Zero || PollInterval <= TimeSpan.Zero || RetryBackoff <= TimeSpan.Zero || Lease <= SendTimeout)
        {
            yield return $"{Section}: DigestWindow must be 0 or more, PollInterval and RetryBackoff more than 0, and Lease longer than SendTimeout.";
        }

        if (IdlePoll < PollInterval || IdlePoll > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:IdlePoll must be at least {Section}:PollInterval and at most 01:00:00.";
        }

        if (SmtpPort is < 1 or > 65535 || Parallel < 1)
        {
            yield return $"{Section}:SmtpPort must be a TCP port and {Section}:Parallel at least 1.";
        }

        if (DigestMaxNotices is < 1 or > 10_000 || DigestUsers < 1)
        {
            yield return $"{Section}:DigestMaxNotices must be 1 to 10,000 and {Section}:DigestUsers at least 1.";
        }
    }
}
