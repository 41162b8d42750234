namespace Strata.Server.Tests.Infrastructure;

/// <summary>The storage a test server runs on. Every interface test runs on both: PostgreSQL refuses values SQLite
/// accepts and locks differently, so a REST route or MCP tool proven on one is not proven on the other.</summary>
public enum Backend
{
    Sqlite,
    Postgres,
}
