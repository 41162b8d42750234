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

    public static Parameter EntityId(string description = "The entity's id (ent_...).") =>
        new("entity_id", ParameterType.String, description, Required: true);

    public static readonly Parameter EntityTypeFilter = new("entity_type", ParameterType.String,
        "Only entities of this type (contact, company, transaction, event, task, note, document, fact, or a registered type).");

    public static Paging PagingOf(Arguments arguments) =>
        new(arguments.Int("limit") ?? Paging.DefaultLimit, arguments.Int("offset") ?? 0);
}
