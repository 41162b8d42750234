namespace Strata.Formats.Notes;

/// <summary>Where a note's title can come from when the text does not declare one, and how long it may be.</summary>
internal static class NoteTitle
{
    public const int MaxLength = 200;

    public static string? FirstNonEmptyLine(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty)
            {
                return trimmed.ToString();
            }
        }
        return null;
    }

    public static string? FromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }
        var name = Path.GetFileNameWithoutExtension(fileName).Trim();
        return name.Length > 0 ? name : null;
    }

    public static string Limit(string title)
    {
        if (title.Length <= MaxLength)
        {
            return title;
        }
        // Never end on half of a surrogate pair: the cut would leave invalid text.
        var length = char.IsHighSurrogate(title[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return title[..length].TrimEnd();
    }
}
