using Microsoft.ML.Trainers.FastTree;

namespace Gogobe.Matching.Learning;

/// <summary>
/// Gradient-boosted trees (ML.NET FastTree, 100 trees of 16 leaves, one thread) over the features of a pair of offers
/// (<see cref="Catalogue.Candidates.FeatureCount"/>), calibrated to a probability. Small: it trains in seconds on
/// tens of thousands of pairs and scores a pair in microseconds.
/// </summary>
public sealed class MatchModel
{
    private readonly BoostedTrees<PairRow> trees;

    private MatchModel(BoostedTrees<PairRow> trees) => this.trees = trees;

    public static MatchModel Train(IEnumerable<PairRow> rows, int seed = 17) => new(BoostedTrees<PairRow>.Train(
        rows,
        new FastTreeBinaryTrainer.Options { NumberOfLeaves = 16, NumberOfTrees = 100, MinimumExampleCountPerLeaf = 10, LearningRate = 0.2 },
        seed,
        Row));

    public static MatchModel Load(Stream stream) => new(BoostedTrees<PairRow>.Load(stream, Row));

    public void Save(Stream stream) => trees.Save(stream);

    /// <summary>The probability that the pair is one product.</summary>
    public float Score(float[] features) => trees.Score(features);

    /// <summary>Scores many pairs at once (faster than one by one), in order.</summary>
    public float[] ScoreMany(IReadOnlyList<float[]> features) => trees.ScoreMany(features);

    private static PairRow Row(float[] features) => new() { Features = features };
}
