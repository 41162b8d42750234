using Dapper;
using Strata.Core;
using Strata.Core.Imports;
using Strata.Core.Memory.Sections;
using Strata.Relational.Keyset;

namespace Strata.Relational.ChatImports;

/// <summary>Chat imports of one user, on either database.</summary>
internal sealed class ChatImportStore(StoreScope scope) : IChatImportStore
{
    private const string ListName = "imports";

    private ChatImportSql Sql => scope.Dialect.ChatImports;

    public Task InsertAsync(ChatImport import, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Insert, new
        {
            import.Id, scope.UserId, import.Provider, import.Status, import.FileName, import.PipelineVersion, import.ProfileJson, import.Error,
            createdAt = scope.Time(import.CreatedAt), updatedAt = scope.Time(import.UpdatedAt), leaseUntil = LeaseOf(import),
        }, scope.Transaction);

    public async Task<ChatImport?> GetAsync(string importId, CancellationToken cancellationToken)
    {
        var row = await scope.Connection.QuerySingleOrDefaultAsync<ImportRow>(
            $"SELECT {ChatImportSql.ImportColumns} FROM chat_imports WHERE user_id = @UserId AND id = @importId",
            new { scope.UserId, importId }, scope.Transaction);
        return row?.ToImport();
    }

    public Task UpdateAsync(ChatImport import, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Update, new
        {
            import.Status, import.ConversationsRead, import.ConversationsAdded, import.ConversationsUnchanged, import.ConversationsEmpty, import.MessagesRead,
            import.ProfileJson, import.Error, import.ProjectsSourceId, updatedAt = scope.Time(import.UpdatedAt), leaseUntil = LeaseOf(import),
            scope.UserId, import.Id,
        }, scope.Transaction);

