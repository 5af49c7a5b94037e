using Gogobe.Grains.Tests.Cluster;
using Gogobe.Silo.Streams;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>The grains' services as in <see cref="GrainSiloConfigurator"/>, plus the change streams as the silo host registers them.</summary>
public sealed class StreamSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        new GrainSiloConfigurator().Configure(siloBuilder);
        siloBuilder.AddChangeStreams();
    }
}
