namespace Strata.Relational.Jobs;

/// <summary>
/// The jobs table's SQL. The defaults are the text both databases accept; a dialect overrides only the pieces that
/// differ: how the claim locks its row, how a list of kinds and a parameter only compared with NULL are written, and
/// how a time turns into text.
/// </summary>
internal sealed record JobSql
{
    public const string Columns = """
        id AS Id, kind AS Kind, payload AS Payload, user_id AS UserId, state AS State, attempt AS Attempt,
        max_attempts AS MaxAttempts, scheduled_at AS ScheduledAt, lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt,
        last_error AS LastError, subject AS Subject, unique_key AS UniqueKey, created_at AS CreatedAt, updated_at AS UpdatedAt,
        finished_at AS FinishedAt, trace_parent AS TraceParent
        """;

    /// <summary>The lease fence every settle carries: a worker whose lease was rescued or re-claimed changes nothing.</summary>
    public const string Fence = "id = @JobId AND lease_owner = @Owner AND attempt = @Attempt AND state = 'running'";

    /// <summary>What the claim's inner SELECT ends with. SQLite has none: its single writer lock already keeps two
    /// claims apart. PostgreSQL skips rows another worker is claiming instead of waiting for them or taking them too.</summary>
    public string ClaimRowLock { get; init; } = "";

    /// <summary>The claim's filter on the kinds (<c>@kinds</c>, an array).</summary>
    public string ClaimKinds { get; init; } = "kind IN @kinds";

    /// <summary>The claim's optional subject, as compared with NULL.</summary>
    public string ClaimSubject { get; init; } = "@Subject";

    /// <summary>The retry time of a failure, as compared with NULL.</summary>
    public string FailRetryAt { get; init; } = "@retryAt";

    /// <summary>An expired lease's end, as text in the rescuer's message.</summary>
    public string LeaseExpiresAtText { get; init; } = "lease_expires_at";

    public string Enqueue { get; init; } = """
        INSERT INTO jobs (kind, payload, user_id, state, attempt, max_attempts, scheduled_at, subject, unique_key, created_at, updated_at, trace_parent)
        VALUES (@Kind, @Payload, @UserId, 'available', 0, @MaxAttempts, @scheduledAt, @Subject, @UniqueKey, @now, @now, @traceParent)
        ON CONFLICT (unique_key) DO NOTHING
        RETURNING id
        """;

    public string Claim => $"""
        UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_owner = @Owner, lease_expires_at = @expires, updated_at = @now
        WHERE id = (
            SELECT id FROM jobs
            WHERE state IN ('available', 'retryable') AND scheduled_at <= @now AND {ClaimKinds}
              AND ({ClaimSubject} IS NULL OR subject = @Subject)
            ORDER BY scheduled_at, id
            LIMIT 1
            {ClaimRowLock})
        RETURNING {Columns}
        """;

    public string ExtendLease { get; init; } = $"UPDATE jobs SET lease_expires_at = @expires, updated_at = @now WHERE {Fence}";

    public string Complete { get; init; } =
        $"UPDATE jobs SET state = 'completed', lease_expires_at = NULL, last_error = NULL, finished_at = @now, updated_at = @now WHERE {Fence}";

    public string Fail => $"""
        UPDATE jobs SET
            state = CASE WHEN {FailRetryAt} IS NOT NULL AND attempt < max_attempts THEN 'retryable' ELSE 'failed' END,
            scheduled_at = CASE WHEN {FailRetryAt} IS NOT NULL AND attempt < max_attempts THEN @retryAt ELSE scheduled_at END,
            finished_at = CASE WHEN {FailRetryAt} IS NOT NULL AND attempt < max_attempts THEN NULL ELSE @now END,
            lease_owner = NULL, lease_expires_at = NULL, last_error = @error, updated_at = @now
        WHERE {Fence}
        RETURNING state
        """;

    /// <summary>One more allowed attempt: waiting for something else is not a failure and must not use one up.</summary>
    public string Snooze { get; init; } = $"""
        UPDATE jobs SET state = 'available', scheduled_at = @runAt, max_attempts = max_attempts + 1,
            lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
        WHERE {Fence}
        """;

    public string AnyExpired { get; init; } = "SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND lease_expires_at < @now)";

    public string Rescue => $"""
        UPDATE jobs SET
            state = CASE WHEN attempt < max_attempts THEN 'retryable' ELSE 'failed' END,
            finished_at = CASE WHEN attempt < max_attempts THEN NULL ELSE @now END,
            last_error = CASE WHEN attempt < max_attempts
                THEN 'The lease of ' || lease_owner || ' expired at ' || {LeaseExpiresAtText} || ' (the worker stopped or hung)'
                ELSE 'Set aside after ' || attempt || ' attempts: each time the process running it stopped or hung before it finished '
                    || '(the last lease, of ' || lease_owner || ', expired at ' || {LeaseExpiresAtText} || '). It is not tried again, '
                    || 'so an input that kills its worker cannot kill the next one.' END,
            scheduled_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
        WHERE state = 'running' AND lease_expires_at < @now
        """;

    /// <summary>A webhook delivery whose job the rescuer has just set aside (its worker died during the last attempt) is
    /// failed with it, as the handler fails it after a last attempt that returned: otherwise it would say pending for
    /// ever with nothing left to send it. In the rescue's transaction, so the two never disagree.</summary>
    public string FailRescuedDeliveries { get; init; } = $"""
        UPDATE webhook_deliveries SET status = 'failed', attempts = jobs.attempt, last_error = jobs.last_error, updated_at = @now
        FROM jobs
        WHERE jobs.kind = '{Strata.Core.Jobs.JobKinds.WebhookDelivery}' AND jobs.state = 'failed' AND jobs.finished_at = @now
            AND jobs.subject = webhook_deliveries.id AND jobs.user_id = webhook_deliveries.user_id
            AND webhook_deliveries.status = 'pending'
        """;

    public string Prune { get; init; } = "DELETE FROM jobs WHERE state IN ('completed', 'failed', 'cancelled') AND finished_at < @cutoff";

    public string Get { get; init; } = $"SELECT {Columns} FROM jobs WHERE id = @jobId";

    public string FindBySubject { get; init; } = $"""
        SELECT {Columns} FROM jobs
        WHERE subject = @subject AND kind = @kind AND (@sessionUserId IS NULL OR user_id = @sessionUserId)
        ORDER BY id DESC LIMIT 1
        """;

    public string Count { get; init; } = "SELECT kind, state, COUNT(*) FROM jobs GROUP BY kind, state ORDER BY kind, state";

    public string CountBySubject { get; init; } = """
        SELECT kind, state, COUNT(*) FROM jobs
        WHERE subject = @subject AND kind = @kind AND (@sessionUserId IS NULL OR user_id = @sessionUserId)
        GROUP BY kind, state ORDER BY kind, state
        """;
}
