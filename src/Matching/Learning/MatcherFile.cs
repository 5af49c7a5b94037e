using System.Text;

namespace Gogobe.Matching.Learning;

/// <summary>
/// A trained matcher as one blob (what <c>match_models</c> stores and <c>PUT /api/matching/model</c> takes): the marker
/// <c>GOGOBE-MATCHER/1</c>, then the pair model and the confidence model, each as its length (Int32, little endian) and
/// the ML.NET model zip.
/// </summary>
public static class MatcherFile
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("GOGOBE-MATCHER/1");

    public static byte[] Write(MatchModel pairs, ConfidenceModel confidence)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(confidence);
        using var output = new MemoryStream();
        output.Write(Marker);
        using var writer = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true);
        WritePart(writer, pairs.Save);
        WritePart(writer, confidence.Save);
        writer.Flush();
        return output.ToArray();
    }

    /// <summary>Reads a blob; <paramref name="problem"/> says why it is not a matcher.</summary>
    public static bool TryRead(byte[] blob, out MatchModel? pairs, out ConfidenceModel? confidence, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(blob);
        pairs = null;
        confidence = null;
        if (blob.Length < Marker.Length || !blob.AsSpan(0, Marker.Length).SequenceEqual(Marker))
        {
            problem = "not a matcher file: it does not start with GOGOBE-MATCHER/1 (write one with 'gogobe matching train')";
            return false;
        }

        try
        {
            using var input = new MemoryStream(blob, Marker.Length, blob.Length - Marker.Length, writable: false);
            using var reader = new BinaryReader(input);
            using (var part = ReadPart(reader))
            {
                pairs = MatchModel.Load(part);
            }

            using (var part = ReadPart(reader))
            {
                confidence = ConfidenceModel.Load(part);
            }

            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or InvalidOperationException or FormatException or ArgumentException or IOException)
        {
            pairs = null;
            problem = $"the matcher file is damaged: {ex.Message}";
            return false;
        }
    }

    private static void WritePart(BinaryWriter writer, Action<Stream> save)
    {
        using var part = new MemoryStream();
        save(part);
        writer.Write((int)part.Length);
        writer.Write(part.GetBuffer(), 0, (int)part.Length);
    }

    private static MemoryStream ReadPart(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length <= 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"a model part of {length} bytes does not fit in the file");
        }

        return new MemoryStream(reader.ReadBytes(length), writable: false);
    }
}
