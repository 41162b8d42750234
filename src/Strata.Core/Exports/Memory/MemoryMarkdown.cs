using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Strata.Core.Exports.Memory;

/// <summary>
/// The memory as Markdown for people: a section per type, a heading per entity, a line per value and per relation,
/// each ending with where it came from (the source's file name, the observation's id and when it was observed).
/// Stored text is escaped so that a value can never open a heading, a link, a list or HTML of its own: every line
/// break becomes a space and Markdown's punctuation is backslash-escaped.
/// </summary>
internal sealed class MemoryMarkdown(Stream output) : IMemoryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer = new(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };

    public async Task BeginAsync(MemoryExportHeader header)
    {
        await _writer.WriteLineAsync("# Memory");
        await _writer.WriteLineAsync();
        var filters = new List<string> { "types: " + (header.EntityType is null ? "all" : Escape(header.EntityType)) };
        if (header.Since is { } since) filters.Add("updated since " + Time(since));
        if (header.Until is { } until) filters.Add("updated before " + Time(until));
        await _writer.WriteLineAsync($"Exported {Time(header.ExportedAt)} · {string.Join(" · ", filters)}. Each value names the source it came from.");
        await _writer.FlushAsync();
    }

    public async Task TypeAsync(string entityType)
    {
        await _writer.WriteLineAsync();
        await _writer.WriteLineAsync("## " + Escape(entityType));
    }

    public async Task EntryAsync(MemoryEntry entry)
    {
        await _writer.WriteLineAsync();
        await _writer.WriteLineAsync("### " + Escape(entry.Name));
        await _writer.WriteLineAsync();
        await _writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"`{entry.EntityId}` · updated {Time(entry.UpdatedAt)} · {entry.ObservationCount} observation{(entry.ObservationCount == 1 ? "" : "s")}"));
        await _writer.WriteLineAsync();
        foreach (var value in entry.Values)
        {
            await _writer.WriteLineAsync($"- **{Escape(value.Field)}**: {Escape(Text(value.Value))} — {Cite(value.Cited)}");
        }
        foreach (var relation in entry.Relations)
        {
            var validity = relation.ValidFrom is null && relation.ValidTo is null ? ""
                : $" (valid {(relation.ValidFrom is { } from ? "from " + Time(from) : "")}{(relation.ValidFrom is not null && relation.ValidTo is not null ? " " : "")}{(relation.ValidTo is { } to ? "until " + Time(to) : "")})";
            await _writer.WriteLineAsync($"- *{Escape(relation.RelationType)}* → {Escape(relation.ToName)} (`{relation.ToEntityId}`){validity} — {Cite(relation.Cited)}");
        }
        await _writer.FlushAsync();
    }

    public async Task EndAsync(long entries)
    {
        if (entries == 0)
        {
            await _writer.WriteLineAsync();
            await _writer.WriteLineAsync("Nothing matches.");
        }
        await _writer.FlushAsync();
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static string Cite(MemoryCitation? cited) => cited is null
        ? "source: unknown (the observation is gone)"
        : $"source: {(cited.SourceName is { } name ? Escape(name) : Kind(cited.Kind))}{(cited.SourceId is { } id ? $" (`{id}`)" : "")}, observation `{cited.ObservationId}`, observed {Time(cited.ObservedAt)}";

    private static string Kind(string kind) => kind switch
    {
        Observations.ObservationKinds.Correction => "a correction",
        Observations.ObservationKinds.Structured => "a structured write",
        _ => Escape(kind),
    };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : JsonCells.Compact(value);

    /// <summary>Inline text that stays inline and literal: line breaks become spaces, and the punctuation Markdown reads
    /// inline (emphasis, code, links, HTML, tables, a heading's closing hashes) is escaped. A value never starts a line
    /// (a field name or a heading mark comes first), so the marks that only count there (<c>-</c>, <c>1.</c>) stay.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\u2028' or '\u2029' or '\u0085')
            {
                escaped.Append(' ');
            }
            else if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '&')
            {
                escaped.Append('\\').Append(c);
            }
            else if (char.IsControl(c))
            {
                escaped.Append(' ');
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }
}
