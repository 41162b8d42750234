using Microsoft.Data.Sqlite;

namespace Strata.Bench.Reads;

/// <summary>
/// The floor under every read: the same rows fetched by hand from the same database file with a prepared statement
/// on a connection kept open. What Strata adds on top (a session, access checks, merge redirects, JSON) is the ratio.
/// </summary>
public sealed class RawSqliteReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _snapshot;
    private readonly SqliteCommand _search;
    private readonly SqliteCommand _words;

    public RawSqliteReader(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        _connection.Open();
        _snapshot = Prepare("SELECT fields_json, provenance_json FROM entities WHERE id = $id", "$id");
        _search = Prepare("SELECT rowid FROM entities_fts WHERE entities_fts MATCH $match LIMIT 50", "$match");
        _words = Prepare("SELECT rowid FROM entities_words WHERE entities_words MATCH $match LIMIT 50", "$match");
    }

    /// <summary>One entity's stored snapshot columns; returns the characters read so the work cannot be skipped.</summary>
    public int ReadSnapshot(string entityId)
    {
        _snapshot.Parameters[0].Value = entityId;
        using var reader = _snapshot.ExecuteReader();
        return reader.Read() ? reader.GetString(0).Length + reader.GetString(1).Length : 0;
    }

    /// <summary>The first page of full-text matches, as row ids: the entities holding every trigram of the words (the
    /// index keeps no positions since migration 0480; the store then checks each row's text for the words).</summary>
    public int Search(string text)
    {
        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var trigrams = words.SelectMany(Strata.Sqlite.Storage.TrigramQuery.Trigrams).Distinct().ToList();
        if (trigrams.Count == 0) return 0;
        _search.Parameters[0].Value = Strata.Sqlite.Storage.TrigramQuery.Match(trigrams);
        using var reader = _search.ExecuteReader();
        var rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    /// <summary>The first page of word-index matches (each word the start of a word), as row ids.</summary>
    public int SearchWords(string text)
    {
        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _words.Parameters[0].Value = string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"") + "\"*"));
        using var reader = _words.ExecuteReader();
        var rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    private SqliteCommand Prepare(string sql, string parameter)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(parameter, SqliteType.Text);
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        _snapshot.Dispose();
        _search.Dispose();
        _words.Dispose();
        _connection.Dispose();
    }
}
