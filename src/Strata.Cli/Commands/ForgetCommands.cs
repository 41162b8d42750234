using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>entities delete</c>, <c>observations delete</c> and <c>sources delete</c>: forgetting on request
/// (docs/operations.md, "Forgetting").</summary>
internal static class ForgetCommands
{
    public static Command Entity() => Delete("ENTITY_ID", "The entity to forget (ent_...).",
        "Forget an entity: every observation on it, its snapshot, keys, duplicates and timeline, and the entities merged into it; says what it removed.",
        (c, id, ct) => c.Services.Forgetting.DeleteEntityAsync(c.UserId, id, ct));

    public static Command Observation() => Delete("OBSERVATION_ID", "The observation to forget (obs_...).",
        "Forget one observation; its entity is computed again, or removed when nothing else observes it; says what it removed.",
        (c, id, ct) => c.Services.Forgetting.DeleteObservationAsync(c.UserId, id, ct));

    public static Command Source() => Delete("SOURCE_ID", "The source to forget (src_...).",
        "Forget a source and everything made from it (runs, observations, document, bytes); entities only it fed go too; says what it removed.",
        (c, id, ct) => c.Services.Forgetting.DeleteSourceAsync(c.UserId, id, ct));

    private static Command Delete(string name, string description, string summary, Func<CliContext, string, CancellationToken, Task<DeleteResult>> delete)
    {
        var id = new Argument<string>(name) { Description = description };
        var command = new Command("delete", summary) { id };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await delete(context, parse.GetValue(id)!, ct), StrataJson.Wire.DeleteResult, DocumentText.Of);
            return 0;
        }));
        return command;
    }
}
