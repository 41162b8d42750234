using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Interpretation;

namespace Strata.Formats.Chat;

/// <summary>
/// Claude's <c>projects.json</c> (a list of projects: uuid, name, description, prompt_template, created_at, docs), read one
/// project at a time into <c>project</c> records: name, description and started (the day it was made) are the schema's;
/// the project's uuid, its custom instructions and the names of its documents are kept as unknown fields (raw fragments),
/// never dropped. The documents' contents are not records: they are the user's files, not facts about the user.
/// </summary>
public sealed class ClaudeProjectsReader : IRecordReader
{
    public string Format => "claude-projects";

    public bool CanRead(string mimeType) => mimeType == ClaudeProjects.MediaType;

    public async IAsyncEnumerable<ExtractedRecord> ReadAsync(Stream content, RecordReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await using var projects = JsonSerializer.DeserializeAsyncEnumerable(content, ChatJsonContext.Default.JsonElement, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await projects.MoveNextAsync()) yield break;
            }
            catch (JsonException broken)
            {
                throw StrataException.Malformed($"projects.json breaks after project {index} (line {broken.LineNumber + 1}): {broken.Message}");
            }
            if (projects.Current.ValueKind != JsonValueKind.Object || projects.Current.String("name") is not { } name || string.IsNullOrWhiteSpace(name))
            {
                throw StrataException.Malformed($"Project {index + 1} of projects.json is not an object with a name: it is not a Claude projects file.");
            }
            yield return Record(projects.Current, name, index++);
        }
    }

    private static ExtractedRecord Record(JsonElement project, string name, int index)
    {
        var fields = new Dictionary<string, JsonElement> { ["name"] = Json(name.Trim()) };
        if (project.String("description") is { Length: > 0 } description) fields["description"] = Json(description);
        if (project.Time("created_at") is { } created) fields["started"] = Json(created.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (project.String("uuid") is { Length: > 0 } uuid) fields["claude_project_uuid"] = Json(uuid);
        if (project.String("prompt_template") is { Length: > 0 } instructions) fields["instructions"] = Json(instructions);
        var documents = project.Array("docs").Select(d => d.String("filename")).OfType<string>().ToList();
        if (documents.Count > 0) fields["documents"] = JsonSerializer.SerializeToElement(documents, ChatJsonContext.Default.ListString);
        return new ExtractedRecord(ClaudeProjects.EntityType, fields, $"$[{index}]");
    }

    private static JsonElement Json(string value) => JsonSerializer.SerializeToElement(value, ChatJsonContext.Default.String);
}
