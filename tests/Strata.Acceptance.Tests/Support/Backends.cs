namespace Strata.Acceptance.Tests.Support;

/// <summary>The storage backends every acceptance test runs on: the embedded default and the scale-out backend.
/// PostgreSQL comes from STRATA_TEST_DATABASE_URL, or a throwaway server the tests start (see PostgresTestDatabase).</summary>
public static class Backends
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> All => new() { Sqlite, Postgres };
}
