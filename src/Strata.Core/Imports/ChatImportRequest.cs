namespace Strata.Core.Imports;

/// <param name="Provider"><c>chatgpt</c> or <c>claude</c>: the export the caller says this is (each conversation is still
/// read by its own fields).</param>
/// <param name="FullPass">Whether to queue the full LLM pass after the quick pass (when a model is configured).</param>
/// <param name="Projects">Claude's <c>projects.json</c> beside the conversations, when the export is not a zip holding it.</param>
public sealed record ChatImportRequest(Stream Content, string Provider, string? FileName, bool FullPass = true, Stream? Projects = null);

/// <summary>How far an import is while it reads (reported after each batch).</summary>
public sealed record ChatImportProgress(int ConversationsRead, int ConversationsAdded, int MessagesRead);
