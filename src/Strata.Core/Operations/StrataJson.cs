using System.Text.Json;
using System.Text.Json.Serialization;
using Strata.Core.Schemas;

namespace Strata.Core.Operations;

/// <summary>The wire format of every result record: snake_case, source-generated, shared by CLI, REST and MCP.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(IngestResult))]
[JsonSerializable(typeof(StoreResult))]
[JsonSerializable(typeof(InterpretationOutcome))]
[JsonSerializable(typeof(CorrectionResult))]
[JsonSerializable(typeof(MergeResult))]
[JsonSerializable(typeof(SplitResult))]
[JsonSerializable(typeof(RelationList))]
[JsonSerializable(typeof(NeighbourhoodView))]
[JsonSerializable(typeof(GraphPage))]
[JsonSerializable(typeof(PathView))]
[JsonSerializable(typeof(ReresolveResult))]
[JsonSerializable(typeof(SnapshotView))]
[JsonSerializable(typeof(EntityList))]
[JsonSerializable(typeof(ObservationList))]
[JsonSerializable(typeof(ProvenanceChain))]
[JsonSerializable(typeof(TimelineList))]
[JsonSerializable(typeof(SourceView))]
[JsonSerializable(typeof(SourceList))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(RunList))]
[JsonSerializable(typeof(RunItemList))]
[JsonSerializable(typeof(SchemaList))]
[JsonSerializable(typeof(SchemaView))]
[JsonSerializable(typeof(RegisterSchemaResult))]
[JsonSerializable(typeof(SchemaDefinition))]
[JsonSerializable(typeof(BlockSchemaInput))]
[JsonSerializable(typeof(RegisterBlockSchemaResult))]
[JsonSerializable(typeof(BlockSchemaView))]
[JsonSerializable(typeof(BlockSchemaList))]
[JsonSerializable(typeof(DeleteBlockSchemaResult))]
[JsonSerializable(typeof(BlockRunView))]
[JsonSerializable(typeof(BlockRunList))]
[JsonSerializable(typeof(StartBlockRunResult))]
[JsonSerializable(typeof(BlockValueView))]
[JsonSerializable(typeof(BlockValueList))]
[JsonSerializable(typeof(BulkReviewResult))]
[JsonSerializable(typeof(MatchingReviewResult))]
[JsonSerializable(typeof(BulkChangeResult))]
[JsonSerializable(typeof(UndoBulkChangeResult))]
[JsonSerializable(typeof(DeleteBlockRunResult))]
[JsonSerializable(typeof(ApplySchemaResult))]
[JsonSerializable(typeof(ProjectProgress))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(CreatedUser))]
[JsonSerializable(typeof(ApiKeyView))]
[JsonSerializable(typeof(ApiKeyList))]
[JsonSerializable(typeof(CreatedApiKey))]
[JsonSerializable(typeof(UsageView))]
[JsonSerializable(typeof(DuplicateList))]
[JsonSerializable(typeof(DuplicateView))]
[JsonSerializable(typeof(DuplicateScanResult))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(SourceContentView))]
[JsonSerializable(typeof(ProviderKeyView))]
[JsonSerializable(typeof(ProviderKeyList))]
[JsonSerializable(typeof(ModelsView))]
[JsonSerializable(typeof(AgentInterpretationResult))]
[JsonSerializable(typeof(ProjectView))]
[JsonSerializable(typeof(WebhookCreated))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(WebhookRemoved))]
[JsonSerializable(typeof(WebhookDeliveryList))]
[JsonSerializable(typeof(ProjectList))]
[JsonSerializable(typeof(DocumentView))]
[JsonSerializable(typeof(DocumentList))]
[JsonSerializable(typeof(AddDocumentResult))]
[JsonSerializable(typeof(AddDocumentsResult))]
[JsonSerializable(typeof(BlockView))]
[JsonSerializable(typeof(BlockList))]
[JsonSerializable(typeof(DeleteResult))]
[JsonSerializable(typeof(DeletionPreview))]
[JsonSerializable(typeof(DeletionList))]
[JsonSerializable(typeof(Imports.ChatImportView))]
[JsonSerializable(typeof(Imports.ImportList))]
[JsonSerializable(typeof(Imports.ChatEvidenceView))]
[JsonSerializable(typeof(Memory.MemoryDocument))]
[JsonSerializable(typeof(Recall.RecallAnswer))]
[JsonSerializable(typeof(Recall.RecallStatus))]
[JsonSerializable(typeof(Archive.ArchiveExportResult))]
[JsonSerializable(typeof(Archive.ArchiveImportResult))]
[JsonSerializable(typeof(Exports.ExportResult))]
[JsonSerializable(typeof(Exports.Agents.AgentExport))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class StrataJson : JsonSerializerContext
{
    /// <summary>The context every interface writes with: like <see cref="Default"/>, but text is not needlessly
    /// \u-escaped (a "+" stays "+"). Escaping of quotes, control characters and HTML-unsafe text is unchanged.</summary>
    public static StrataJson Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
