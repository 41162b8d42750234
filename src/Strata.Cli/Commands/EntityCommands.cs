using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Strata.Cli.Output;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

internal static class EntityCommands
{
    public static Command Correct()
    {
        var entity = new Argument<string>("ENTITY_ID");
        var field = new Argument<string>("FIELD");
        var value = new Argument<string>("VALUE") { Description = "The value: parsed as JSON when it is JSON (42, true, [\"a\"]), else taken as text." };
        var reason = new Option<string?>("--reason") { Description = "Why: kept with the correction." };
        var command = new Command("correct", "Set a field's value; it outranks every interpretation until a newer correction.") { entity, field, value, reason };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Corrections.CorrectAsync(context.UserId, parse.GetValue(entity)!, parse.GetValue(field)!,
                ParseValue(parse.GetValue(value)!), parse.GetValue(reason), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.CorrectionResult, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Merge()
    {
        var from = new Argument<string>("FROM") { Description = "The entity that goes away (its reads and writes redirect)." };
        var to = new Argument<string>("TO") { Description = "The entity that stays." };
        var reason = new Option<string?>("--reason");
        var command = new Command("merge", "Merge one entity into another, keeping every observation.") { from, to, reason };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Merges.MergeAsync(context.UserId, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(reason), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.MergeResult, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Entities()
    {
        var type = new Option<string?>("--type");
        var query = new Option<string?>("--query") { Description = "Text found in the name or any value." };
        var includeMerged = new Option<bool>("--include-merged");
        var includeProvenance = new Option<bool>("--include-provenance")
        {
            Description = "With --json, also give each entity's provenance (per field, the observation that supplied it); null otherwise.",
        };
        var paging = new PagingOptions(byCursor: true);
        var list = new Command("list", "List entities, newest first.") { type, query, includeMerged, includeProvenance };
        paging.AddTo(list);
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Entities.RetrieveAsync(context.UserId, parse.GetValue(type), parse.GetValue(query),
                parse.GetValue(includeMerged), parse.GetValue(includeProvenance), paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.EntityList, HumanText.Of);
            return 0;
        }));

        var id = new Argument<string>("ENTITY_ID");
        var at = new Option<string?>("--at") { Description = "Show the snapshot as it stood at this time (ISO 8601)." };
        var show = new Command("show", "Show an entity's snapshot with provenance.") { id, at };
        show.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Entities.GetSnapshotAsync(context.UserId, parse.GetValue(id)!, ParseTime(parse.GetValue(at)), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.SnapshotView, HumanText.Of);
            return 0;
        }));
        return new Command("entities", "Entities and their snapshots.")
        {
            list, show, SplitCommands.Split(), SplitCommands.Unmerge(), SplitCommands.Reresolve(), ForgetCommands.Entity(),
        };
    }

    public static Command Observations()
    {
        var id = new Argument<string>("ENTITY_ID");
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("observations", "List every observation of an entity (observations delete ID: forget one).") { id, ForgetCommands.Observation() };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Entities.ListObservationsAsync(context.UserId, parse.GetValue(id)!, paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ObservationList, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Provenance()
    {
        var id = new Argument<string>("ENTITY_ID");
        var field = new Argument<string>("FIELD");
        var command = new Command("provenance", "Trace a field's value to its observation, run and source.") { id, field };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Entities.GetFieldProvenanceAsync(context.UserId, parse.GetValue(id)!, parse.GetValue(field)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ProvenanceChain, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Timeline()
    {
        var from = new Option<string?>("--from") { Description = "First date (inclusive)." };
        var to = new Option<string?>("--to") { Description = "Last date (inclusive)." };
        var type = new Option<string?>("--type");
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("timeline", "Dated events from entities' date fields, in date order.") { from, to, type };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Entities.TimelineAsync(context.UserId, parse.GetValue(from), parse.GetValue(to),
                parse.GetValue(type), paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.TimelineList, HumanText.Of);
            return 0;
        }));
        return command;
    }

    /// <summary>JSON when it parses as JSON, else the text itself: <c>42</c> is a number, <c>Ada</c> a string.</summary>
    public static JsonElement ParseValue(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, StrataJson.Wire.String);
        }
    }

    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw StrataException.Validation($"'{text}' is not a time; use ISO 8601, e.g. 2024-05-01T12:00:00Z.");
    }
}
