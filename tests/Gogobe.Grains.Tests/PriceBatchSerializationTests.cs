using Gogobe.Contracts.Prices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Gogobe.Grains.Tests;

/// <summary>What a price batch carries when a call takes it to another silo.</summary>
public sealed class PriceBatchSerializationTests
{
    [Fact]
    public void A_batch_sent_to_another_silo_keeps_its_rows_and_loses_the_shared_keys_mark()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var row = new PriceRow("7290000000012", "7290000000012", false, 5.90m, 0.0273m, DateTimeOffset.UnixEpoch, "חלב 3%",
            "תנובה", "ישראל", null, 1m, "l", "ליטר", false);
        var batch = new PriceBatch("import-1", DateTimeOffset.UnixEpoch.AddDays(1), [row], "fingerprint") { KeysShared = true };

        var arrived = serializer.Deserialize<PriceBatch>(serializer.SerializeToArray(batch))!;

        Assert.False(arrived.KeysShared);
        Assert.Equal(batch with { KeysShared = false }, arrived with { Rows = batch.Rows });
        Assert.Equal(batch.Rows, arrived.Rows);
        Assert.NotSame(batch.Rows[0].ProductKey, arrived.Rows[0].ProductKey);
    }
}
