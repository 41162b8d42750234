using System.Text;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>How projects, documents, blocks and deletes read to a person.</summary>
internal static class DocumentText
{
    public static string Of(ProjectView p) => $"project {p.ProjectId} '{p.Name}': {Plural.Count(p.DocumentCount, "document")}, created {p.CreatedAt:u}\n";

    public static string Of(ProjectList list)
    {
        var table = new TextTable("PROJECT", "NAME", "DOCUMENTS", "CREATED");
        foreach (var p in list.Projects) table.Add(p.ProjectId, p.Name, p.DocumentCount.ToString(System.Globalization.CultureInfo.InvariantCulture), p.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        return $"{table}{PageLine.Of(list.Projects.Count, "project", list.Total, list.NextCursor)}";
    }

    public static string Of(DocumentView d)
    {
        var text = new StringBuilder($"document {d.DocumentId} '{d.Name}' ({d.MediaType}) in {d.ProjectId}: {Status(d)}\n");
        text.Append($"  source {d.SourceId}");
        if (d.Converter is not null) text.Append($", converter {d.Converter} {d.ConverterVersion}, {d.ConvUid}");
        return text.Append('\n').ToString();
    }

    public static string Of(AddDocumentResult r) =>
        $"{r.Document.Name}: {r.Document.DocumentId} {Status(r.Document)}{(r.Created ? "" : " (already in the project)")}\n";

    public static string Of(DocumentList list)
    {
        var table = new TextTable("DOCUMENT", "NAME", "STATUS", "BLOCKS", "TYPE");
        foreach (var d in list.Documents)
        {
            table.Add(d.DocumentId, d.Name, d.Status, d.BlockCount.ToString(System.Globalization.CultureInfo.InvariantCulture), d.MediaType);
        }
        var failures = string.Concat(list.Documents.Where(d => d.Error is not null).Select(d => $"  {d.DocumentId}: {d.Error}\n"));
        return $"{table}{failures}{PageLine.Of(list.Documents.Count, "document", list.Total, list.NextCursor)}";
    }

    public static string Of(BlockView b)
    {
        var place = b.Locator.GetRawText();
        var path = b.HeadingPath.Count == 0 ? "" : $" under {string.Join(" > ", b.HeadingPath)}";
        return $"{b.BlockUid} {b.Type}{(b.Level is null ? "" : $" (level {b.Level})")}{path} at {place}\n{b.Content}\n";
    }

    public static string Of(BlockList list)
    {
        var text = new StringBuilder();
        foreach (var b in list.Blocks)
        {
            var content = b.Content.ReplaceLineEndings(" ");
            if (content.Length > 100) content = content[..100] + "…";
            text.Append($"{b.Index,5} {b.Type,-12} {content}\n");
        }
        return text.Append(PageLine.Of(list.Blocks.Count, "block", list.Total, list.NextCursor)).ToString();
    }

    public static string Of(DeleteResult r) =>
        $"deleted {r.Deleted} {r.Id}{(r.Name is null ? "" : $" '{r.Name}'")}: {Counts(r.Removed)} (audit {r.DeletionId})\n";

    public static string Of(DeletionPreview p)
    {
        var c = p.Counts;
        return $"deleting {p.Deleting} {p.Id}{(p.Name is null ? "" : $" '{p.Name}'")} would remove {Plural.Count(c.Documents, "document")}, "
            + $"{Plural.Count(c.Blocks, "block")}, {Plural.Count(c.BlockRuns, "block run")} with {Plural.Count(c.StagedValues, "staged value")} "
            + $"and {Plural.Count(c.ConfirmedValues, "confirmed value")}, {Plural.Count(c.Observations, "observation")} (nothing was deleted)\n"
            + $"  sources: {p.Sources}\n  entities: {p.Entities}\n";
    }

    public static string Of(DeletionList list)
    {
        var table = new TextTable("DELETED AT", "WHAT", "ID", "NAME", "REMOVED");
        foreach (var d in list.Deletions) table.Add(d.DeletedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), d.Deleted, d.Id, d.Name ?? "", Counts(d.Removed));
        return $"{table}{PageLine.Of(list.Deletions.Count, "deletion", list.Total, list.NextCursor)}";
    }

    public static string Status(DocumentView d) => d.Status switch
    {
        "ingested" => $"ingested, {Plural.Count(d.BlockCount, "block")}",
        "conversion_failed" => $"conversion_failed: {d.Error}",
        var other => other,
    };

    private static string Counts(IReadOnlyDictionary<string, long> removed) =>
        string.Join(", ", removed.Where(c => c.Value > 0).Select(c => Plural.Count(c.Value, c.Key.TrimEnd('s'))).DefaultIfEmpty("nothing else"));
}
