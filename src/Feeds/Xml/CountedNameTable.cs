using System.Xml;

namespace Gogobe.Feeds.Xml;

/// <summary>The framework reader's table of names, failing past <see cref="FeedReaderOptions.MaxNames"/> distinct names.</summary>
internal sealed class CountedNameTable(int maxNames) : NameTable
{
    private int count;

    public override string Add(string key) => Get(key) ?? Added(base.Add(key));

    public override string Add(char[] key, int start, int len) => Get(key, start, len) ?? Added(base.Add(key, start, len));

    private string Added(string name)
    {
        if (++count > maxNames)
        {
            throw FeedLimit.Exceeded("the number of distinct names", nameof(FeedReaderOptions.MaxNames), maxNames, "names",
                $"at the name '{name[..Math.Min(name.Length, 64)]}'");
        }

        return name;
    }
}
