using System.Net.Mail;
using Gogobe.Gateway.Queries;
using Gogobe.Storage.Watches;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gogobe.Gateway.Watches;

/// <summary>Checks a <see cref="WatchRequest"/>; a bad field is a 400 problem that names it and says what is expected.</summary>
public static class WatchInput
{
    public const int MaxChains = 50;
    public const int MaxStores = 200;
    public const int MaxUrlLength = 2000;
    public const int MaxEmailLength = 254;
    public const decimal MaxPrice = 100_000m;

    public static bool TryRead(WatchRequest request, out WatchDefinition? watch, out ProblemHttpResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        watch = null;
        problem = Check(request, out var condition, out var threshold, out var chains, out var stores, out var near);
        if (problem is not null)
        {
            return false;
        }

        watch = new WatchDefinition(
            request.ProductKey!, chains, stores, near?.Latitude, near?.Longitude, near is null ? null : request.RadiusKm, condition, threshold,
            request.WebhookUrl, request.Email?.Trim());
        return true;
    }

    private static ProblemHttpResult? Check(
        WatchRequest r, out WatchCondition condition, out decimal? threshold, out List<string> chains, out List<string> stores, out GeoPoint? near)
    {
        threshold = null;
        chains = [];
        stores = [];
        near = null;
        condition = WatchCondition.Below;
        if (!ProductKeyInput.IsValid(r.ProductKey))
        {
            return QueryInput.Invalid("productKey", ProductKeyInput.Expected);
        }

        if (!Enum.TryParse(r.Condition, ignoreCase: true, out condition) || !Enum.IsDefined(condition) || r.Condition!.Any(char.IsDigit))
        {
            return QueryInput.Invalid("condition", "condition is 'below' (with price), 'drop' (with percent) or 'promotion'.");
        }

        if (ThresholdProblem(r, condition, out threshold) is { } thresholdProblem)
        {
            return thresholdProblem;
        }

        if (r.Chains is { } chainList && (chainList.Count > MaxChains || chainList.Any(c => !StoreIdInput.IsValidChain(c))))
        {
            return QueryInput.Invalid("chains", $"chains lists at most {MaxChains} chain numbers (digits), e.g. [\"7290027600007\"].");
        }

        chains = r.Chains?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (r.Stores is { } storeList)
        {
            stores = storeList.Select(Store).Distinct(StringComparer.Ordinal).ToList()!;
            if (storeList.Count > MaxStores || stores.Contains(null!))
            {
                return QueryInput.Invalid("stores", $"stores lists at most {MaxStores} stores as 'chainId:storeId', e.g. [\"7290027600007:1\"].");
            }
        }

        if (!QueryInput.TryNear(r.Near, out near, out var nearProblem))
        {
            return nearProblem;
        }

        if ((near is null) != (r.RadiusKm is null) || r.RadiusKm is <= 0 or > QueryInput.MaxRadiusKm || (r.RadiusKm is { } km && !double.IsFinite(km)))
        {
            return QueryInput.Invalid("radiusKm", $"A place is near=lat,lon with radiusKm, more than 0 and at most {QueryInput.MaxRadiusKm}; give both or neither.");
        }

        return DeliveryProblem(r);
    }

    private static ProblemHttpResult? ThresholdProblem(WatchRequest r, WatchCondition condition, out decimal? threshold)
    {
        threshold = condition switch { WatchCondition.Below => r.Price, WatchCondition.Drop => r.Percent, _ => null };
        return condition switch
        {
            WatchCondition.Below when r.Price is not (> 0 and <= MaxPrice) || r.Percent is not null =>
                QueryInput.Invalid("price", $"A 'below' watch needs price, in shekels, more than 0 and at most {MaxPrice:0}, and no percent."),
            WatchCondition.Drop when r.Percent is not (> 0 and < 100) || r.Price is not null =>
                QueryInput.Invalid("percent", "A 'drop' watch needs percent, more than 0 and less than 100, and no price."),
            WatchCondition.Promotion when r.Price is not null || r.Percent is not null =>
                QueryInput.Invalid("condition", "A 'promotion' watch takes neither price nor percent."),
            _ => null,
        };
    }

    private static ProblemHttpResult? DeliveryProblem(WatchRequest r)
    {
        if (r.WebhookUrl is null && r.Email is null)
        {
            return QueryInput.Invalid("webhookUrl", "Say where to deliver: webhookUrl, email, or both.");
        }

        if (r.WebhookUrl is { } url && (url.Length > MaxUrlLength || !TextInput.IsClean(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0))
        {
            return QueryInput.Invalid("webhookUrl", $"webhookUrl is an absolute http or https URL of at most {MaxUrlLength} characters, without user name or password.");
        }

        if (r.Email is { } email && (email.Length > MaxEmailLength || !TextInput.IsClean(email)
            || !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim() || address.DisplayName.Length > 0))
        {
            return QueryInput.Invalid("email", "email is one address, e.g. dana@example.com.");
        }

        return null;
    }

    /// <summary><c>chainId:storeId</c> with the store id as the feeds normalise it; null when it is not one.</summary>
    private static string? Store(string? text)
    {
        var parts = text?.Split(':') ?? [];
        return parts.Length == 2 && StoreIdInput.IsValidChain(parts[0]) && StoreIdInput.Normalise(parts[1]) is { Length: <= 20 } store
               && TextInput.IsClean(store) && !store.Any(char.IsWhiteSpace)
            ? $"{parts[0]}:{store}"
            : null;
    }
}
