namespace Strata.Sqlite.Storage;

/// <summary>
/// Where SQLite keeps a statement's undo pages. A statement that may fail half-way inside a longer transaction (a
/// multi-row insert, a trigger's writes, anything under a savepoint) records the pages it changes in a statement
/// journal, to undo only itself. SQLite holds that journal in memory up to 64 KiB and then spills it to a file in
/// the temporary folder: a structured write of 50 entities wrote about 550 KB of such files per call (`strace`: 240
/// writes to <c>/var/tmp/etilqs_*</c>), as many bytes as it wrote to the WAL. The file is deleted when closed and
/// never read unless the statement fails, so it buys no durability; held in memory up to <see cref="SpillBytes"/>, a
/// bulk statement that touches more still spills, so memory stays bounded per connection.
/// </summary>
internal static class StatementJournal
{
    public const int SpillBytes = 8 * 1024 * 1024;

    private const int ConfigStatementJournalSpill = 26; // SQLITE_CONFIG_STMTJRNL_SPILL

    /// <summary>Sets the spill size for the process. Only possible before SQLite's first connection; afterwards
    /// SQLite refuses (SQLITE_MISUSE) and the default stays, which changes speed, not behaviour.</summary>
    public static int Configure() => SQLitePCL.raw.sqlite3_config(ConfigStatementJournalSpill, SpillBytes);
}