    public async Task<Page<ChatImport>> ListAsync(Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter);
        var rows = (await scope.Connection.QueryAsync<ImportRow>(
            $"SELECT {ChatImportSql.ImportColumns} FROM chat_imports WHERE user_id = @UserId {after} {Sql.ListOrder}", parameters, scope.Transaction))
            .Select(r => r.ToImport()).ToList();
        int? total = paging.IncludeTotal ? await scope.Connection.ExecuteScalarAsync<int>(Sql.Count, new { scope.UserId }, scope.Transaction) : null;
        return Pages.Of(rows, paging, i => PageCursor.EncodeNumber(ListName, Pages.KeyOf(i.CreatedAt), i.Id), total);
    }

    public async Task<bool> RenewLeaseAsync(string importId, DateTimeOffset until, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.RenewLease, new { until = scope.Time(until), scope.UserId, importId }, scope.Transaction) == 1;

    public async Task<IReadOnlyList<ChatImport>> ListLapsedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<ImportRow>($"SELECT {ChatImportSql.ImportColumns} FROM chat_imports {Sql.LapsedFilter}",
            new { scope.UserId, now = scope.Time(now) }, scope.Transaction)).Select(r => r.ToImport()).ToList();

    public async Task<bool> FailLapsedAsync(string importId, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.FailLapsed, new { error, now = scope.Time(now), scope.UserId, importId }, scope.Transaction) == 1;

    /// <summary>Only an import that is reading its export holds a lease.</summary>
    private object? LeaseOf(ChatImport import) =>
        import.Status == ChatImportStatuses.Processing && import.LeaseUntil is { } until ? scope.Time(until) : null;

    public Task UpsertConversationsAsync(IReadOnlyList<ImportedConversation> conversations, CancellationToken cancellationToken) =>
        WriteRowsAsync(conversations, Sql.UpsertConversationsHead, ChatImportSql.ConversationRow, Sql.UpsertConversationsTail, ChatImportSql.ConversationRowColumns,
            c => [c.ImportId, c.Position, c.SourceId, c.ConversationId, c.Title, c.Messages, c.Richness, c.StatisticsJson,
                c.LastMessageAt is { } at ? scope.Time(at) : null, c.PassStatus, c.RunId, c.Facts], cancellationToken);

    public async Task<IReadOnlyList<ImportedConversation>> ListConversationsAsync(string importId, string? passStatus, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<ConversationRow>(
            $"SELECT {ChatImportSql.ConversationColumns} FROM chat_import_conversations {Sql.ConversationFilter} ORDER BY richness DESC, position",
            new { scope.UserId, importId, passStatus }, scope.Transaction)).Select(r => r.ToConversation()).ToList();

    public async Task FinishPassAsync(string importId, int position, string runId, string passStatus, int facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(Sql.FinishPass, new { runId, passStatus, facts, scope.UserId, importId, position }, scope.Transaction);
        if (passStatus == PassStatuses.Done)
        {
            await scope.Connection.ExecuteAsync(Sql.AddPassed,
                new { passed = 1, facts, now = scope.Time(now), scope.UserId, importId }, scope.Transaction);
        }
    }

    public async Task<int> CarryDonePassesAsync(string importId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var carried = await scope.Connection.ExecuteAsync(Sql.CarryDonePasses, new { scope.UserId, importId }, scope.Transaction);
        if (carried > 0)
        {
            await scope.Connection.ExecuteAsync(Sql.AddPassed, new { passed = carried, facts = 0, now = scope.Time(now), scope.UserId, importId }, scope.Transaction);
        }
        return carried;
    }

    public Task<int> ReopenFailedAsync(string importId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.ReopenFailed, new { scope.UserId, importId }, scope.Transaction);

    public Task InsertEvidenceAsync(IReadOnlyList<ChatEvidence> evidence, CancellationToken cancellationToken) =>
        WriteRowsAsync(evidence, Sql.InsertEvidenceHead, ChatImportSql.EvidenceRow, Sql.InsertEvidenceTail, ChatImportSql.EvidenceRowColumns,
            e => [e.ObservationId, e.Field, e.ImportId, e.SourceId, e.MessageIndex, e.MessageId, e.BlockUid, e.Found, e.Start, e.Length, e.Quote],
            cancellationToken);

    /// <summary>Rows in multi-row statements (<see cref="RowBatches"/>), each row's values in <paramref name="columns"/> order.</summary>
    private async Task WriteRowsAsync<T>(IReadOnlyList<T> rows, string head, string row, string tail, string[] columns, Func<T, object?[]> values,
        CancellationToken cancellationToken)
    {
        foreach (var (first, count) in RowBatches.Chunks(rows.Count))
        {
            var command = RowBatches.Statement(scope, head, row, tail, columns, count);
            for (var i = 0; i < count; i++)
            {
                var rowValues = values(rows[first + i]);
                for (var v = 0; v < rowValues.Length; v++) RowBatches.Set(command, columns.Length, i, v, rowValues[v]);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ChatEvidence>> ListEvidenceAsync(string observationId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<EvidenceRow>(
            $"SELECT {ChatImportSql.EvidenceColumns} FROM chat_evidence WHERE user_id = @UserId AND observation_id = @observationId ORDER BY field",
            new { scope.UserId, observationId }, scope.Transaction)).Select(r => r.ToEvidence()).ToList();

    public async Task<IReadOnlyList<(string ObservationId, string Field)>> ListUnfoundEvidenceAsync(IReadOnlyList<string> observationIds,
        CancellationToken cancellationToken)
    {
        var unfound = new List<(string, string)>();
        // In chunks: SQLite bounds a statement's parameters.
        foreach (var chunk in observationIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = new DynamicParameters(new { scope.UserId, found = false });
            for (var i = 0; i < chunk.Length; i++) parameters.Add("id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), chunk[i]);
            var list = string.Join(", ", chunk.Select((_, i) => "@id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var rows = await scope.Connection.QueryAsync<(string, string)>(
                $"SELECT observation_id, field FROM chat_evidence WHERE user_id = @UserId AND found = @found AND observation_id IN ({list})",
                parameters, scope.Transaction);
            unfound.AddRange(rows);
        }
        return unfound;
    }

    public async Task SaveGeneratedAsync(IReadOnlyList<GeneratedSection> sections, CancellationToken cancellationToken)
    {
        foreach (var g in sections)
        {
            await scope.Connection.ExecuteAsync(Sql.SaveGenerated, new
            {
                scope.UserId, g.Section, g.Text, g.Status, g.Error, g.RawOutput, g.Model, g.Calls, generatedAt = scope.Time(g.GeneratedAt),
            }, scope.Transaction);
        }
    }

    public async Task<IReadOnlyList<GeneratedSection>> ListGeneratedAsync(CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<GeneratedRow>(
            $"SELECT {ChatImportSql.GeneratedColumns} FROM memory_generated WHERE user_id = @UserId ORDER BY section",
            new { scope.UserId }, scope.Transaction)).Select(r => r.ToSection()).ToList();

    private sealed class GeneratedRow
    {
        public string Section { get; set; } = "";
        public string? Text { get; set; }
        public string Status { get; set; } = "";
        public string? Error { get; set; }
        public string? RawOutput { get; set; }
        public string? Model { get; set; }
        public long Calls { get; set; }
        public object GeneratedAt { get; set; } = "";

        public GeneratedSection ToSection() => new(Section, Text, Status, Error, RawOutput, Model, (int)Calls, StoredTime.Read(GeneratedAt));
    }

    private sealed class ImportRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Provider { get; set; } = "";
        public string Status { get; set; } = "";
        public string? FileName { get; set; }
        public string PipelineVersion { get; set; } = "";
        public long ConversationsRead { get; set; }
        public long ConversationsAdded { get; set; }
        public long ConversationsUnchanged { get; set; }
        public long MessagesRead { get; set; }
        public long ConversationsPassed { get; set; }
        public long FactsFound { get; set; }
        public string? ProfileJson { get; set; }
        public string? Error { get; set; }
        public object CreatedAt { get; set; } = "";
        public object UpdatedAt { get; set; } = "";
        public string? ProjectsSourceId { get; set; }
        public object? LeaseUntil { get; set; }
        public long ConversationsEmpty { get; set; }

        public ChatImport ToImport() => new(Id, UserId, Provider, Status, FileName, PipelineVersion, (int)ConversationsRead, (int)ConversationsAdded,
            (int)ConversationsUnchanged, (int)MessagesRead, (int)ConversationsPassed, (int)FactsFound, ProfileJson, Error,
            StoredTime.Read(CreatedAt), StoredTime.Read(UpdatedAt))
        {
            ProjectsSourceId = ProjectsSourceId,
            LeaseUntil = StoredTime.ReadNullable(LeaseUntil),
            ConversationsEmpty = (int)ConversationsEmpty,
        };
    }

    private sealed class ConversationRow
    {
        public string ImportId { get; set; } = "";
        public long Position { get; set; }
        public string SourceId { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string? Title { get; set; }
        public long Messages { get; set; }
        public double Richness { get; set; }
        public string StatisticsJson { get; set; } = "";
        public object? LastMessageAt { get; set; }
        public string PassStatus { get; set; } = "";
        public string? RunId { get; set; }
        public long Facts { get; set; }

        public ImportedConversation ToConversation() => new(ImportId, (int)Position, SourceId, ConversationId, Title, (int)Messages, Richness,
            StatisticsJson, StoredTime.ReadNullable(LastMessageAt), PassStatus, RunId, (int)Facts);
    }

    private sealed class EvidenceRow
    {
        public string ObservationId { get; set; } = "";
        public string Field { get; set; } = "";
        public string ImportId { get; set; } = "";
        public string SourceId { get; set; } = "";
        public long MessageIndex { get; set; }
        public string MessageId { get; set; } = "";
        public string BlockUid { get; set; } = "";

        /// <summary>A boolean on PostgreSQL, an integer on SQLite.</summary>
        public object Found { get; set; } = false;
        public int? CharStart { get; set; }
        public int? CharLength { get; set; }
        public string Quote { get; set; } = "";

        public ChatEvidence ToEvidence() => new(ObservationId, Field, ImportId, SourceId, (int)MessageIndex, MessageId, BlockUid,
            Convert.ToBoolean(Found, System.Globalization.CultureInfo.InvariantCulture), CharStart, CharLength, Quote);
    }
}
