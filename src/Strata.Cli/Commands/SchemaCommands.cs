using System.CommandLine;
using System.Text.Json;
using Strata.Cli.Output;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

internal static class SchemaCommands
{
    public static Command Schemas()
    {
        var list = new Command("list", "List the schemas in force: built-in types and your own.");
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Schemas.ListAsync(context.UserId, ct), StrataJson.Wire.SchemaList, HumanText.Of);
            return 0;
        }));

        var type = new Argument<string>("TYPE");
        var show = new Command("show", "Show one schema's definition.") { type };
        show.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Schemas.GetAsync(context.UserId, parse.GetValue(type)!, ct), StrataJson.Wire.SchemaView, HumanText.Of);
            return 0;
        }));

        var file = new Argument<string>("FILE") { Description = "A JSON schema definition: {entity_type, fields, canonical_name, description, display_name}." };
        var register = new Command("register", "Register a schema (a new version when it changed).") { file };
        register.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw StrataException.Validation($"No file at {path}.");
            JsonElement definition;
            try
            {
                definition = JsonDocument.Parse(await File.ReadAllTextAsync(path, ct)).RootElement.Clone();
            }
            catch (JsonException failure)
            {
                throw StrataException.Malformed($"{path} is not valid JSON: {failure.Message}");
            }
            Printer.Print(context.Json, await context.Services.Schemas.RegisterAsync(context.UserId, definition, ct), StrataJson.Wire.RegisterSchemaResult, HumanText.Of);
            return 0;
        }));
        return new Command("schemas", "Entity types and their fields.") { list, show, register };
    }
}
