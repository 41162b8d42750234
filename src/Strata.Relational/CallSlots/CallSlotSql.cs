namespace Strata.Relational.CallSlots;

/// <summary>The llm_call_slots table's SQL. Taking a slot must see every other taker's: SQLite's IMMEDIATE transaction
/// already serialises writers; PostgreSQL takes a transaction-scoped advisory lock (<see cref="Serialize"/>) first.</summary>
internal sealed record CallSlotSql
{
    /// <summary>Run first in the acquiring transaction; empty when the transaction itself serialises takers.</summary>
    public string Serialize { get; init; } = "";

    public string DeleteExpired { get; init; } = "DELETE FROM llm_call_slots WHERE expires_at <= @now";

    public string CountAll { get; init; } = "SELECT COUNT(*) FROM llm_call_slots WHERE expires_at > @now";

    public string CountUser { get; init; } = "SELECT COUNT(*) FROM llm_call_slots WHERE user_id = @userId AND expires_at > @now";

    public string Insert { get; init; } = """
        INSERT INTO llm_call_slots (id, user_id, holder, acquired_at, expires_at) VALUES (@id, @userId, @holder, @now, @expiresAt)
        """;

    public string Delete { get; init; } = "DELETE FROM llm_call_slots WHERE id = @slotId";

    public string Renew { get; init; } = "UPDATE llm_call_slots SET expires_at = @expiresAt WHERE id = @slotId";
}
