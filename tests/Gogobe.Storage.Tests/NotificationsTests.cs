namespace Gogobe.Storage.Tests;

/// <summary>How long a listening loop with nothing to do sleeps (the geocoding drain and the alert senders share it).</summary>
public sealed class NotificationsTests
{
    private static readonly TimeSpan Least = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Most = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(null, 30.0)]
    [InlineData(12.5, 12.5)]
    [InlineData(0.2, 1.0)]
    [InlineData(-5.0, 1.0)]
    [InlineData(3600.0, 30.0)]
    public void An_idle_loop_sleeps_until_its_next_work_within_its_bounds(double? dueSeconds, double sleepsSeconds)
    {
        var due = dueSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        Assert.Equal(TimeSpan.FromSeconds(sleepsSeconds), Notifications.IdleWait(due, Least, Most));
    }
}
