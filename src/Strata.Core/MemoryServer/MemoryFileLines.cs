using System.Text;
using System.Text.Json;

namespace Strata.Core.MemoryServer;

/// <summary>One line of the reference's memory file read: an entity, a relation, or why the line was refused.</summary>
public sealed record MemoryFileLine(long Number, MemoryEntity? Entity, MemoryRelation? Relation, string? Problem);

/// <summary>
/// The reference memory server's file (<c>memory.jsonl</c>; older installs' <c>memory.json</c> holds the same lines): one
/// <c>{"type":"entity","name","entityType","observations":[…]}</c> or <c>{"type":"relation","from","to","relationType"}</c>
/// per line. Read a line at a time, never more than <see cref="MaxLineCharacters"/> of one line held, so memory does not
/// grow with the file; blank lines are skipped, as the reference skips them.
/// </summary>
public static class MemoryFileLines
{
    public const int MaxLineCharacters = 1 << 20;

    public static async IAsyncEnumerable<MemoryFileLine> ReadAsync(Stream content,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var line = new StringBuilder();
        var buffer = new char[8192];
        long number = 1;
        var tooLong = false;
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n') continue;
                if (!tooLong) Append(line, buffer, start, i - start, ref tooLong);
                if (Parse(number, line, tooLong) is { } parsed) yield return parsed;
                line.Clear();
                tooLong = false;
                number++;
                start = i + 1;
            }
            if (!tooLong) Append(line, buffer, start, read - start, ref tooLong);
        }
        if (Parse(number, line, tooLong) is { } last) yield return last;
    }

    private static void Append(StringBuilder line, char[] buffer, int start, int count, ref bool tooLong)
    {
        if (line.Length + count > MaxLineCharacters)
        {
            tooLong = true; // the rest of the line is skipped, not held
            line.Clear();
            return;
        }
        line.Append(buffer, start, count);
    }

    private static MemoryFileLine? Parse(long number, StringBuilder text, bool tooLong)
    {
        if (tooLong)
        {
            return Refused(number, $"the line is longer than {MaxLineCharacters:N0} characters, the limit per line");
        }
        var line = text.ToString().Trim();
        if (line.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var item = document.RootElement;
            if (item.ValueKind != JsonValueKind.Object) return Refused(number, "the line is not a JSON object");
            return Text(item, "type") switch
            {
                "entity" when Text(item, "name") is { } name && Text(item, "entityType") is { } type && Strings(item, "observations") is { } observations =>
                    new MemoryFileLine(number, new MemoryEntity(name, type, observations), null, null),
                "entity" => Refused(number, "an entity needs name and entityType (strings) and observations (an array of strings)"),
                "relation" when Text(item, "from") is { } from && Text(item, "to") is { } to && Text(item, "relationType") is { } relationType =>
                    new MemoryFileLine(number, null, new MemoryRelation(from, to, relationType), null),
                "relation" => Refused(number, "a relation needs from, to and relationType (strings)"),
                _ => Refused(number, "type must be \"entity\" or \"relation\""),
            };
        }
        catch (JsonException failure)
        {
            return Refused(number, $"not JSON ({failure.Message.Split(" Path:")[0]})");
        }
    }

    private static MemoryFileLine Refused(long number, string problem) => new(number, null, null, problem);

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Strings(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(e => e.GetString()!).ToList()
            : null;

    /// <summary>Writes lines in the reference's own format, one JSON object per line, as they come (entities first, then
    /// relations, is the caller's order): nothing is held past the line being written.</summary>
    public sealed class Writer(Stream output) : IAsyncDisposable
    {
        private static readonly byte[] Newline = "\n"u8.ToArray();

        private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        public async Task EntityAsync(MemoryEntity entity, CancellationToken cancellationToken)
        {
            _writer.WriteStartObject();
            _writer.WriteString("type", "entity");
            _writer.WriteString("name", entity.Name);
            _writer.WriteString("entityType", entity.EntityType);
            _writer.WriteStartArray("observations");
            foreach (var observation in entity.Observations) _writer.WriteStringValue(observation);
            _writer.WriteEndArray();
            _writer.WriteEndObject();
            await EndLineAsync(cancellationToken);
        }

        public async Task RelationAsync(MemoryRelation relation, CancellationToken cancellationToken)
        {
            _writer.WriteStartObject();
            _writer.WriteString("type", "relation");
            _writer.WriteString("from", relation.From);
            _writer.WriteString("to", relation.To);
            _writer.WriteString("relationType", relation.RelationType);
            _writer.WriteEndObject();
            await EndLineAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => _writer.DisposeAsync();

        private async Task EndLineAsync(CancellationToken cancellationToken)
        {
            await _writer.FlushAsync(cancellationToken);
            await output.WriteAsync(Newline, cancellationToken);
            _writer.Reset();
        }
    }
}
