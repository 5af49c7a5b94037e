namespace Gogobe.Contracts.Matching;

/// <summary>
/// The master products of the whole catalogue (one activation, key <see cref="Key"/>): matches new products as imports
/// add them, re-runs the matching of everything an operator did not decide, applies operators' decisions and installs
/// trained models. Activated on demand; holds the catalogue's word index in memory.
/// </summary>
public interface IMasterProductsGrain : IGrainWithStringKey
{
    public const string Key = "catalogue";

    /// <summary>Matches products new to the catalogue; false (nothing done) while a re-run holds the catalogue: ask again later.</summary>
    Task<bool> MatchNew(IReadOnlyList<string> productKeys);

    /// <summary>Starts matching every product no operator decided, from scratch; returns at once (see <see cref="GetStatus"/>).</summary>
    Task<MatchingStatus> Rerun();

    Task<MatchingStatus> GetStatus();

    /// <summary>Keeps the product in its current master for good; null when no product has the key.</summary>
    Task<MasterDecision?> Confirm(string productKey, string? decidedBy);

    /// <summary>Takes the product out of its master to stand alone, for good; null when no product has the key.</summary>
    Task<MasterDecision?> Split(string productKey, string? decidedBy);

    /// <summary>Stores a trained matcher and uses it from now on; the problem when the blob is not one.</summary>
    Task<ModelInstalled> InstallModel(byte[] model, string? description, string? uploadedBy);

    /// <summary>
    /// Forgets every stored matcher and matches by code only from now on (matches already made stay until a re-run or an
    /// operator's decision); the problem while a catalogue run holds the catalogue.
    /// </summary>
    Task<ModelInstalled> WithdrawModel(string? withdrawnBy);
}

/// <summary>
/// What the matcher holds and did: products and offers indexed, the model in use (0: none, codes only), the last or
/// running catalogue run (products matched, how, and how long it took), and how long loading the catalogue took at activation.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MatchingStatus(
    [property: Id(0)] bool Running,
    [property: Id(1)] int Products,
    [property: Id(2)] int Offers,
    [property: Id(3)] long ModelId,
    [property: Id(4)] int Matched,
    [property: Id(5)] int ByCode,
    [property: Id(6)] int Learned,
    [property: Id(7)] int Manual,
    [property: Id(8)] int Alone,
    [property: Id(9)] int Masters,
    [property: Id(10)] double? LastRunMs,
    [property: Id(11)] DateTimeOffset? LastRunAt,
    [property: Id(12)] string? LastError,
    [property: Id(13)] double LoadMs);

/// <summary>An operator's decision as recorded: the product, its master now, and the decision.</summary>
[GenerateSerializer, Immutable]
public sealed record MasterDecision(
    [property: Id(0)] string ProductKey,
    [property: Id(1)] string MasterId,
    [property: Id(2)] string Decision);

/// <summary>The model stored (its id; 0 once withdrawn: codes only), or why it was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelInstalled([property: Id(0)] long? ModelId, [property: Id(1)] string? Problem);
