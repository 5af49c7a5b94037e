namespace Gogobe.Feeds.Xml;

// Namespace prefixes: declared by xmlns:p attributes for their element's scope, checked where used.
internal sealed partial class Utf8FeedXml
{
    /// <summary>
    /// Declares the element's <c>xmlns:p</c> prefixes for its scope and checks that every prefix it and its attributes use
    /// is declared (<c>xml</c> and <c>xmlns</c> need no declaration).
    /// </summary>
    private void CheckNamespaces(Atom atom, int level, int at)
    {
        foreach (var (name, value) in attributes)
        {
            if (!name.WellFormed)
            {
                throw Error(at, $"The name '{name.Qualified}' is not a valid qualified name.");
            }

            if (name.Prefix == "xmlns")
            {
                if (value.Length == 0)
                {
                    throw Error(at, $"The prefix '{name.Local}' cannot be declared with an empty namespace.");
                }

                prefixes.Add((name.Local, level));
            }
        }

        if (!atom.WellFormed)
        {
            throw Error(at, $"The name '{atom.Qualified}' is not a valid qualified name.");
        }

        CheckDeclared(atom, at);
        foreach (var (name, _) in attributes)
        {
            if (name.Prefix is not ("xmlns" or "xml"))
            {
                CheckDeclared(name, at);
            }
        }
    }

    private void CheckDeclared(Atom name, int at)
    {
        if (name.Prefix is null or "xml")
        {
            return;
        }

        foreach (var (prefix, _) in prefixes)
        {
            if (prefix == name.Prefix)
            {
                return;
            }
        }

        throw Error(at, $"'{name.Prefix}' is an undeclared prefix.");
    }

    private void EndPrefixScope(int level)
    {
        while (prefixes.Count > 0 && prefixes[^1].Depth >= level)
        {
            prefixes.RemoveAt(prefixes.Count - 1);
        }
    }
}
