namespace Strata.Relational.ChatImports;

/// <summary>The chat import tables' SQL; the defaults are the text both databases accept.</summary>
internal sealed record ChatImportSql
{
    public const string ImportColumns = """
        id AS Id, user_id AS UserId, provider AS Provider, status AS Status, file_name AS FileName, pipeline_version AS PipelineVersion,
        conversations_read AS ConversationsRead, conversations_added AS ConversationsAdded, conversations_unchanged AS ConversationsUnchanged,
        messages_read AS MessagesRead, conversations_passed AS ConversationsPassed, facts_found AS FactsFound, profile_json AS ProfileJson,
        error AS Error, created_at AS CreatedAt, updated_at AS UpdatedAt, projects_source_id AS ProjectsSourceId, lease_until AS LeaseUntil,
        conversations_empty AS ConversationsEmpty
        """;

    public const string ConversationColumns = """
        import_id AS ImportId, position AS Position, source_id AS SourceId, conversation_id AS ConversationId, title AS Title,
        messages AS Messages, richness AS Richness, statistics_json AS StatisticsJson, last_message_at AS LastMessageAt,
        pass_status AS PassStatus, run_id AS RunId, facts AS Facts
        """;

    public const string EvidenceColumns = """
        observation_id AS ObservationId, field AS Field, import_id AS ImportId, source_id AS SourceId, message_index AS MessageIndex,
        message_id AS MessageId, block_uid AS BlockUid, found AS Found, char_start AS CharStart, char_length AS CharLength, quote AS Quote
        """;

    public string Insert { get; init; } = """
        INSERT INTO chat_imports (id, user_id, provider, status, file_name, pipeline_version, profile_json, error, created_at, updated_at, lease_until)
        VALUES (@Id, @UserId, @Provider, @Status, @FileName, @PipelineVersion, @ProfileJson, @Error, @createdAt, @updatedAt, @leaseUntil)
        """;

    public string Update { get; init; } = """
        UPDATE chat_imports SET status = @Status, conversations_read = @ConversationsRead, conversations_added = @ConversationsAdded,
            conversations_unchanged = @ConversationsUnchanged, conversations_empty = @ConversationsEmpty, messages_read = @MessagesRead, profile_json = @ProfileJson, error = @Error,
            projects_source_id = @ProjectsSourceId, updated_at = @updatedAt, lease_until = @leaseUntil
        WHERE user_id = @UserId AND id = @Id
        """;

    /// <summary>Newest first; a page goes on after the cursor's (created_at, id).</summary>
    public string ListAfter { get; init; } = "AND created_at <= @afterKey AND (created_at < @afterKey OR id < @afterId)";

    public string ListOrder { get; init; } = "ORDER BY created_at DESC, id DESC LIMIT @Limit + 0 OFFSET @Offset";

    public string Count { get; init; } = "SELECT COUNT(*) FROM chat_imports WHERE user_id = @UserId";

    public string RenewLease { get; init; } = """
        UPDATE chat_imports SET lease_until = @until WHERE user_id = @UserId AND id = @importId AND status = 'processing'
        """;

    /// <summary>A lease that was never written (an import from before leases) counts as lapsed.</summary>
    public string LapsedFilter { get; init; } =
        "WHERE user_id = @UserId AND status = 'processing' AND (lease_until IS NULL OR lease_until < @now)";

    public string FailLapsed { get; init; } = """
        UPDATE chat_imports SET status = 'failed', error = @error, lease_until = NULL, updated_at = @now
        WHERE user_id = @UserId AND id = @importId AND status = 'processing' AND (lease_until IS NULL OR lease_until < @now)
        """;

    /// <summary>The full pass's counts are added where they are counted, so concurrent conversations never overwrite each other.</summary>
    public string AddPassed { get; init; } = """
        UPDATE chat_imports SET conversations_passed = conversations_passed + @passed, facts_found = facts_found + @facts, updated_at = @now
        WHERE user_id = @UserId AND id = @importId
        """;

    /// <summary>One row of <see cref="UpsertConversationsHead"/>: its parameters in <see cref="ConversationRowColumns"/> order.</summary>
    public const string ConversationRow =
        "(@UserId, @ImportId{n}, @Position{n}, @SourceId{n}, @ConversationId{n}, @Title{n}, @Messages{n}, @Richness{n}, @StatisticsJson{n}, " +
        "@LastMessageAt{n}, @PassStatus{n}, @RunId{n}, @Facts{n})";

