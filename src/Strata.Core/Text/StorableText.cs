using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Core.Text;

/// <summary>
/// Text Strata can keep exactly on every backend: valid Unicode (no lone surrogate, no byte that is not UTF-8) and
/// no NUL. PostgreSQL cannot store U+0000 in text or jsonb while SQLite can, so NUL is refused everywhere: both
/// backends answer alike. Other characters, noncharacters such as U+FFFE included, are kept as given.
/// </summary>
public static class StorableText
{
    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return NulProblem(i);
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            return $"holds a lone surrogate (\\u{(int)c:x4}) at character {i + 1}, which is not Unicode text";
        }
        return null;
    }

    /// <summary>The first string (property name or value) in <paramref name="value"/> that cannot be stored, with its
    /// path below <paramref name="path"/> (<c>body</c>, <c>address.city</c>, <c>tags[2]</c>), or null.</summary>
    public static TextProblem? Find(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Decode(value, out var text) is { } undecodable
                    ? new TextProblem(path, undecodable)
                    : Problem(text!) is { } problem ? new TextProblem(path, problem) : null;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return new TextProblem(path, "has a property name " + NotUnicode);
                    }
                    var child = path.Length == 0 ? Printable(name) : $"{path}.{Printable(name)}";
                    if (Problem(name) is { } nameProblem) return new TextProblem(child, "(a property name) " + nameProblem);
                    if (Find(property.Value, child) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Find(item, $"{path}[{index++}]") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>A string argument's value, refused with VALIDATION_FAILED when it cannot be stored.</summary>
    public static string RequireString(JsonElement value, string name)
    {
        if (Decode(value, out var text) is { } undecodable) throw StrataException.Validation($"'{name}' {undecodable}.");
        Require(text!, name);
        return text!;
    }

    /// <summary>Refuses <paramref name="text"/> with VALIDATION_FAILED naming <paramref name="name"/> when it cannot be stored.</summary>
    public static void Require(string text, string name)
    {
        if (Problem(text) is { } problem) throw StrataException.Validation($"'{name}' {problem}.");
    }

    private const string NotUnicode = "that is not valid Unicode (a lone surrogate such as \\ud800, or bytes that are not UTF-8)";

    private static string NulProblem(int index) =>
        $"holds a NUL character (U+0000) at character {index + 1}, which cannot be stored";

    private static string? Decode(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate or raw bytes that are not UTF-8.
            text = null;
            return "is text " + NotUnicode;
        }
    }

    // A path names the place for a person: a NUL in a property name is shown escaped.
    private static string Printable(string name) => name.Replace("\0", "\\u0000", StringComparison.Ordinal);
}

/// <param name="Path">Where the text is, e.g. <c>body</c> or <c>address.city</c>.</param>
/// <param name="Reason">What is wrong with it, to follow the path in a sentence.</param>
public sealed record TextProblem(string Path, string Reason)
{
    public override string ToString() => $"{Path} {Reason}";
}
