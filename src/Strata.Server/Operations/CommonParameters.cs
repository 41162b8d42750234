using Strata.Core;

namespace Strata.Server.Operations;

/// <summary>Arguments several operations share, declared once so they read the same everywhere.</summary>
internal static class CommonParameters
{
    public static readonly Parameter Limit = new("limit", ParameterType.Integer,
        $"At most this many items (1-{Paging.MaxLimit}, default {Paging.DefaultLimit}).")
    {
        Minimum = 1,
        Maximum = Paging.MaxLimit,
    };

    public static readonly Parameter Offset = new("offset", ParameterType.Integer, "Skip this many items first (default 0).") { Minimum = 0 };

    /// <summary>The paging of a list: limit, cursor (preferred: every page costs the same), include_total, and offset
    /// (kept for older callers; it reads every row it skips).</summary>
    public static readonly Parameter Cursor = new("cursor", ParameterType.String,
        "Continue a list: the next_cursor of the previous page, unchanged. Leave out for the first page.");

    public static readonly Parameter IncludeTotal = new("include_total", ParameterType.Boolean,
        "Also count every matching item (total). Default false: counting reads the whole list, so total is null unless asked for.");

    public static readonly Parameter Skip = new("offset", ParameterType.Integer,
        "Skip this many items first (default 0). Prefer cursor: an offset reads every item it skips.") { Minimum = 0 };

    public static Parameter EntityId(string description = "The entity's id (ent_...).") =>
        new("entity_id", ParameterType.String, description, Required: true);

    public static readonly Parameter EntityTypeFilter = new("entity_type", ParameterType.String,
        "Only entities of this type (contact, company, transaction, event, task, note, document, fact, or a registered type).");

    public static Paging PagingOf(Arguments arguments) =>
        new(arguments.Int("limit") ?? Paging.DefaultLimit, arguments.Int("offset") ?? 0, arguments.String("cursor"),
            arguments.Bool("include_total") ?? false);
}
