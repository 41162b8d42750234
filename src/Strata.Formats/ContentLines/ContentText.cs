using System.Text;

namespace Strata.Formats.ContentLines;

/// <summary>TEXT values of vCard and iCalendar: backslash escapes and ';'-separated components.</summary>
internal static class ContentText
{
    /// <summary>Resolves <c>\\</c>, <c>\,</c>, <c>\;</c>, <c>\:</c> and <c>\n</c>/<c>\N</c>; any other backslash is kept.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\'))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                text.Append(value[i]);
                continue;
            }

            var next = value[i + 1];
            switch (next)
            {
                case '\\' or ',' or ';' or ':':
                    text.Append(next);
                    i++;
                    break;
                case 'n' or 'N':
                    text.Append('\n');
                    i++;
                    break;
                default:
                    text.Append('\\');
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>Splits a structured value (N, ADR, ORG) at unescaped ';' and unescapes each component.</summary>
    public static IReadOnlyList<string> Components(string value)
    {
        var components = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == ';')
            {
                components.Add(Unescape(value[start..i]));
                start = i + 1;
            }
        }
        components.Add(Unescape(value[start..]));
        return components;
    }
}
