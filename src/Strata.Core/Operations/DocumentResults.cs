using System.Text.Json;

namespace Strata.Core.Operations;

public sealed record ProjectView(string ProjectId, string Name, int DocumentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One page. <c>next_cursor</c> asks for the next page (null on the last); <c>total</c> is counted only when asked for.</summary>
public sealed record ProjectList(IReadOnlyList<ProjectView> Projects, string? NextCursor, int? Total);

/// <summary>A document: a source in a project and its conversion (status uploaded, converting, ingested or
/// conversion_failed; <c>error</c> says why a conversion failed).</summary>
public sealed record DocumentView(
    string DocumentId,
    string ProjectId,
    string SourceId,
    string Name,
    string MediaType,
    string Status,
    string? Converter,
    string? ConverterVersion,
    string? ConvUid,
    int BlockCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One page of a project's documents, in the order they were added.</summary>
public sealed record DocumentList(string ProjectId, IReadOnlyList<DocumentView> Documents, string? NextCursor, int? Total);

/// <summary>What adding one file or source to a project did: the document (new, or the one the source already is),
/// whether it is new, and whether the bytes were already stored as a source.</summary>
public sealed record AddDocumentResult(DocumentView Document, bool Created, bool SourceDeduplicated);

/// <summary>One file of a many-file upload: its document, or the error that refused it (the other files go on).</summary>
public sealed record AddedFile(string? FileName, AddDocumentResult? Result, ErrorBody? Error);

/// <summary>Many files added to a project: one entry per file in the order sent, and the counts.</summary>
public sealed record AddDocumentsResult(string ProjectId, IReadOnlyList<AddedFile> Files, int Added, int Failed);

/// <summary>One stored block: its stable id (<c>conv_uid:index</c>), type, content, the headings above it and where it
/// sits in the original (<c>{"kind":"text_offset_range","start":..,"end":..}</c>, a page box for PDF, an element path for DOCX).</summary>
public sealed record BlockView(
    string BlockUid,
    string DocumentId,
    int Index,
    string Type,
    string Content,
    IReadOnlyList<string> HeadingPath,
    JsonElement Locator,
    int? Level,
    IReadOnlyDictionary<string, string>? Attributes);

/// <summary>One page of a document's blocks in reading order.</summary>
public sealed record BlockList(string DocumentId, IReadOnlyList<BlockView> Blocks, string? NextCursor, int? Total);

/// <summary>What an explicit delete removed, counted by kind (documents, blocks, sources, blobs...), and the id of its
/// audit row (<c>list_deletions</c>).</summary>
public sealed record DeleteResult(string DeletionId, string Deleted, string Id, string? Name, IReadOnlyDictionary<string, long> Removed);

/// <summary>What <c>delete_project</c> or <c>delete_document</c> would remove, answered without removing anything
/// (<c>preview_deletion</c>): <paramref name="Deleting"/> (project or document), its id and name, the rows counted by kind,
/// and in words what happens to the sources (with their bytes) and the entities, which depend on what else uses them.</summary>
public sealed record DeletionPreview(string Deleting, string Id, string? Name, Deletions.DeletionCounts Counts, string Sources, string Entities);

public sealed record DeletionView(string DeletionId, string Deleted, string Id, string? Name, IReadOnlyDictionary<string, long> Removed, DateTimeOffset DeletedAt);

/// <summary>The user's delete audit, newest first.</summary>
public sealed record DeletionList(IReadOnlyList<DeletionView> Deletions, string? NextCursor, int? Total);
