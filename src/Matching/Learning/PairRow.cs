using Gogobe.Matching.Catalogue;
using Microsoft.ML.Data;

namespace Gogobe.Matching.Learning;

/// <summary>One pair of offers as the model sees it: its features and, when training, whether they are one product.</summary>
public sealed class PairRow
{
    [VectorType(Candidates.FeatureCount)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
