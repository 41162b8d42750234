using System.Data.Common;
using Dapper;
using Strata.Core;
using Strata.Core.Documents;
using Strata.Relational.Keyset;

namespace Strata.Relational.Documents;

/// <summary>Projects of one user, on either database.</summary>
internal sealed class ProjectStore(StoreScope scope) : IProjectStore
{
    private const string ListName = "projects";

    private ProjectSql Sql => scope.Dialect.Projects;

    public Task LockAsync(string projectId, CancellationToken cancellationToken) =>
        Sql.Lock is null ? Task.CompletedTask : scope.Connection.ExecuteAsync(Sql.Lock, new { scope.UserId, projectId }, scope.Transaction);

    public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        ReadOneAsync(Sql.Get, new { scope.UserId, projectId }, cancellationToken);

    public Task<Project?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        ReadOneAsync(Sql.FindByName, new { scope.UserId, name }, cancellationToken);

    // ON CONFLICT DO NOTHING rather than catching a unique violation, which aborts a PostgreSQL transaction.
    public async Task<bool> InsertAsync(Project project, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Insert, new
        {
            id = project.Id, scope.UserId, name = project.Name, createdAt = scope.Time(project.CreatedAt), updatedAt = scope.Time(project.UpdatedAt),
        }, scope.Transaction) == 1;

    public async Task<bool> RenameAsync(string projectId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Rename, new { scope.UserId, projectId, name, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Delete, new { scope.UserId, projectId }, scope.Transaction) == 1;

    public async Task<Page<Project>> ListAsync(Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter);
        var rows = new List<Project>(paging.Limit + 1);
        using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {ProjectSql.Columns} FROM projects p WHERE p.user_id = @UserId {after} {Sql.ListOrder}", parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken)) rows.Add(Read(reader));
        }
        int? total = paging.IncludeTotal ? await scope.Connection.ExecuteScalarAsync<int>(Sql.Count, new { scope.UserId }, scope.Transaction) : null;
        return Pages.Of(rows, paging, p => PageCursor.EncodeNumber(ListName, Pages.KeyOf(p.CreatedAt), p.Id), total);
    }

    private async Task<Project?> ReadOneAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Project Read(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        StoredTime.Read(reader.GetValue(3)), StoredTime.Read(reader.GetValue(4)), Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture));
}
