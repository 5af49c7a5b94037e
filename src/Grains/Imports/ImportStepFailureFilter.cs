using Gogobe.Contracts.Imports;
using Gogobe.Grains.Prices;
using Gogobe.Grains.Promotions;
using Gogobe.Grains.Stores;
using Microsoft.Extensions.Logging;

namespace Gogobe.Grains.Imports;

/// <summary>
/// Calls into the grains an import feeds (price lists, promotions, stores) fail with an <see cref="ImportStepException"/>
/// carrying the cause's type, message and whether it is permanent, whatever threw: the importing grain, often on another
/// silo, records the real cause. The full exception is logged here, where it happened.
/// </summary>
public sealed partial class ImportStepFailureFilter(ILogger<ImportStepFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (context.Grain is PriceListGrain or PromotionsGrain or StoreGrain
            && ex is not (ImportStepException or OperationCanceledException or OrleansException))
        {
            var failure = ImportFailure.Of(ex);
            LogStepFailed(ex, context.Grain.GetType().Name, context.MethodName, failure.Reason);
            throw new ImportStepException(ex.GetType().FullName ?? ex.GetType().Name, failure.Reason, failure.Permanent);
        }
    }

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "{Grain}.{Method} failed for an import: {Reason}")]
    private partial void LogStepFailed(Exception exception, string grain, string method, string reason);
}
