namespace Gogobe.Storage.Watches;

/// <summary>What makes a watch fire; stored lower-case in <c>watches.condition</c>.</summary>
public enum WatchCondition
{
    /// <summary>The cheapest price in scope is below the threshold (a price) and below the reference.</summary>
    Below,

    /// <summary>The cheapest price in scope fell by at least the threshold (a percentage) from the reference.</summary>
    Drop,

    /// <summary>A promotion in scope that the watch has not seen before.</summary>
    Promotion,
}
