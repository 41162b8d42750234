namespace Strata.Core.Documents;

/// <summary>A user's named collection of documents. The name is unique per user and may change; the id never does.</summary>
/// <param name="DocumentCount">How many documents the project holds, counted when the project is read.</param>
public sealed record Project(string Id, string UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int DocumentCount = 0);
