namespace Strata.Server.Operations;

/// <summary>
/// Every operation, in the order MCP clients list the tools: the one list MCP (<see cref="Tools"/>) and REST
/// (<see cref="Routes"/>) are built from. Each declaration carries its own REST route.
/// </summary>
public static class OperationCatalog
{
    /// <param name="localFiles">The folder a local stdio server may read paths from; null over HTTP, where paths are refused.</param>
    public static IReadOnlyList<StrataOperation> All(AllowedRoot? localFiles) =>
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
        GraphOperations.ListRelations,
        GraphOperations.GetNeighbourhood,
        GraphOperations.FindPath,
        SourceOperations.ListSources,
        SourceOperations.GetSource,
        SourceOperations.ListRuns,
        SourceOperations.GetRun,
        SourceOperations.ListRunItems,
        SourceOperations.CancelRun,
        AgentOperations.GetSourceContent,
        AgentOperations.SubmitInterpretation,
        SchemaOperations.RegisterSchema,
        SchemaOperations.ListSchemas,
        SchemaOperations.GetSchema,
        UsageOperations.GetUsage,
        LlmOperations.ListModels,
        LlmOperations.SetDefaultModel,
        LlmOperations.SetProviderKey,
        LlmOperations.ListProviderKeys,
        LlmOperations.RemoveProviderKey,
        DuplicateOperations.ListPotentialDuplicates,
        DuplicateOperations.DismissDuplicate,
        BlockSchemaOperations.RegisterBlockSchema,
        BlockSchemaOperations.ListBlockSchemas,
        BlockSchemaOperations.GetBlockSchema,
        BlockSchemaOperations.DeleteBlockSchema,
        ReviewOperations.RunBlockSchema,
        ReviewOperations.GetBlockRun,
        ReviewOperations.ListBlockRuns,
        ReviewOperations.CancelBlockRun,
        ReviewOperations.DeleteBlockRun,
        ReviewOperations.ListBlockValues,
        ReviewOperations.GetBlockValue,
        ReviewOperations.ConfirmBlockValue,
        ReviewOperations.RejectBlockValue,
        ReviewOperations.EditBlockValue,
        ReviewOperations.ConfirmAllStaged,
        MatchingReviewOperations.ConfirmMatchingValues,
        MatchingReviewOperations.RejectMatchingValues,
        ReviewOperations.RetryFailedBlocks,
        ReviewOperations.ApplyBlockSchema,
        ReviewOperations.RunPendingBlocks,
        ReviewOperations.GetReviewProgress,
        ImportOperations.ImportChat(localFiles),
        ImportOperations.GetImport,
        ImportOperations.ListImports,
        ImportOperations.ResumeImport,
        ImportOperations.GetChatEvidence,
        ImportOperations.GetMemory,
        RecallOperations.Recall,
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
        ForgetOperations.DeleteEntity,
        ForgetOperations.DeleteObservation,
        ForgetOperations.DeleteSource,
    ];

    /// <summary>The operations offered as MCP tools.</summary>
    public static IReadOnlyList<StrataOperation> Tools(AllowedRoot? localFiles) => All(localFiles).Where(o => o.IsTool).ToList();

    /// <summary>The operations with a REST endpoint; over HTTP no path is ever read from the server's disk.</summary>
    public static IReadOnlyList<StrataOperation> Routes() => All(localFiles: null).Where(o => o.Route is not null).ToList();
}
