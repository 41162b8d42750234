using System.Text.Json;

namespace Strata.Core.Exports.Memory;

/// <summary>
/// The memory as one JSON document, written as it is read: <c>{"exported_at", "filters", "entities": [...], "count"}</c>,
/// each entity <c>{"entity_id", "entity_type", "name", "updated_at", "observation_count", "values": [{"field", "value",
/// "source"}], "relations": [{"relation_type", "to_entity_id", "to_name", "properties", "valid_from", "valid_to", "source"}]}</c>,
/// every <c>source</c> <c>{"observation_id", "kind", "source_id", "source_name", "run_id", "observed_at"}</c>.
/// </summary>
internal sealed class MemoryJson(Stream output) : IMemoryWriter
{
    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { Encoder = JsonCells.Options.Encoder });

    public Task BeginAsync(MemoryExportHeader header)
    {
        _writer.WriteStartObject();
        _writer.WriteString("exported_at", header.ExportedAt.ToUniversalTime());
        _writer.WriteStartObject("filters");
        _writer.WriteString("entity_type", header.EntityType);
        Time("since", header.Since);
        Time("until", header.Until);
        _writer.WriteEndObject();
        _writer.WriteStartArray("entities");
        return _writer.FlushAsync();
    }

    public Task TypeAsync(string entityType) => Task.CompletedTask;

    public Task EntryAsync(MemoryEntry entry)
    {
        _writer.WriteStartObject();
        _writer.WriteString("entity_id", entry.EntityId);
        _writer.WriteString("entity_type", entry.EntityType);
        _writer.WriteString("name", entry.Name);
        _writer.WriteString("updated_at", entry.UpdatedAt.ToUniversalTime());
        _writer.WriteNumber("observation_count", entry.ObservationCount);
        _writer.WriteStartArray("values");
        foreach (var value in entry.Values)
        {
            _writer.WriteStartObject();
            _writer.WriteString("field", value.Field);
            _writer.WritePropertyName("value");
            value.Value.WriteTo(_writer);
            Cite(value.Cited);
            _writer.WriteEndObject();
        }
        _writer.WriteEndArray();
        _writer.WriteStartArray("relations");
        foreach (var relation in entry.Relations)
        {
            _writer.WriteStartObject();
            _writer.WriteString("relation_type", relation.RelationType);
            _writer.WriteString("to_entity_id", relation.ToEntityId);
            _writer.WriteString("to_name", relation.ToName);
            _writer.WritePropertyName("properties");
            using (var properties = JsonDocument.Parse(relation.PropertiesJson))
            {
                properties.RootElement.WriteTo(_writer);
            }
            Time("valid_from", relation.ValidFrom);
            Time("valid_to", relation.ValidTo);
            Cite(relation.Cited);
            _writer.WriteEndObject();
        }
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        return _writer.FlushAsync();
    }

    public Task EndAsync(long entries)
    {
        _writer.WriteEndArray();
        _writer.WriteNumber("count", entries);
        _writer.WriteEndObject();
        return _writer.FlushAsync();
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private void Cite(MemoryCitation? cited)
    {
        if (cited is null)
        {
            _writer.WriteNull("source");
            return;
        }
        _writer.WriteStartObject("source");
        _writer.WriteString("observation_id", cited.ObservationId);
        _writer.WriteString("kind", cited.Kind);
        _writer.WriteString("source_id", cited.SourceId);
        _writer.WriteString("source_name", cited.SourceName);
        _writer.WriteString("run_id", cited.RunId);
        _writer.WriteString("observed_at", cited.ObservedAt.ToUniversalTime());
        _writer.WriteEndObject();
    }

    private void Time(string name, DateTimeOffset? time)
    {
        if (time is { } value) _writer.WriteString(name, value.ToUniversalTime());
        else _writer.WriteNull(name);
    }
}
