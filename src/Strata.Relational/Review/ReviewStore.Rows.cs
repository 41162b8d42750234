using Strata.Core.Review;

namespace Strata.Relational.Review;

internal sealed partial class ReviewStore
{
    /// <summary>Rows as either database returns them; times are <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class RunRow
    {
        public string RunId { get; set; } = "";
        public string DocumentId { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public string SchemaRef { get; set; } = "";
        public int SchemaVersion { get; set; }
        public string SchemaUid { get; set; } = "";
        public object CreatedAt { get; set; } = "";

        public BlockRun ToRun() => new(RunId, DocumentId, ProjectId, SchemaRef, SchemaVersion, SchemaUid, StoredTime.Read(CreatedAt));
    }

    private sealed class CountRow
    {
        public string DocumentId { get; set; } = "";
        public long Runs { get; set; }
        public long Pending { get; set; }
        public long Claimed { get; set; }
        public long Staged { get; set; }
        public long Confirmed { get; set; }
        public long Failed { get; set; }

        public ReviewCounts ToCounts() => new((int)Pending, (int)Claimed, (int)Staged, (int)Confirmed, (int)Failed);
    }

    private sealed class ValueRow
    {
        public string RunId { get; set; } = "";
        public int BlockIndex { get; set; }
        public string BlockUid { get; set; } = "";
        public string DocumentId { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public string SchemaRef { get; set; } = "";
        public string State { get; set; } = "";
        public string? ValueJson { get; set; }
        public string? ModelValueJson { get; set; }
        public bool Edited { get; set; }
        public string? EditedBy { get; set; }
        public object? EditedAt { get; set; }
        public string? ConfirmedBy { get; set; }
        public object? ConfirmedAt { get; set; }
        public string? ObservationId { get; set; }
        public string? EntityId { get; set; }
        public object UpdatedAt { get; set; } = "";

        public BlockValue ToValue() => new(RunId, BlockIndex, BlockUid, DocumentId, ProjectId, SchemaRef, State, ValueJson, ModelValueJson,
            Edited, EditedBy, StoredTime.ReadNullable(EditedAt), ConfirmedBy, StoredTime.ReadNullable(ConfirmedAt), ObservationId, EntityId,
            StoredTime.Read(UpdatedAt));
    }
}
