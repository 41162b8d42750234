namespace Strata.Server.Operations;

/// <summary>The operations offered as MCP tools, in the order clients list them.</summary>
public static class ToolCatalog
{
    /// <param name="localFiles">The folder a local stdio server may read paths from; null over HTTP, where paths are refused.</param>
    public static IReadOnlyList<StrataOperation> Tools(AllowedRoot? localFiles) =>
    [
        SourceOperations.Ingest(localFiles),
        EntityOperations.IngestStructured,
        SourceOperations.Reinterpret,
        EntityOperations.Correct,
        EntityOperations.MergeEntities,
        SplitOperations.SplitEntity,
        SplitOperations.Unmerge,
        SplitOperations.Reresolve,
        EntityOperations.RetrieveEntities,
        EntityOperations.GetEntitySnapshot,
        EntityOperations.ListObservations,
        EntityOperations.GetFieldProvenance,
        EntityOperations.ListTimelineEvents,
        SourceOperations.ListSources,
        SourceOperations.ListRuns,
        SourceOperations.GetRun,
        SourceOperations.ListRunItems,
        AgentOperations.GetSourceContent,
        AgentOperations.SubmitInterpretation,
        SchemaOperations.RegisterSchema,
        SchemaOperations.ListSchemas,
        UsageOperations.GetUsage,
        LlmOperations.ListModels,
        LlmOperations.SetDefaultModel,
        LlmOperations.SetProviderKey,
        LlmOperations.ListProviderKeys,
        LlmOperations.RemoveProviderKey,
        DuplicateOperations.ListPotentialDuplicates,
        DuplicateOperations.DismissDuplicate,
        ProjectOperations.CreateProject,
        ProjectOperations.ListProjects,
        ProjectOperations.GetProject,
        ProjectOperations.RenameProject,
        ProjectOperations.DeleteProject,
        DocumentOperations.AddDocument(localFiles),
        DocumentOperations.ListDocuments,
        DocumentOperations.GetDocument,
        DocumentOperations.DeleteDocument,
        DocumentOperations.ListBlocks,
        DocumentOperations.GetBlock,
        ProjectOperations.ListDeletions,
    ];
}
