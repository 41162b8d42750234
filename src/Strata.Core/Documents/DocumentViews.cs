using System.Text.Json;
using Strata.Core.Deletions;
using Strata.Core.Operations;

namespace Strata.Core.Documents;

/// <summary>Projects, documents and blocks to the result records every interface renders.</summary>
public static class DocumentViews
{
    public static ProjectView Of(Project project) =>
        new(project.Id, project.Name, project.DocumentCount, project.CreatedAt, project.UpdatedAt);

    public static DocumentView Of(Document d) => new(d.Id, d.ProjectId, d.SourceId, d.Name, d.MediaType, d.Status, d.Converter,
        d.ConverterVersion, d.ConvUid, d.BlockCount, d.Error, d.CreatedAt, d.UpdatedAt);

    public static BlockView Of(StoredBlock stored)
    {
        var block = stored.Block;
        using var locator = JsonDocument.Parse(BlockJson.WriteLocator(block.Locator));
        return new BlockView(stored.BlockUid, stored.DocumentId, block.Index, block.Type.Name(), block.Content, block.HeadingPath,
            locator.RootElement.Clone(), block.Level, block.Attributes);
    }

    public static DeletionView Of(Deletion d) => new(d.Id, d.SubjectKind, d.SubjectId, d.SubjectName, d.Removed, d.DeletedAt);
}
