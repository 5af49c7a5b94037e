namespace Gogobe.Gateway.Tests.Infrastructure;

/// <summary>The endpoint tests share one loaded cluster.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayCluster>
{
    public const string Name = "gateway";
}
