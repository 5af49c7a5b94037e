using System.Text.Json.Serialization;
using Gogobe.Contracts.Events;

namespace Gogobe.Ingest.Messages;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FileUploaded))]
[JsonSerializable(typeof(PricesChanged))]
[JsonSerializable(typeof(PromotionsChanged))]
[JsonSerializable(typeof(StoreChanged))]
[JsonSerializable(typeof(Gogobe.Contracts.Matching.MatchingRequested))]
internal sealed partial class IngestJsonContext : JsonSerializerContext;
