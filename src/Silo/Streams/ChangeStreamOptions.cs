using Microsoft.Extensions.Options;

namespace Gogobe.Silo.Streams;

/// <summary>How each silo moves the change events from JetStream onto the <c>changes</c> Orleans streams. Section <c>ChangeStreams</c>.</summary>
public sealed class ChangeStreamOptions
{
    public const string Section = "ChangeStreams";

    /// <summary>Durable pull consumer on the events stream shared by every silo's queues (<c>ChangeStreams:Consumer</c>, default <c>change-streams</c>).</summary>
    public string Consumer { get; set; } = "change-streams";

    /// <summary>Orleans queues of the provider, spread over the silos; each pulls from the shared consumer (<c>ChangeStreams:Queues</c>, default 2).</summary>
    public int Queues { get; set; } = 2;

    /// <summary>Most broker messages one queue takes in one pull (<c>ChangeStreams:FetchBatch</c>, default 64).</summary>
    public int FetchBatch { get; set; } = 64;

    /// <summary>
    /// How often each queue's pulling agent looks for messages (<c>ChangeStreams:PollInterval</c>, default 250 ms): the
    /// most a message waits in the silo before its delivery starts. The broker is asked at a look only while messages
    /// come; an idle queue's look takes what its waiting pull brought (<see cref="PullWait"/>).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a look of an idle queue's agent waits for the pull left on the broker to bring a message
    /// (<c>ChangeStreams:IdleWait</c>, default 2 s; 0 looks and returns at once): a message it brings meanwhile goes on
    /// its way at once, and the agent of an idle queue looks about every <see cref="IdleWait"/> plus <see cref="PollInterval"/>
    /// instead of every <see cref="PollInterval"/>: fewer timer ticks for an idle silo.
    /// </summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the pull an idle queue leaves on the broker waits for messages before it is sent again
    /// (<c>ChangeStreams:PullWait</c>, default 10 s): an idle queue asks the broker once per this; messages published
    /// meanwhile come at once. A pull the broker lost (a restart) is sent again after this plus 2 s.
    /// </summary>
    public TimeSpan PullWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Product events one queue holds while its subscribers handle them; beyond it the queue stops pulling (<c>ChangeStreams:CacheSize</c>, default 20,000).</summary>
    public int CacheSize { get; set; } = 20_000;

    /// <summary>
    /// Most events of one product's stream handed to its followers at once: the events that wait for a follower when it
    /// is free go to it as one run, so a burst of changes of one product (a national day changes it in every store) is
    /// handled once, not once per store (<c>ChangeStreams:RunLength</c>, default 256; 1 hands over one event at a time).
    /// </summary>
    public int RunLength { get; set; } = 256;

    /// <summary>Time the broker waits for an ack or a progress signal before it redelivers a message (<c>ChangeStreams:AckWait</c>, default 30 s).</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long delivery of one event to one subscriber is retried before the message is handed back to the broker (<c>ChangeStreams:MaxDeliveryTime</c>, default 30 s).</summary>
    public TimeSpan MaxDeliveryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries of one broker message before it is given up (terminated and logged) (<c>ChangeStreams:MaxDeliveries</c>, default 5).</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Delay before a message a subscriber failed on is delivered again (<c>ChangeStreams:RedeliveryDelay</c>, default 5 s).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Unacknowledged messages the broker allows across all silos (<c>ChangeStreams:MaxAckPending</c>, default 1,000).</summary>
    public int MaxAckPending { get; set; } = 1000;

    /// <summary>
    /// Put on the product streams only the changes of products somebody watches, in a store one of the product's watches
    /// can see (<see cref="WatchedProducts"/>): their one follower is the product's watch grain, which has nothing to do for the others (<c>ChangeStreams:OnlyWatchedProducts</c>,
    /// default true; false when another follower needs every product's changes).
    /// </summary>
    public bool OnlyWatchedProducts { get; set; } = true;

    /// <summary>How often a silo reloads the watched products, forgetting those whose watches were deleted (<c>ChangeStreams:WatchedReload</c>, default 1 min).</summary>
    public TimeSpan WatchedReload { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class ChangeStreamOptionsValidator : IValidateOptions<ChangeStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeStreamOptions options)
    {
        var failures = new List<string>();
        Require(failures, !string.IsNullOrWhiteSpace(options.Consumer) && options.Consumer.IndexOfAny([' ', '.', '*', '>']) < 0,
            nameof(options.Consumer), "a consumer name of letters, digits, '_' or '-'", options.Consumer);
        Require(failures, options.Queues is >= 1 and <= 256, nameof(options.Queues), "a number from 1 to 256", options.Queues);
        Require(failures, options.FetchBatch is >= 1 and <= 1000, nameof(options.FetchBatch), "a number from 1 to 1000", options.FetchBatch);
        Require(failures, options.PollInterval >= TimeSpan.FromMilliseconds(10) && options.PollInterval <= TimeSpan.FromSeconds(10),
            nameof(options.PollInterval), "from 00:00:00.010 to 00:00:10", options.PollInterval);
        Require(failures, options.IdleWait >= TimeSpan.Zero && options.IdleWait <= TimeSpan.FromSeconds(30),
            nameof(options.IdleWait), "from 00:00:00 to 00:00:30", options.IdleWait);
        Require(failures, options.PullWait >= TimeSpan.FromSeconds(1) && options.PullWait <= TimeSpan.FromMinutes(5),
            nameof(options.PullWait), "from 00:00:01 to 00:05:00", options.PullWait);
        Require(failures, options.CacheSize is >= 100 and <= 10_000_000, nameof(options.CacheSize), "a number from 100 to 10,000,000", options.CacheSize);
        Require(failures, options.RunLength is >= 1 and <= 10_000, nameof(options.RunLength), "a number from 1 to 10,000", options.RunLength);
        Require(failures, options.AckWait >= TimeSpan.FromSeconds(1), nameof(options.AckWait), "at least 00:00:01", options.AckWait);
        Require(failures, options.MaxDeliveryTime >= TimeSpan.FromMilliseconds(100), nameof(options.MaxDeliveryTime), "at least 00:00:00.100", options.MaxDeliveryTime);
        Require(failures, options.MaxDeliveries is >= 1 and <= 100, nameof(options.MaxDeliveries), "a number from 1 to 100", options.MaxDeliveries);
        Require(failures, options.RedeliveryDelay >= TimeSpan.Zero, nameof(options.RedeliveryDelay), "zero or a positive duration", options.RedeliveryDelay);
        Require(failures, options.MaxAckPending >= options.FetchBatch, nameof(options.MaxAckPending), "at least ChangeStreams:FetchBatch", options.MaxAckPending);
        Require(failures, options.WatchedReload >= TimeSpan.FromSeconds(1), nameof(options.WatchedReload), "at least 00:00:01", options.WatchedReload);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool valid, string setting, string expected, object actual)
    {
        if (!valid)
        {
            failures.Add($"{ChangeStreamOptions.Section}:{setting} must be {expected}, got {actual}.");
        }
    }
}
