namespace Strata.Llm.Parsing;

/// <summary>Finds balanced top-level <c>{…}</c> spans in prose in one pass, aware of JSON strings so a brace
/// inside a value does not count. Returns every span so the caller can refuse an ambiguous answer.</summary>
internal static class EmbeddedObject
{
    public static IReadOnlyList<string> Find(string text)
    {
        var found = new List<string>();
        var depth = 0;
        var start = -1;
        var inString = false;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"' when depth > 0:
                    inString = true;
                    break;
                case '{':
                    if (depth++ == 0) start = i;
                    break;
                case '}' when depth > 0:
                    if (--depth == 0) found.Add(text[start..(i + 1)]);
                    break;
            }
        }
        return found;
    }
}
