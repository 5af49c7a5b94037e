namespace Gogobe.ServiceDefaults.Configuration;

/// <summary>Which Orleans cluster a process belongs to. Section <c>Cluster</c>.</summary>
public sealed class ClusterIdentityOptions
{
    public const string Section = "Cluster";

    /// <summary>Silos and clients with the same cluster id form one cluster (one deployment).</summary>
    public string ClusterId { get; set; } = "gogobe";

    /// <summary>Stable name of the service across deployments.</summary>
    public string ServiceId { get; set; } = "gogobe";
}
