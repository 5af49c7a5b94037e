using System.Text.Json.Serialization;

namespace Gogobe.Contracts.Events;

/// <summary>A store was seen for the first time or its address changed. Subject <c>gogobe.stores.changed</c>.</summary>
public sealed record StoreChanged(string ChainId, string StoreId, string Name, string? Address, string? City, StoreChangeReason Reason)
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    [JsonPropertyOrder(-1)]
    public int Version { get; init; } = CurrentVersion;
}

/// <summary>Why a <see cref="StoreChanged"/> was sent.</summary>
public enum StoreChangeReason
{
    [JsonStringEnumMemberName("new")]
    New,

    [JsonStringEnumMemberName("address")]
    Address,
}
