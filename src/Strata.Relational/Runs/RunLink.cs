namespace Strata.Relational.Runs;

/// <summary>How an observation row or a relation observation row names its run. By default (PostgreSQL) by the run's text
/// id in <c>run_id</c>; on SQLite since migration 0550 by the run's number in <c>run_row</c> (<see cref="BySeq"/>), the
/// id kept in <c>run_id</c> only where no run of the row's own user holds it. Every statement that reads, filters or writes a row's run
/// goes through one of these, so a statement is written once for both layouts.</summary>
internal sealed record RunLink
{
    /// <summary>The rows' runs named by text id (both databases until SQLite's 0550; PostgreSQL still).</summary>
    public static readonly RunLink ById = new();

    /// <summary>SQLite since migration 0550: the run's seq, and its id only where no run of the row's user holds it.</summary>
    public static readonly RunLink BySeq = new()
    {
        // The observations' index by run is on coalesce(run_row, run_id): a run's rows by its number, and rows that kept
        // an id (no run row held it when they were written, or the run went) by that id, one probe each.
        Is = (id, r) => $"coalesce({r}run_row, {r}run_id) IN ((SELECT seq FROM runs WHERE id = {id}), {id})",
        In = ids => $"coalesce(run_row, run_id) IN (SELECT seq FROM runs WHERE id IN ({ids}) UNION ALL {ids})",
        IdOf = r => $"coalesce({r}.run_id, (SELECT rx.id FROM runs rx WHERE rx.seq = {r}.run_row))",
        // By number, else (a row that kept the id) by id: two probes at most, where an OR would have SQLite merge both.
        SourceOfRun = r => $"coalesce((SELECT rx.source_id FROM runs rx WHERE rx.seq = {r}.run_row), " +
            $"(SELECT rx.source_id FROM runs rx WHERE rx.id = {r}.run_id))",
        RawColumns = "run_row, run_id",
        WriteColumns = "run_row, run_id",
        WriteValues = id => $"{OwnRun(id)}, CASE WHEN {OwnRun(id)} IS NULL THEN {id} END",
        DetachFrom = id => $"run_id = {id}, run_row = NULL",
        AttachImported = table => $"""
            , run_row = {OwnRun($"{table}.run_id")},
            run_id = CASE WHEN {OwnRun($"{table}.run_id")} IS NULL THEN {table}.run_id END
            """,
    };

    /// <summary>The number of the session user's run whose id is the expression <paramref name="id"/>: a row names only its
    /// own user's runs by number (a run is forgotten with its user's rows, <see cref="DetachFrom"/>); another's it names
    /// by id, as a run no row holds.</summary>
    private static string OwnRun(string id) => $"(SELECT rx.seq FROM runs rx WHERE rx.id = {id} AND rx.user_id = @UserId)";

    /// <summary>The rows (the second argument: "alias." or "") whose run is the one the id expression given names.</summary>
    public Func<string, string, string> Is { get; init; } = (id, r) => $"{r}run_id = {id}";

    /// <summary>The rows (unnamed) whose run is one of the ids the subquery given returns.</summary>
    public Func<string, string> In { get; init; } = ids => $"run_id IN ({ids})";

    /// <summary>The run id of the row named by the argument.</summary>
    public Func<string, string> IdOf { get; init; } = r => $"{r}.run_id";

    /// <summary>The source of the run of the row named by the argument.</summary>
    public Func<string, string> SourceOfRun { get; init; } = r => $"(SELECT rx.source_id FROM runs rx WHERE rx.id = {r}.run_id)";

    /// <summary>The row's own run columns, as a subquery passes them on for <see cref="IdOf"/> to read.</summary>
    public string RawColumns { get; init; } = "run_id";

    /// <summary>The columns an insert names for the run, and their values for the run id expression given.</summary>
    public string WriteColumns { get; init; } = "run_id";

    /// <inheritdoc cref="WriteColumns"/>
    public Func<string, string> WriteValues { get; init; } = id => id;

    /// <summary>The assignments that make a row whose run is about to go name it by the id expression given; null where
    /// rows name their run by id anyway.</summary>
    public Func<string, string?> DetachFrom { get; init; } = _ => null;

    /// <summary>The assignments (each after a comma) that give a row of <c>table</c> loaded from an archive with its run's
    /// id the layout's form; empty where rows keep the id.</summary>
    public Func<string, string> AttachImported { get; init; } = _ => "";

    /// <summary>The rows (named <paramref name="r"/>, or unnamed) whose run is the one the expression <paramref name="id"/> names.</summary>
    public string IsRun(string id, string? r = null) => Is(id, r is null ? "" : r + ".");
}
