using System.Buffers;
using System.Text;
using System.Text.Json;
using Strata.Core.Documents;
using Strata.Core.Review;
using Strata.Core.Sources;

namespace Strata.Core.Exports;

/// <summary>
/// A document's blocks as rows, exactly one per block. JSONL is the canonical form
/// <c>{immutable: {source, conversion, block}, user_defined: [{schema_ref, schema_uid, run_id, data, state}, …]}</c>
/// with one entry per block schema run over the document; CSV and Parquet flatten the same into columns, three per
/// run (<c>{ref}__data</c>, <c>{ref}__state</c>, <c>{ref}__schema_uid</c>). <c>data</c> is the confirmed value or null:
/// a staged value is the model's proposal, and never leaves as if a person had confirmed it.
/// </summary>
internal sealed class DocumentTables(Document document, Source? source, DocumentRuns runs)
{
    private static readonly ExportColumn[] Immutable =
    [
        new("document_id", ExportValueKind.Text),
        new("source_id", ExportValueKind.Text),
        new("source_sha256", ExportValueKind.Text),
        new("conv_uid", ExportValueKind.Text),
        new("block_uid", ExportValueKind.Text),
        new("block_index", ExportValueKind.Integer),
        new("block_type", ExportValueKind.Text),
        new("locator", ExportValueKind.Json),
        new("heading_path", ExportValueKind.Json),
        new("content", ExportValueKind.Text),
    ];

    public ExportTable Canonical(string name) => new(name, [new("immutable", ExportValueKind.Json), new("user_defined", ExportValueKind.Json)]);

    public ExportTable Flat(string name) => new(name,
    [
        .. Immutable,
        .. runs.Runs.SelectMany(r => new ExportColumn[]
        {
            new(r.Prefix + "__data", ExportValueKind.Json), new(r.Prefix + "__state", ExportValueKind.Text), new(r.Prefix + "__schema_uid", ExportValueKind.Text),
        }),
    ]);

    /// <param name="values">Per run (in <see cref="DocumentRuns"/> order), the block's value, if it has one.</param>
    public IReadOnlyList<object?> FlatRow(StoredBlock block, IReadOnlyList<BlockValue?> values)
    {
        var row = new List<object?>
        {
            document.Id, document.SourceId, source?.ContentHash, document.ConvUid, block.BlockUid, (long)block.Block.Index, block.Block.Type.Name(),
            BlockJson.WriteLocator(block.Block.Locator), JsonSerializer.Serialize(block.Block.HeadingPath, JsonCells.Options), block.Block.Content,
        };
        for (var i = 0; i < runs.Runs.Count; i++)
        {
            row.Add(ConfirmedData(values[i]));
            row.Add(State(values[i]));
            row.Add(runs.Runs[i].Run.SchemaUid);
        }
        return row;
    }

    public IReadOnlyList<object?> CanonicalRow(StoredBlock block, IReadOnlyList<BlockValue?> values) =>
        [Write(json => WriteImmutable(json, block)), Write(json => WriteUserDefined(json, values))];

    private void WriteImmutable(Utf8JsonWriter json, StoredBlock block)
    {
        json.WriteStartObject();
        json.WriteStartObject("source");
        json.WriteString("source_id", document.SourceId);
        json.WriteString("document_id", document.Id);
        json.WriteString("name", document.Name);
        json.WriteString("media_type", document.MediaType);
        json.WriteString("sha256", source?.ContentHash);
        json.WriteEndObject();
        json.WriteStartObject("conversion");
        json.WriteString("conv_uid", document.ConvUid);
        json.WriteString("converter", document.Converter);
        json.WriteString("converter_version", document.ConverterVersion);
        json.WriteEndObject();
        json.WriteStartObject("block");
        json.WriteString("uid", block.BlockUid);
        json.WriteNumber("index", block.Block.Index);
        json.WriteString("type", block.Block.Type.Name());
        json.WritePropertyName("locator");
        json.WriteRawValue(BlockJson.WriteLocator(block.Block.Locator));
        json.WritePropertyName("heading_path");
        JsonSerializer.Serialize(json, block.Block.HeadingPath, JsonCells.Options);
        json.WriteString("content", block.Block.Content);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteUserDefined(Utf8JsonWriter json, IReadOnlyList<BlockValue?> values)
    {
        json.WriteStartArray();
        for (var i = 0; i < runs.Runs.Count; i++)
        {
            var run = runs.Runs[i].Run;
            json.WriteStartObject();
            json.WriteString("schema_ref", run.SchemaRef);
            json.WriteString("schema_uid", run.SchemaUid);
            json.WriteString("run_id", run.RunId);
            json.WritePropertyName("data");
            if (ConfirmedData(values[i]) is { } data) json.WriteRawValue(data);
            else json.WriteNullValue();
            json.WriteString("state", State(values[i]));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A block a run has no value for yet is pending on it.</summary>
    private static string State(BlockValue? value) => value?.State ?? BlockValueStates.Pending;

    private static string? ConfirmedData(BlockValue? value)
    {
        if (value is not { State: BlockValueStates.Confirmed, ValueJson: { } json })
        {
            return null;
        }
        using var parsed = JsonDocument.Parse(json);
        return JsonCells.Compact(parsed.RootElement);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonCells.Options.Encoder }))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
