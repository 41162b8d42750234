using System.Globalization;
using System.Text;

namespace Strata.Cli.Output;

/// <summary>
/// Makes stored text safe to print to a terminal: control characters (ESC, OSC, BEL, other C0 and C1) and bidi
/// controls (U+202E...) are shown as visible escapes such as <c>\x1b</c> or <c>\u202e</c>, so a stored value cannot
/// move the cursor, retitle the window or reorder what is shown. Only human output: JSON stays exact.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text, bool keepNewLines = false)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (Unsafe(c) && !(keepNewLines && c == '\n'))
            {
                clean = false;
                break;
            }
        }
        if (clean) return text;
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!Unsafe(c) || (keepNewLines && c == '\n')) safe.Append(c);
            else if (c <= '\u00FF') safe.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return safe.ToString();
    }

    private static bool Unsafe(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' || IsBidiControl(c);

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
