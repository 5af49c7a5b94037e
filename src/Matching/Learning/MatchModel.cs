using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Gogobe.Matching.Learning;

/// <summary>
/// Gradient-boosted trees (ML.NET FastTree, 100 trees of 16 leaves, one thread) over <see cref="Catalogue.PairFeatures"/>,
/// calibrated to a probability. Small: it trains in seconds on tens of thousands of pairs and scores a pair in microseconds.
/// </summary>
public sealed class MatchModel
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly DataViewSchema schema;
    private readonly PredictionEngine<PairRow, PairScore> single;
    private readonly Lock singleLock = new();

    private MatchModel(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        this.ml = ml;
        this.model = model;
        this.schema = schema;
        single = ml.Model.CreatePredictionEngine<PairRow, PairScore>(model, schema);
    }

    public static MatchModel Train(IEnumerable<PairRow> rows, int seed = 17)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfLeaves = 16,
            NumberOfTrees = 100,
            MinimumExampleCountPerLeaf = 10,
            LearningRate = 0.2,
            NumberOfThreads = 1,
        });
        return new MatchModel(ml, trainer.Fit(data), data.Schema);
    }

    public static MatchModel Load(Stream stream)
    {
        var ml = new MLContext(17);
        var model = ml.Model.Load(stream, out var schema);
        return new MatchModel(ml, model, schema);
    }

    public void Save(Stream stream) => ml.Model.Save(model, schema, stream);

    /// <summary>The probability that the pair is one product.</summary>
    public float Score(float[] features)
    {
        lock (singleLock)
        {
            return single.Predict(new PairRow { Features = features }).Probability;
        }
    }

    /// <summary>Scores many pairs at once (faster than one by one), in order.</summary>
    public float[] ScoreMany(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(features.Select(f => new PairRow { Features = f })));
        return scored.GetColumn<float>("Probability").ToArray();
    }
}
