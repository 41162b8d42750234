using Strata.Core.Errors;

namespace Strata.Formats.ContentLines;

/// <summary>
/// One unfolded vCard/iCalendar content line, <c>[group.]NAME[;PARAM=value...]:value</c> (RFC 6350 §3.3,
/// RFC 5545 §3.1). The name is upper-cased; the value is raw (still escaped).
/// </summary>
internal sealed record ContentLine(string Name, IReadOnlyDictionary<string, string> Parameters, string Value, int LineNumber)
{
    public static ContentLine Parse(string text, int lineNumber)
    {
        var position = 0;
        while (position < text.Length && text[position] is not (';' or ':'))
        {
            position++;
        }

        var name = text[..position].Trim();
        // A group prefix ("item1.EMAIL") only ties properties together for display; the name is what counts.
        name = name[(name.LastIndexOf('.') + 1)..].ToUpperInvariant();
        if (name.Length == 0 || position == text.Length)
        {
            throw NotAContentLine(text, lineNumber);
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (text[position] == ';')
        {
            position = ReadParameter(text, position + 1, parameters, lineNumber);
        }
        return new ContentLine(name, parameters, text[(position + 1)..], lineNumber);
    }

    public bool Is(string name, string value) =>
        Name == name && string.Equals(Value.Trim(), value, StringComparison.OrdinalIgnoreCase);

    /// <returns>The position of the ';' or ':' that ends the parameter.</returns>
    private static int ReadParameter(string text, int position, Dictionary<string, string> parameters, int lineNumber)
    {
        var nameStart = position;
        while (position < text.Length && text[position] is not ('=' or ';' or ':'))
        {
            position++;
        }
        var name = text[nameStart..position];
        var value = string.Empty;
        if (position < text.Length && text[position] == '=')
        {
            position++;
            var valueStart = position;
            var quoted = false;
            // Quoted parameter values may contain ':' and ';' (e.g. CN="Doe; Jane").
            while (position < text.Length && (quoted || text[position] is not (';' or ':')))
            {
                if (text[position] == '"')
                {
                    quoted = !quoted;
                }
                position++;
            }
            value = text[valueStart..position].Replace("\"", string.Empty);
        }

        if (position == text.Length)
        {
            throw NotAContentLine(text, lineNumber);
        }
        parameters.TryAdd(name, value);
        return position;
    }

    private static StrataException NotAContentLine(string text, int lineNumber)
    {
        var preview = text.Length > 60 ? text[..60] + "…" : text;
        return StrataException.Malformed($"Line {lineNumber} is not a 'NAME:value' property line: \"{preview}\".");
    }
}
