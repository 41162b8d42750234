namespace Strata.Core.Interpretation;

/// <summary>The media types Strata names itself, and detection from file name or leading bytes.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string JsonLines = "application/x-ndjson";
    public const string Csv = "text/csv";
    public const string VCard = "text/vcard";
    public const string Calendar = "text/calendar";
    public const string Markdown = "text/markdown";
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pdf = "application/pdf";
    public const string OctetStream = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = Json,
        [".jsonl"] = JsonLines,
        [".ndjson"] = JsonLines,
        [".csv"] = Csv,
        [".vcf"] = VCard,
        [".vcard"] = VCard,
        [".ics"] = Calendar,
        [".md"] = Markdown,
        [".markdown"] = Markdown,
        [".txt"] = PlainText,
        [".text"] = PlainText,
        [".html"] = Html,
        [".htm"] = Html,
        [".docx"] = Docx,
        [".xlsx"] = Xlsx,
        [".pdf"] = Pdf,
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
    };

    /// <summary>Normalises a given type: lower case, parameters (<c>; charset=…</c>) dropped.</summary>
    public static string Normalize(string mimeType)
    {
        var semicolon = mimeType.IndexOf(';');
        var bare = semicolon >= 0 ? mimeType[..semicolon] : mimeType;
        bare = bare.Trim().ToLowerInvariant();
        return bare switch
        {
            "text/x-vcard" or "text/directory" => VCard,
            "application/jsonl" or "application/jsonlines" or "application/x-jsonlines" => JsonLines,
            "text/x-markdown" => Markdown,
            "application/csv" => Csv,
            _ => bare,
        };
    }

    /// <summary>Detects a type from the file name, else from the first bytes, else octet-stream.</summary>
    public static string Detect(string? fileName, ReadOnlySpan<byte> head)
    {
        if (fileName is not null && ByExtension.TryGetValue(Path.GetExtension(fileName), out var byName))
        {
            return byName;
        }

        var text = SkipBomAndSpace(head);
        if (text.StartsWith("BEGIN:VCARD"u8)) return VCard;
        if (text.StartsWith("BEGIN:VCALENDAR"u8)) return Calendar;
        if (text.StartsWith("%PDF"u8)) return Pdf;
        if (text.StartsWith("PK"u8)) return OctetStream;
        if (text.Length > 0 && (text[0] == (byte)'{' || text[0] == (byte)'[')) return Json;
        if (text.StartsWith("#"u8)) return Markdown;
        return LooksLikeText(head) ? PlainText : OctetStream;
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        var i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return head[i..];
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return false;
        foreach (var b in head)
        {
            if (b == 0) return false;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) return false;
        }
        return true;
    }
}
