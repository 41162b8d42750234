namespace Strata.Relational.Usage;

/// <summary>The usage counters' SQL. The defaults are the text both databases accept; PostgreSQL casts a limit that
/// is only compared with NULL, whose type it cannot infer.</summary>
internal sealed record UsageSql
{
    public string Plan { get; init; } = "SELECT plan FROM users WHERE id = @UserId";

    public string EnsureStorage { get; init; } =
        "INSERT INTO usage_storage (user_id, bytes_stored) VALUES (@UserId, 0) ON CONFLICT (user_id) DO NOTHING";

    /// <summary>The byte limit (<c>@limit</c>, a long or NULL) as compared with NULL.</summary>
    public string BytesLimit { get; init; } = "@limit";

    public string AddBytes => $"""
        UPDATE usage_storage SET bytes_stored = bytes_stored + @bytes
        WHERE user_id = @UserId AND ({BytesLimit} IS NULL OR bytes_stored + @bytes <= @limit)
        """;

    public string EnsureMonth { get; init; } =
        "INSERT INTO usage_interpretations (user_id, month, interpretations) VALUES (@UserId, @month, 0) ON CONFLICT (user_id, month) DO NOTHING";

    /// <summary>The interpretation limit (<c>@limit</c>, an int or NULL) as compared with NULL.</summary>
    public string InterpretationsLimit { get; init; } = "@limit";

    public string CountInterpretation => $"""
        UPDATE usage_interpretations SET interpretations = interpretations + 1
        WHERE user_id = @UserId AND month = @month AND ({InterpretationsLimit} IS NULL OR interpretations + 1 <= @limit)
        """;

    public string BytesStored { get; init; } = "SELECT bytes_stored FROM usage_storage WHERE user_id = @UserId";

    public string Interpretations { get; init; } =
        "SELECT interpretations FROM usage_interpretations WHERE user_id = @UserId AND month = @month";
}
