using Gogobe.Contracts.Events;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>
/// When a watch fires, and its state after a change. The reference price is the cheapest price in scope when the watch
/// was armed or last notified.
/// <list type="bullet">
/// <item><b>below X</b>: fires when the cheapest price is below X and below the reference (a new low); while the price is
/// at or above X the reference follows it, so going below X again fires again.</item>
/// <item><b>drop Y%</b>: fires when the cheapest price is at most the reference less Y%; rises do not move the reference.</item>
/// <item><b>promotion</b>: fires for promotions in scope the watch has not seen; the seen set is the running set, so a
/// promotion that ended and runs again is new again.</item>
/// </list>
/// </summary>
public static class WatchRule
{
    /// <summary>The state of a new watch: the reference and the promotions running now; it fires on changes from here.</summary>
    public static WatchUpdate Arm(WatchRow watch, ProductSnapshot now)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(now);
        return new WatchUpdate(watch.WatchId, now.Cheapest(watch.Definition)?.Price, [.. now.Promotions(watch.Definition).Keys], null);
    }

    /// <summary>The watch's new state after <paramref name="change"/>, with its notice when it fires; null when nothing changes.</summary>
    public static WatchUpdate? Evaluate(WatchRow watch, OfferChanged change, ProductSnapshot now) => Evaluate(watch, [change], now);

    /// <summary>
    /// The watch's new state after <paramref name="changes"/> of its product (a run its stream delivered at once), all
    /// seen in one <paramref name="now"/>: at most one notice, carrying the change that made what it reports (the last
    /// change of its kind in the store it names) or, when none of the run did, the run's last change. A change id is
    /// thus one of the run's, and the watch's new state is written with the notice, so a run or any of its changes
    /// delivered again finds the watch already moved and fires nothing.
    /// </summary>
    public static WatchUpdate? Evaluate(WatchRow watch, IReadOnlyList<OfferChanged> changes, ProductSnapshot now)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(now);
        if (changes.Count == 0)
        {
            throw new ArgumentException("At least one change is evaluated.", nameof(changes));
        }

        return watch.Definition.Condition == WatchCondition.Promotion ? Promotion(watch, changes, now) : Price(watch, changes, now);
    }

    /// <summary>The last change of <paramref name="kind"/> in the given store; else the last change.</summary>
    private static OfferChanged Cause(IReadOnlyList<OfferChanged> changes, OfferChangeKind kind, string chainId, string storeId)
    {
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            var change = changes[i];
            if (change.Kind == kind && change.ChainId == chainId && change.StoreId == storeId)
            {
                return change;
            }
        }

        return changes[^1];
    }

    private static WatchUpdate? Price(WatchRow watch, IReadOnlyList<OfferChanged> changes, ProductSnapshot now)
    {
        if (now.Cheapest(watch.Definition) is not { } cheapest || watch.Definition.Threshold is not { } threshold)
        {
            return null;
        }

        var price = cheapest.Price;
        var reference = watch.ReferencePrice;
        var fires = watch.Definition.Condition == WatchCondition.Below
            ? price < threshold && (reference is null || price < reference)
            : reference is { } from && price <= from * (1 - (threshold / 100m));
        if (fires)
        {
            var change = Cause(changes, OfferChangeKind.Prices, cheapest.ChainId, cheapest.StoreId);
            var notice = new WatchNotice(change.EventId, change.ImportId, cheapest.ChainId, cheapest.StoreId, price, reference, [], change.TakenAt);
            return new WatchUpdate(watch.WatchId, price, watch.KnownPromotions, notice);
        }

        var follows = reference is null || (watch.Definition.Condition == WatchCondition.Below && price >= threshold && price != reference);
        return follows ? new WatchUpdate(watch.WatchId, price, watch.KnownPromotions, null) : null;
    }

    private static WatchUpdate? Promotion(WatchRow watch, IReadOnlyList<OfferChanged> changes, ProductSnapshot now)
    {
        var running = now.Promotions(watch.Definition);
        var known = watch.KnownPromotions.ToHashSet(StringComparer.Ordinal);
        var added = running.Where(p => !known.Contains(p.Key)).ToList();
        if (added.Count == 0)
        {
            return known.SetEquals(running.Keys) ? null : new WatchUpdate(watch.WatchId, watch.ReferencePrice, [.. running.Keys], null);
        }

        var first = added[0].Value;
        var described = added.ConvertAll(p => p.Value.Description is { Length: > 0 } text ? $"{p.Key} {text}" : p.Key);
        var change = Cause(changes, OfferChangeKind.Promotions, first.ChainId, first.StoreId);
        var notice = new WatchNotice(change.EventId, change.ImportId, first.ChainId, first.StoreId, first.PricePerItem, null, described, change.TakenAt);
        return new WatchUpdate(watch.WatchId, watch.ReferencePrice, [.. running.Keys], notice);
    }
}
