using Strata.Core;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.Sqlite.Storage;

namespace Strata.Bench.Harness;

/// <summary>A Strata over a data directory, wired as <c>EmbeddedStrata</c> wires it, with the blob store observable.</summary>
public sealed class StrataHost
{
    public const string UserName = "bench";

    private StrataHost(StrataServices services, CountingBlobStore blobs, string userId, string dataDirectory)
    {
        Services = services;
        Blobs = blobs;
        UserId = userId;
        DataDirectory = dataDirectory;
    }

    public StrataServices Services { get; }

    public CountingBlobStore Blobs { get; }

    public string UserId { get; }

    public string DataDirectory { get; }

    public static async Task<StrataHost> OpenAsync(string dataDirectory, CancellationToken cancellationToken, long maxUploadBytes = StrataOptions.DefaultMaxUploadBytes)
    {
        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        var store = SqliteStrataStore.Open(Path.Combine(root, "strata.db"), TimeProvider.System);
        var blobs = new CountingBlobStore(new FileBlobStore(root));
        var options = new StrataOptions { SpoolDirectory = Path.Combine(root, "spool"), MaxUploadBytes = maxUploadBytes };
        var services = new StrataServices(store, blobs, [new RulesInterpreter()], options, TimeProvider.System);
        var user = await services.Users.EnsureAsync(UserName, cancellationToken);
        return new StrataHost(services, blobs, user.Id, root);
    }
}

/// <summary>Counts what reaches the blob store, to prove that a path (dedupe) writes nothing.</summary>
public sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
{
    private int _puts;
    private int _deletes;

    public int Puts => _puts;

    public int Deletes => _deletes;

    public async Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _puts);
        await inner.PutFileAsync(key, localPath, cancellationToken);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deletes);
        await inner.DeleteAsync(key, cancellationToken);
    }
}
