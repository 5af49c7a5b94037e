using Gogobe.Matching.Catalogue;
using Microsoft.ML.Data;

namespace Gogobe.Matching.Learning;

/// <summary>One offer's best match as the confidence model sees it; when training, whether that master is the right one.</summary>
public sealed class ConfidenceRow
{
    [VectorType(MatchFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
