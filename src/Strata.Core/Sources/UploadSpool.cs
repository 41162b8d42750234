namespace Strata.Core.Sources;

/// <summary>Bytes whose upload to the blob store failed wait here — <c>{spool}/uploads/{user_id}/{sha256}</c> — until
/// an upload job moves them. A source whose upload finally failed keeps its bytes here for an operator.</summary>
public sealed class UploadSpool(string spoolDirectory)
{
    public string PathFor(Source source) => Path.Combine(spoolDirectory, "uploads", source.UserId, source.ContentHash);

    /// <summary>Moves a spooled file into the upload spool (same folder tree, so a rename).</summary>
    public string Keep(string spooledPath, Source source)
    {
        var target = PathFor(source);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(spooledPath, target, overwrite: true);
        return target;
    }
}
