using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Gogobe.Matching.Learning;

/// <summary>A calibrated FastTree binary classifier over one vector of features (<typeparamref name="TRow"/>), one thread.</summary>
internal sealed class BoostedTrees<TRow>
    where TRow : class, new()
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly DataViewSchema schema;
    private readonly Func<float[], TRow> row;
    private readonly PredictionEngine<TRow, PairScore> single;
    private readonly Lock singleLock = new();

    private BoostedTrees(MLContext ml, ITransformer model, DataViewSchema schema, Func<float[], TRow> row)
    {
        this.ml = ml;
        this.model = model;
        this.schema = schema;
        this.row = row;
        single = ml.Model.CreatePredictionEngine<TRow, PairScore>(model, schema);
    }

    public static BoostedTrees<TRow> Train(IEnumerable<TRow> rows, FastTreeBinaryTrainer.Options options, int seed, Func<float[], TRow> row)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        options.NumberOfThreads = 1;
        return new BoostedTrees<TRow>(ml, ml.BinaryClassification.Trainers.FastTree(options).Fit(data), data.Schema, row);
    }

    public static BoostedTrees<TRow> Load(Stream stream, Func<float[], TRow> row)
    {
        var ml = new MLContext(17);
        var model = ml.Model.Load(stream, out var schema);
        return new BoostedTrees<TRow>(ml, model, schema, row);
    }

    public void Save(Stream stream) => ml.Model.Save(model, schema, stream);

    public float Score(float[] features)
    {
        lock (singleLock)
        {
            return single.Predict(row(features)).Probability;
        }
    }

    public float[] ScoreMany(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(features.Select(row)));
        return scored.GetColumn<float>("Probability").ToArray();
    }
}
