using Gogobe.Silo.Streams;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// The stores a product's watches can see, as a notification names them and as two scopes merge: a payload it cannot
/// read in full, or of the product alone (the trigger before migration 0017), sees every store.
/// </summary>
public sealed class WatchedScopeTests
{
    [Fact]
    public void A_notification_names_the_product_then_its_stores_or_chains_and_anything_else_means_every_store()
    {
        var (product, stores) = WatchedScope.Parse("729001\ns\tc1:s1\ns\tc2:s2");
        Assert.Equal("729001", product);
        Assert.True(stores.Sees("c1", "s1"));
        Assert.True(stores.Sees("c2", "s2"));
        Assert.False(stores.Sees("c1", "s2"));
        Assert.False(stores.Sees("c2", "s1"));

        var (_, chains) = WatchedScope.Parse("729001\nc\tc1");
        Assert.True(chains.Sees("c1", "s9"));
        Assert.False(chains.Sees("c2", "s1"));

        Assert.Same(WatchedScope.Everywhere, WatchedScope.Parse("729001").Scope);
        Assert.Same(WatchedScope.Everywhere, WatchedScope.Parse("729001\ns\tc1:s1\nx\ty").Scope);
    }

    [Fact]
    public void Merged_scopes_see_what_either_sees_and_every_store_wins()
    {
        var merged = WatchedScope.Parse("p\ns\tc1:s1").Scope.With(WatchedScope.Parse("p\nc\tc2").Scope);
        Assert.True(merged.Sees("c1", "s1"));
        Assert.True(merged.Sees("c2", "s5"));
        Assert.False(merged.Sees("c1", "s5"));
        Assert.Same(WatchedScope.Everywhere, merged.With(WatchedScope.Everywhere));
    }
}
