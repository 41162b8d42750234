namespace Strata.Core.Sources;

/// <summary>Where earlier versions kept bytes whose upload failed — <c>{spool}/uploads/{user_id}/{sha256}</c>. Pending
/// bytes now wait in the database (<see cref="PendingBytes"/>); this is read only for sources left pending by an
/// earlier version.</summary>
public sealed class UploadSpool(string spoolDirectory)
{
    public string PathFor(Source source) => Path.Combine(spoolDirectory, "uploads", source.UserId, source.ContentHash);
}
