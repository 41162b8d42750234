namespace Strata.Core.Deletions;

/// <summary>The audit row of one explicit delete: what was deleted (a project, a document...), by its id and name at
/// the time, and how many things of each kind went with it.</summary>
public sealed record Deletion(
    string Id,
    string UserId,
    string SubjectKind,
    string SubjectId,
    string? SubjectName,
    IReadOnlyDictionary<string, long> Removed,
    DateTimeOffset DeletedAt);
