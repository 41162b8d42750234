using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata block-schemas register|list|show|delete</c>.</summary>
internal static class BlockSchemaCommands
{
    public static Command BlockSchemas()
    {
        var file = new Argument<string>("FILE") { Description = "A block schema as JSON (a path, or inline): {schema_ref, properties, required, description, prompt_config}." };
        var newVersion = new Option<bool>("--new-version") { Description = "Register a changed definition as the next version." };
        var schemaRef = new Argument<string>("SCHEMA_REF");
        var version = new Option<int?>("--version") { Description = "A version (default: the latest)." };
        var force = new Option<bool>("--force") { Description = "Also delete the runs that use it." };
        return new Command("block-schemas", "Block schemas: what a model fills in for every block of a document.")
        {
            ReviewCommand.Of("register", "Register a block schema (SCHEMA_CONFLICT when changed, unless --new-version).", [file, newVersion],
                StrataJson.Wire.RegisterBlockSchemaResult, ReviewText.Of, async (parse, context, ct) => await context.Services.BlockSchemas.RegisterAsync(
                    context.UserId, await ReviewCommand.JsonArgumentAsync(parse.GetValue(file)!, ct), parse.GetValue(newVersion), ct)),
            ReviewCommand.Of("list", "List your block schemas.", [], StrataJson.Wire.BlockSchemaList, ReviewText.Of,
                (parse, context, ct) => context.Services.BlockSchemas.ListAsync(context.UserId, ct)),
            ReviewCommand.Of("show", "Show a block schema.", [schemaRef, version], StrataJson.Wire.BlockSchemaView, ReviewText.Of,
                (parse, context, ct) => context.Services.BlockSchemas.GetAsync(context.UserId, parse.GetValue(schemaRef)!, parse.GetValue(version), ct)),
            ReviewCommand.Of("delete", "Delete a block schema (refused while runs use it, unless --force).", [schemaRef, force],
                StrataJson.Wire.DeleteBlockSchemaResult, ReviewText.Of,
                (parse, context, ct) => context.Services.BlockSchemas.DeleteAsync(context.UserId, parse.GetValue(schemaRef)!, parse.GetValue(force), ct)),
        };
    }
}
