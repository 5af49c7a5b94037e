namespace Gogobe.Gateway.Queries;

/// <summary>
/// Text as a client may send it: no control characters (NUL included) and no half of a UTF-16 surrogate pair. PostgreSQL
/// stores neither, so such text is refused where it arrives instead of failing deep inside a query.
/// </summary>
public static class TextInput
{
    public static bool IsClean(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
