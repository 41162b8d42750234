namespace Strata.Acceptance.Tests.Support;

/// <summary>
/// The storage backends every acceptance test runs on. PostgreSQL is included when
/// STRATA_TEST_DATABASE_URL names a server (CI starts one with .ci/start-postgres), or when
/// STRATA_REQUIRE_POSTGRES=1 — then a missing server fails the tests instead of leaving them out.
/// </summary>
public static class Backends
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (PostgresTestDatabase.Wanted) data.Add(Postgres);
            return data;
        }
    }
}
