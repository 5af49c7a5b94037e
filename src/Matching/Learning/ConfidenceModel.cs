using Microsoft.ML.Trainers.FastTree;

namespace Gogobe.Matching.Learning;

/// <summary>
/// How sure a match is: the probability that an offer's best master product (<see cref="Catalogue.MatchFeatures"/>) is
/// the right one, learned on offers whose barcode is known, including offers no other chain sells (their best master is
/// always wrong). FastTree, 200 trees of 16 leaves, one thread, calibrated.
/// </summary>
public sealed class ConfidenceModel
{
    private readonly BoostedTrees<ConfidenceRow> trees;

    private ConfidenceModel(BoostedTrees<ConfidenceRow> trees) => this.trees = trees;

    public static ConfidenceModel Train(IEnumerable<ConfidenceRow> rows, int seed = 17) => new(BoostedTrees<ConfidenceRow>.Train(
        rows,
        new FastTreeBinaryTrainer.Options { NumberOfLeaves = 16, NumberOfTrees = 200, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1 },
        seed,
        Row));

    public static ConfidenceModel Load(Stream stream) => new(BoostedTrees<ConfidenceRow>.Load(stream, Row));

    public void Save(Stream stream) => trees.Save(stream);

    /// <summary>The probability that the best master is the right one.</summary>
    public float Score(float[] features) => trees.Score(features);

    /// <summary>Scores many matches at once, in order.</summary>
    public float[] ScoreMany(IReadOnlyList<float[]> features) => trees.ScoreMany(features);

    private static ConfidenceRow Row(float[] features) => new() { Features = features };
}