    public static readonly string[] ConversationRowColumns =
        ["ImportId", "Position", "SourceId", "ConversationId", "Title", "Messages", "Richness", "StatisticsJson", "LastMessageAt", "PassStatus", "RunId", "Facts"];

    public string UpsertConversationsHead { get; init; } = """
        INSERT INTO chat_import_conversations (user_id, import_id, position, source_id, conversation_id, title, messages, richness,
            statistics_json, last_message_at, pass_status, run_id, facts)
        VALUES
        """;

    public string UpsertConversationsTail { get; init; } = """
        ON CONFLICT (user_id, import_id, position) DO UPDATE SET source_id = excluded.source_id, conversation_id = excluded.conversation_id,
            title = excluded.title, messages = excluded.messages, richness = excluded.richness, statistics_json = excluded.statistics_json,
            last_message_at = excluded.last_message_at
        """;

    /// <summary>PostgreSQL cannot infer the type of a parameter that is only compared with NULL.</summary>
    public string ConversationFilter { get; init; } =
        "WHERE user_id = @UserId AND import_id = @importId AND (@passStatus IS NULL OR pass_status = @passStatus)";

    public string FinishPass { get; init; } = """
        UPDATE chat_import_conversations SET run_id = @runId, pass_status = @passStatus, facts = @facts
        WHERE user_id = @UserId AND import_id = @importId AND position = @position
        """;

    /// <summary>Conversations an earlier import's full pass already read (the same source) are done with that run.</summary>
    public string CarryDonePasses { get; init; } = """
        UPDATE chat_import_conversations AS c SET pass_status = 'done', run_id = (
            SELECT p.run_id FROM chat_import_conversations p
            WHERE p.user_id = c.user_id AND p.source_id = c.source_id AND p.pass_status = 'done' AND p.import_id <> c.import_id
            ORDER BY p.import_id LIMIT 1)
        WHERE c.user_id = @UserId AND c.import_id = @importId AND c.pass_status = 'pending' AND EXISTS (
            SELECT 1 FROM chat_import_conversations p
            WHERE p.user_id = c.user_id AND p.source_id = c.source_id AND p.pass_status = 'done' AND p.import_id <> c.import_id)
        """;

    public string ReopenFailed { get; init; } = """
        UPDATE chat_import_conversations SET pass_status = 'pending'
        WHERE user_id = @UserId AND import_id = @importId AND pass_status = 'failed'
        """;

    /// <summary>One row of <see cref="InsertEvidenceHead"/>: its parameters in <see cref="EvidenceRowColumns"/> order.</summary>
    public const string EvidenceRow =
        "(@UserId, @ObservationId{n}, @Field{n}, @ImportId{n}, @SourceId{n}, @MessageIndex{n}, @MessageId{n}, @BlockUid{n}, @Found{n}, " +
        "@Start{n}, @Length{n}, @Quote{n})";

    public static readonly string[] EvidenceRowColumns =
        ["ObservationId", "Field", "ImportId", "SourceId", "MessageIndex", "MessageId", "BlockUid", "Found", "Start", "Length", "Quote"];

    public string InsertEvidenceHead { get; init; } = """
        INSERT INTO chat_evidence (user_id, observation_id, field, import_id, source_id, message_index, message_id, block_uid, found,
            char_start, char_length, quote)
        VALUES
        """;

    public string InsertEvidenceTail { get; init; } = "ON CONFLICT (user_id, observation_id, field) DO NOTHING";

    public const string GeneratedColumns = """
        section AS Section, text AS Text, status AS Status, error AS Error, raw_output AS RawOutput, model AS Model, calls AS Calls,
        generated_at AS GeneratedAt
        """;

    public string SaveGenerated { get; init; } = """
        INSERT INTO memory_generated (user_id, section, text, status, error, raw_output, model, calls, generated_at)
        VALUES (@UserId, @Section, @Text, @Status, @Error, @RawOutput, @Model, @Calls, @generatedAt)
        ON CONFLICT (user_id, section) DO UPDATE SET text = excluded.text, status = excluded.status, error = excluded.error,
            raw_output = excluded.raw_output, model = excluded.model, calls = excluded.calls, generated_at = excluded.generated_at
        """;
}
