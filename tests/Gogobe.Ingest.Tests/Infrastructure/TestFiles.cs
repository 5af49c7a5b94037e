using System.Security.Cryptography;
using System.Text;
using Gogobe.Ingest.Files;

namespace Gogobe.Ingest.Tests.Infrastructure;

/// <summary>Stored-file descriptions with distinct import ids, without touching a disk.</summary>
internal static class TestFiles
{
    public static StoredFile Make(string run, int index)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{run}/{index}")));
        var name = $"PriceFull7290027600007-{index:D3}-202601010000.xml";
        return new StoredFile(id, name, $"{id[..2]}/{id}/{name}", 1000 + index);
    }

    public static List<StoredFile> Many(string run, int count) => Enumerable.Range(0, count).Select(i => Make(run, i)).ToList();
}
