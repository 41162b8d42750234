using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Core.Operations;
using Strata.Core.Usage;

namespace Strata.Cli.Output;

/// <summary>How each result reads to a person.</summary>
internal static partial class HumanText
{
    public static string Of(IngestResult r)
    {
        var text = new StringBuilder();
        // The name this call gave, not the source's first name: a dedupe names the earlier file in its reason instead.
        text.AppendLine($"{r.FileName ?? r.OriginalFilename ?? "(stdin)"}: source {r.SourceId} ({r.MimeType}, {r.ByteSize} bytes, sha256 {r.ContentHash[..12]}…){(r.Deduplicated ? " — already stored" : "")}");
        if (r.StorageStatus != "uploaded") text.AppendLine($"  storage {r.StorageStatus}");
        text.Append("  ").Append(Of(r.Interpretation));
        return text.ToString();
    }

    public static string Of(StoreResult r)
    {
        var table = new TextTable("ENTITY", "TYPE", "ACTION", "OBSERVATION");
        foreach (var e in r.Entities) table.Add(e.EntityId, e.EntityType, e.Action, e.ObservationId);
        return $"source {r.SourceId}, run {r.RunId}, {Plural.Count(r.UnknownFieldsCount, "unknown field")}\n{table}";
    }

    public static string Of(CorrectionResult r) =>
        $"{r.EntityId}.{r.Field} = {r.Value.GetRawText()} (correction {r.ObservationId}, priority {r.Priority})\n";

    public static string Of(MergeResult r) =>
        $"merged {r.FromEntityId} into {r.ToEntityId}: {Plural.Count(r.ObservationsMoved, "observation")} moved at {r.MergedAt:u} (merge {r.MergeId}; undo with: strata entities unmerge {r.MergeId})\n";

    public static string Of(SplitResult r) => r.MergeId is null
        ? $"split {Plural.Count(r.ObservationsMoved, "observation")} off {r.FromEntityId} into {r.ToEntityId} at {r.SplitAt:u} (split {r.SplitId})\n"
        : $"undid merge {r.MergeId}: {Plural.Count(r.ObservationsMoved, "observation")} moved back from {r.FromEntityId} to {r.ToEntityId} at {r.SplitAt:u} (split {r.SplitId})\n";

