namespace Strata.Relational.Evidence;

/// <summary>The observation_evidence table's SQL; the defaults are the text both databases accept.</summary>
internal sealed record EvidenceSql
{
    public const string Columns = """
        observation_id AS ObservationId, field AS Field, run_id AS RunId, item_index AS ItemIndex, quote AS Quote, found AS Found,
        char_start AS CharStart, char_length AS CharLength, match AS Match
        """;

    /// <summary>The evidence of the observations among @observationIds, a list as <see cref="SqlDialect.TextList"/> writes it.</summary>
    public string ForObservations { get; init; } =
        $"SELECT {Columns} FROM observation_evidence WHERE user_id = @UserId AND observation_id = ANY(@observationIds) ORDER BY observation_id, field";

    public string Insert { get; init; } = """
        INSERT INTO observation_evidence (user_id, observation_id, field, run_id, item_index, quote, found, char_start, char_length, match)
        VALUES (@UserId, @ObservationId, @Field, @RunId, @ItemIndex, @Quote, @Found, @Start, @Length, @Match)
        ON CONFLICT (user_id, observation_id, field) DO NOTHING
        """;
}
