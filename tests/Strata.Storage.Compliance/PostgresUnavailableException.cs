namespace Strata.Storage.Compliance;

/// <summary>No PostgreSQL server for the tests. Its message says what to run; a stack trace would add nothing, so the
/// test runner is given none.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
