using Dapper;
using Strata.Core.Users;

namespace Strata.Relational.Users;

/// <summary>Sessions of the web page: stored by the hash of their id, live only while the key that opened them is.</summary>
internal sealed partial class UserStore
{
    public Task InsertSessionAsync(WebSessionRecord session, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.InsertSession, new
        {
            session.SessionHash, session.UserId, session.KeyId,
            createdAt = work.Dialect.Time(session.CreatedAt), expiresAt = work.Dialect.Time(session.ExpiresAt),
        }, transaction), cancellationToken);

    public async Task<User?> FindSessionAsync(string sessionHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await work.ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<UserRow>(
            Sql.FindSession, new { sessionHash, now = work.Dialect.Time(now) }, transaction), cancellationToken);
        return row?.ToUser();
    }

    public Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        work.WriteAsync((connection, transaction) => connection.ExecuteAsync(Sql.EndSession,
            new { sessionHash, at = work.Dialect.Time(at) }, transaction), cancellationToken);
}
