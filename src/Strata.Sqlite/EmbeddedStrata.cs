using Strata.Core;
using Strata.Core.Interpretation;
using Strata.Core.Sources;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite;

/// <summary>The zero-setup default: <c>strata.db</c>, <c>sources/</c> (blobs) and <c>spool/</c> in one data directory.</summary>
public static class EmbeddedStrata
{
    public const string DefaultDataDirectory = "./strata-data";

    public static StrataServices Open(string dataDirectory, IEnumerable<IInterpreter> interpreters, TimeProvider clock, long? maxUploadBytes = null)
    {
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        var store = SqliteStrataStore.Open(Path.Combine(root, "strata.db"), clock);
        var blobs = new FileBlobStore(root);
        var options = new StrataOptions
        {
            SpoolDirectory = Path.Combine(root, "spool"),
            MaxUploadBytes = maxUploadBytes ?? StrataOptions.DefaultMaxUploadBytes,
        };
        return new StrataServices(store, blobs, interpreters, options, clock);
    }
}
