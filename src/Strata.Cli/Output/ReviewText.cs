using System.Globalization;
using System.Text;
using Strata.Core.Operations;
using Strata.Core.Review;

namespace Strata.Cli.Output;

/// <summary>The text form of review results.</summary>
internal static class ReviewText
{
    public static string Counts(ReviewCounts c) => string.Create(CultureInfo.InvariantCulture,
        $"pending {c.Pending}, claimed {c.Claimed}, staged {c.Staged}, confirmed {c.Confirmed}, failed {c.Failed}");

    public static string Of(RegisterBlockSchemaResult r) =>
        $"{(r.Created ? "Registered" : "Unchanged")} block schema {r.SchemaRef} v{r.Version} ({r.SchemaUid[..12]})";

    public static string Of(BlockSchemaList l) => l.Items.Count == 0 ? "No block schemas."
        : string.Join('\n', l.Items.Select(s => $"{s.SchemaRef} v{s.Version}  {s.FieldCount} fields  {s.Description}"));

    public static string Of(BlockSchemaView s) => $"{s.SchemaRef} v{s.Version} ({s.SchemaUid})\n{s.Description}\nproperties: {s.Properties.GetRawText()}";

    public static string Of(DeleteBlockSchemaResult r) => $"Deleted block schema {r.SchemaRef}: {r.VersionsRemoved} version(s), {r.RunsRemoved.Count} run(s), {r.EntitiesRemoved} entit{(r.EntitiesRemoved == 1 ? "y" : "ies")}"
        + string.Concat(r.RunsRemoved.Select(run => "\n  " + Of(run)));

    public static string Of(DeleteBlockRunResult r) =>
        $"Deleted run {r.RunId}: {r.ItemsRemoved} block item(s), {r.ValuesRemoved} value(s), {r.ObservationsRemoved} observation(s), {r.EntitiesRemoved} entit{(r.EntitiesRemoved == 1 ? "y" : "ies")}";

    public static string Of(BlockRunView r) => $"{r.RunId}  {r.Status}  {r.SchemaRef} v{r.SchemaVersion} over {r.DocumentId}\n  {Counts(r.Counts)}"
        + (r.Error is null ? "" : $"\n  error: {r.Error}");

    public static string Of(StartBlockRunResult r) => "Started " + Of(r.Run);

    public static string Of(BlockRunList l) => (l.Items.Count == 0 ? "No block runs." : string.Join('\n', l.Items.Select(Of)))
        + (l.NextCursor is null ? "" : $"\nMore: --cursor {l.NextCursor}");

    public static string Of(BlockValueView v)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"#{v.BlockIndex}  {v.State,-9}  "));
        text.Append(v.Value?.GetRawText() ?? v.Error ?? "");
        // A rejected block waits to be asked again: show what was set aside, or its row reads as never answered.
        if (v.Value is null && v.Error is null && v.ModelValue is { } rejected) text.Append("(rejected: ").Append(rejected.GetRawText()).Append(')');
        if (v.Edited) text.Append("  (edited by ").Append(v.EditedBy).Append(')');
        if (v.ConfirmedBy is not null) text.Append("  confirmed by ").Append(v.ConfirmedBy);
        return text.ToString();
    }

    public static string Of(BlockValueList l) => (l.Items.Count == 0 ? "No blocks." : string.Join('\n', l.Items.Select(Of)))
        + (l.NextCursor is null ? "" : $"\nMore: --cursor {l.NextCursor}");

    public static string Of(BulkReviewResult r) => string.Create(CultureInfo.InvariantCulture, $"{r.Changed} block(s) changed in {r.Scope} {r.Id}\n  {Counts(r.Counts)}");

    public static string Of(MatchingReviewResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Matched} staged value(s) of {r.RunId} match; {(r.DryRun ? "dry run, nothing changed" : $"{r.Changed} {r.Action}ed")}"
        + $"{(r.Action == "reject" ? $"; {r.ModelCalls} model call(s) to ask again" : "")}\n  {Counts(r.Counts)}"
        + $"{(r.ChangeId is null ? "" : "\n  Undo: strata review undo " + r.ChangeId)}");

    public static string Of(BulkChangeResult r) => string.Create(CultureInfo.InvariantCulture,
        $"Bulk change {r.ChangeId}: {r.Changed.Count} block(s) of {r.RunId} {r.Action}ed, {r.Unchanged.Count} not staged left as they were"
        + $"{(r.Action == "reject" ? $"; {r.ModelCalls} model call(s) to ask again" : "")}{(r.Counts is null ? "" : $"\n  {Counts(r.Counts)}")}");

    public static string Of(UndoBulkChangeResult r) => string.Create(CultureInfo.InvariantCulture,
        $"Bulk change {r.ChangeId} undone: {r.Undone.Count} block(s) staged again, {r.LeftAsTheyWere.Count} changed since left as they were\n  {Counts(r.Counts)}");

    public static string Of(ApplySchemaResult r) =>
        $"{r.RunsStarted.Count} run(s) of {r.SchemaRef} v{r.SchemaVersion} started in {r.ProjectId}; {r.DocumentsSkipped.Count} document(s) skipped";

    public static string Of(ProjectProgress p) => $"{p.ProjectId}: {Counts(p.Counts)}"
        + string.Concat(p.Documents.Select(d => $"\n  {d.DocumentId} ({d.Runs} run(s)): {Counts(d.Counts)}"));
}
