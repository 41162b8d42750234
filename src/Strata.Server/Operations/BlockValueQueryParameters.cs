using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Server.Operations;

/// <summary>The filter over a run's blocks (<see cref="BlockValueQuery"/>) as list_block_values and the bulk reviews
/// take it, so the grid's list and its "all matching" are the same query.</summary>
internal static class BlockValueQueryParameters
{
    public static readonly Parameter State = new("state", ParameterType.String,
        "Only blocks in this state: pending, claimed, staged, confirmed, failed, or rejected (rejected and waiting for the model again).");

    public static readonly Parameter BlockType = new("block_type", ParameterType.String, "Only blocks of this type (paragraph, heading, list_item, table...).");

    public static readonly Parameter Field = new("field", ParameterType.String, "Only values whose field (give equals or contains too)...");

    public static readonly Parameter EqualsText = new("equals", ParameterType.String, "...is this text (a number or boolean as written: 2, true).");

    public static readonly Parameter Contains = new("contains", ParameterType.String, "...contains this text (ignoring case).");

    public static BlockValueQuery Of(Arguments arguments) => new(arguments.String("state"), arguments.String("block_type"),
        arguments.String("field"), arguments.String("equals"), arguments.String("contains"));
}