    public static string Of(ReresolveResult r)
    {
        var table = new TextTable("ACTION", "ENTITY", "TO", "OBS", "REASON");
        foreach (var m in r.Moves) table.Add(m.Action, m.EntityId, m.ToEntityId ?? "(new)", m.ObservationsMoved?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all", m.Reason);
        var verdict = r.DryRun ? "would make" : "made";
        return $"{(r.Moves.Count > 0 ? table.ToString() : "")}{Plural.Count(r.EntitiesExamined, "entity")} examined; {verdict} {Plural.Count(r.Moves.Count, "move")}{(r.DryRun ? " (dry run: nothing changed)" : "")}\n";
    }

    public static string Of(EntityList r)
    {
        var table = new TextTable("ID", "TYPE", "NAME", "FIELDS", "OBS", "UPDATED");
        foreach (var e in r.Entities) table.Add(e.EntityId, e.EntityType, e.DisplayName, e.Fields.Count, e.ObservationCount, e.UpdatedAt);
        return $"{table}{PageLine.Of(r.Entities.Count, "entity", r.Total, r.NextCursor)}";
    }

    public static string Of(SnapshotView s)
    {
        var text = new StringBuilder();
        text.AppendLine($"{s.EntityId}  {s.EntityType}  {s.DisplayName}");
        if (s.RedirectedFrom is not null) text.AppendLine($"  (redirected from {s.RedirectedFrom}, which was merged into this entity)");
        if (s.MergedInto is not null) text.AppendLine($"  merged into {s.MergedInto}");
        var table = new TextTable("FIELD", "VALUE", "FROM OBSERVATION");
        foreach (var (field, value) in s.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            table.Add(field, Value(value), s.Provenance?.GetValueOrDefault(field));
        }
        text.Append(table);
        text.AppendLine($"{Plural.Count(s.ObservationCount, "observation")}, updated {s.UpdatedAt:u}");
        return text.ToString();
    }

    public static string Of(ObservationList r)
    {
        var table = new TextTable("OBSERVATION", "KIND", "PRIORITY", "STATE", "RUN", "LOCATOR", "FIELDS", "OBSERVED");
        foreach (var o in r.Observations)
        {
            table.Add(o.ObservationId, o.Kind, o.Priority, o.State, o.RunId, o.Locator, string.Join(",", o.Fields.Keys), o.ObservedAt);
        }
        var evidence = new StringBuilder();
        foreach (var o in r.Observations.Where(o => o.Evidence is not null))
        {
            foreach (var (field, e) in o.Evidence!.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                evidence.AppendLine($"  {o.ObservationId} {field}: {Evidence(e)}");
            }
        }
        var quoted = evidence.Length == 0 ? "" : "Evidence:\n" + evidence;
        return $"{table}{quoted}{PageLine.Of(r.Observations.Count, "observation", r.Total, r.NextCursor, $" of {r.EntityId}")}";
    }

    public static string Of(ProvenanceChain p)
    {
        var text = new StringBuilder();
        text.AppendLine($"{p.EntityId}.{p.Field} = {Value(p.Value)}");
        text.AppendLine($"  observation {p.Observation.ObservationId} ({p.Observation.Kind}, priority {p.Observation.Priority}, {p.Observation.Locator}, observed {p.Observation.ObservedAt:u}){(p.Observation.Reason is null ? "" : " reason: " + p.Observation.Reason)}");
        if (p.Run is not null) text.AppendLine($"  run {p.Run.RunId} ({p.Run.Interpreter} {p.Run.InterpreterVersion}, {RunConfigText.Of(p.Run.Config)}, {p.Run.Status})");
        if (p.RunItem is not null) text.AppendLine($"  run item {p.RunItem.Index} (characters {p.RunItem.CharStart}-{p.RunItem.CharStart + p.RunItem.CharLength} of the source, {p.RunItem.Status})");
        if (p.Evidence is not null) text.AppendLine($"  evidence {Evidence(p.Evidence)}");
        if (p.Source is not null) text.AppendLine($"  source {p.Source.SourceId} ({p.Source.OriginalFilename ?? "no file name"}, {p.Source.MimeType}, sha256 {p.Source.ContentHash})");
        return text.ToString();
    }

    /// <summary>A quote and where it is: <c>"Ada Lovelace" at characters 42-54 (exact)</c>; end exclusive.</summary>
    private static string Evidence(EvidenceView e) => e.EvidenceFound && e.Start is { } start && e.Length is { } length
        ? $"\"{e.Quote}\" at characters {start}-{start + length} ({e.Match})"
        : $"\"{e.Quote}\" (not found in the source)";

    public static string Of(TimelineList r)
    {
        var table = new TextTable("DATE", "FIELD", "TYPE", "WHAT", "ENTITY");
        foreach (var e in r.Events) table.Add(e.Date, e.Field, e.EntityType, e.Label, e.EntityId);
        return $"{table}{PageLine.Of(r.Events.Count, "event", r.Total, r.NextCursor)}";
    }

    public static string Of(SourceList r)
    {
        var table = new TextTable("ID", "FILE", "TYPE", "BYTES", "STATUS", "CREATED");
        foreach (var s in r.Sources) table.Add(s.SourceId, s.OriginalFilename, s.MimeType, s.ByteSize, s.StorageStatus, s.CreatedAt);
        return $"{table}{PageLine.Of(r.Sources.Count, "source", r.Total, r.NextCursor)}";
    }

    public static string Of(RunList r)
    {
        var table = new TextTable("ID", "SOURCE", "INTERPRETER", "STATUS", "ITEMS", "OBS", "UNKNOWN", "CREATED");
        foreach (var run in r.Runs)
        {
            table.Add(run.RunId, run.SourceId, $"{run.Interpreter} {run.InterpreterVersion}", run.Status, run.ItemsCount, run.ObservationsCreated, run.UnknownFieldsCount, run.CreatedAt);
        }
        return $"{table}{PageLine.Of(r.Runs.Count, "run", r.Total, r.NextCursor)}";
    }

    public static string Of(RunView run) =>
        $"run {run.RunId} {run.Status}\n  source       {run.SourceId}\n  interpreter  {run.Interpreter} {run.InterpreterVersion}\n"
        + (RunConfigText.Model(run.Config) is { } model ? $"  model        {model}\n" : "")
        + $"  items        {run.ItemsCount}\n  observations {run.ObservationsCreated}\n  unknown      {run.UnknownFieldsCount}\n"
        + $"  created      {run.CreatedAt:O}\n  completed    {(run.CompletedAt is { } done ? done.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "-")}\n"
        + (run.Error is null ? "" : $"  error        {run.Error}\n")
        + (run.Items is null ? "" : RunItems(run.Items));

    public static string Of(InterpretationOutcome i) =>
        i.Skipped ? $"not interpreted: {i.Reason}\n"
        : i.ObservationsCreated is null ? $"run {i.RunId} {i.Status}: {i.Reason}\n"
        : $"run {i.RunId} {i.Status}: {Plural.Count(i.ObservationsCreated.Value, "observation")}, {Plural.Count(i.EntitiesTotal ?? 0, "entity")}, {Plural.Count(i.UnknownFieldsCount ?? 0, "unknown field")}{TooLong(i.ValuesTooLong)}{(i.Error is null ? "" : " — " + i.Error)}\n";

    private static string TooLong(int? count) => count is > 0
        ? $", {Plural.Count(count.Value, "value")} over the length limit not kept (see raw fragments)"
        : "";

    public static string Of(UsageView u)
    {
        var storage = u.StorageLimitBytes is { } bytes ? $"{ByteSizes.Describe(u.BytesStored)} of {ByteSizes.Describe(bytes)}" : $"{ByteSizes.Describe(u.BytesStored)} (unlimited)";
        var interpretations = u.InterpretationsLimit is { } limit ? $"{u.InterpretationsThisMonth} of {limit}" : $"{u.InterpretationsThisMonth} (unlimited)";
        return $"plan {u.Plan}\n  storage          {storage}\n  interpretations  {interpretations} in {u.BillingMonth} (resets {u.ResetsAt:yyyy-MM-dd})\n"
            + (u.Llm is { } llm ? LlmUsageLine(llm, u.BillingMonth) : "");
    }

    public static string Of(DuplicateList r)
    {
        var table = new TextTable("SCORE", "TYPE", "ENTITY A", "NAME A", "ENTITY B", "NAME B", "STATUS", "REASONS");
        foreach (var d in r.Duplicates)
        {
            table.Add(d.Score.ToString("0.000", CultureInfo.InvariantCulture), d.EntityType, d.EntityA.EntityId, d.EntityA.CanonicalName,
                d.EntityB.EntityId, d.EntityB.CanonicalName, d.Status, Reasons(d.Reasons));
        }
        return $"{table}{PageLine.Of(r.Duplicates.Count, "potential duplicate", r.Total, r.NextCursor, " (merge with: strata merge FROM TO)")}";
    }

    public static string Of(DuplicateView d) =>
        $"{d.EntityA.EntityId} ({d.EntityA.CanonicalName}) and {d.EntityB.EntityId} ({d.EntityB.CanonicalName}): {d.Status}, "
        + $"score {d.Score.ToString("0.000", CultureInfo.InvariantCulture)} ({Reasons(d.Reasons)})\n";

    /// <summary>"birthday agree, family_name 0.97, …": how each compared field agreed.</summary>
    private static string Reasons(IReadOnlyDictionary<string, JsonElement> reasons) =>
        string.Join(", ", reasons.Select(r => $"{r.Key} {(r.Value.ValueKind == JsonValueKind.String ? r.Value.GetString() : r.Value.GetRawText())}"));

    public static string Of(DuplicateScanResult r) =>
        $"scanned {Plural.Count(r.EntitiesScanned, "new or changed entity", "new or changed entities")}, compared {Plural.Count(r.PairsCompared, "pair")}: "
        + $"{Plural.Count(r.PairsFound, "potential duplicate pair")}, {r.NewPairs} new, {r.AutoMerged} merged automatically\n";

    public static string Of(HealthReport h)
    {
        var table = new TextTable("CHECK", "STATUS", "DETAIL");
        foreach (var c in h.Checks) table.Add(c.Name, c.Status, c.Detail);
        return $"{h.Status}\n{table}";
    }

    public static string Of(SchemaList r)
    {
        var table = new TextTable("TYPE", "VERSION", "BUILT-IN", "FIELDS", "UID", "DESCRIPTION");
        foreach (var s in r.Schemas) table.Add(s.EntityType, s.Version, s.BuiltIn ? "yes" : "no", s.FieldCount, s.SchemaUid[..12], s.Description);
        return table.ToString();
    }

    public static string Of(SchemaView s) =>
        $"{s.EntityType} v{s.Version} ({(s.BuiltIn ? "built-in" : "registered")}, uid {s.SchemaUid})\n" +
        JsonSerializer.Serialize(s.Definition, new JsonSerializerOptions { WriteIndented = true, TypeInfoResolver = StrataJson.Default }) + "\n";

    public static string Of(RegisterSchemaResult r) =>
        r.Created ? $"registered {r.EntityType} version {r.Version} (uid {r.SchemaUid})\n"
        : $"{r.EntityType} version {r.Version} is already this schema (uid {r.SchemaUid}); nothing changed\n";

    public static string Of(CreatedUser u) =>
        $"created user {u.Name} ({u.UserId}, plan {u.Plan})\nAPI key (shown once, store it now): {u.ApiKey}\n";

    public static string Of(UserList r)
    {
        var table = new TextTable("NAME", "ID", "PLAN", "API KEY", "CREATED");
        foreach (var u in r.Users) table.Add(u.Name, u.UserId, u.Plan, u.HasApiKey ? "yes" : "no", u.CreatedAt);
        return table.ToString();
    }

    public static string Of(CreatedApiKey k) =>
        $"created key {k.KeyId}{(k.Label is null ? "" : $" ({k.Label})")} for {k.Name} ({k.UserId})\nAPI key (shown once, store it now): {k.ApiKey}\n";

    public static string Of(ApiKeyList r)
    {
        var table = new TextTable("KEY", "LABEL", "CREATED", "LAST USED", "REVOKED");
        foreach (var k in r.Keys) table.Add(k.KeyId, k.Label, k.CreatedAt, k.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never", k.RevokedAt);
        return $"{table}{Plural.Count(r.Keys.Count, "key")} of {r.Name}\n";
    }

    public static string Of(ApiKeyView k) =>
        k.Active ? $"key {k.KeyId} is active\n" : $"revoked key {k.KeyId}{(k.Label is null ? "" : $" ({k.Label})")} at {k.RevokedAt:u}\n";

    private static string Value(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
