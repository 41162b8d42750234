namespace Strata.Core.Documents;

/// <summary>The queries of <see cref="IProjectStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IProjectReader
{
    Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken);

    Task<Project?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Oldest first (creation order), one page.</summary>
    Task<Page<Project>> ListAsync(Paging paging, CancellationToken cancellationToken);
}

/// <summary>The projects of the session's user.</summary>
public interface IProjectStore : IProjectReader
{
    /// <summary>Holds the project until commit, so of two deletes at once the second finds it gone (a no-op where the
    /// database serialises all writers).</summary>
    Task LockAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>False, and nothing is written, when the user already has a project of that name.</summary>
    Task<bool> InsertAsync(Project project, CancellationToken cancellationToken);

    /// <summary>False when the project does not exist; a name already taken is refused by the caller first.</summary>
    Task<bool> RenameAsync(string projectId, string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the project row (its documents must be gone); false when there was none.</summary>
    Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken);
}
