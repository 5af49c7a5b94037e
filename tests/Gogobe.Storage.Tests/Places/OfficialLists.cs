using Gogobe.Places;

namespace Gogobe.Storage.Tests.Places;

/// <summary>The official localities and streets lists in <c>shared/geo</c> beside the repository, read once.</summary>
internal static class OfficialLists
{
    private static readonly Lazy<GeoLists> Lists = new(() =>
    {
        var folder = GeoLists.DefaultFolder() ?? throw new DirectoryNotFoundException("The official lists are expected in ../shared/geo beside the repository.");
        return GeoLists.Load(Path.Combine(folder, GeoLists.LocalitiesFileName), Path.Combine(folder, GeoLists.StreetsFileName));
    });

    public static GeoLists Get => Lists.Value;
}
