using Strata.Core;
using Strata.Core.Sources;
using Strata.Core.Users;
using Strata.Formats;
using Strata.Sqlite;

namespace Strata.Bench.Harness;

/// <summary>The embedded Strata over a data directory, as <c>strata</c> opens it, with the blob store observable.</summary>
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

    /// <summary>Opens the store and makes sure the bench user exists, on the enterprise plan: the workloads store
    /// more than a free plan's gigabyte and run more than its hundred interpretations a month.</summary>
    public static async Task<StrataHost> OpenAsync(string dataDirectory, CancellationToken cancellationToken, long maxUploadBytes = StrataOptions.DefaultMaxUploadBytes,
        EmbeddedSettings? settings = null)
    {
        var root = Path.GetFullPath(dataDirectory);
        CountingBlobStore? blobs = null;
        var services = EmbeddedStrata.Open(root, [new RulesInterpreter()], TimeProvider.System, (settings ?? new EmbeddedSettings()) with
        {
            MaxUploadBytes = maxUploadBytes,
            WrapBlobStore = files => blobs = new CountingBlobStore(files),
            Documents = Strata.Formats.Documents.DocumentConverters.Default,
            ChatExports = new Strata.Formats.Chat.Import.ChatExports(),
            Exports = Strata.Formats.Exports.TableFormats.Default,
        });
        var existing = (await services.Users.ListAsync(cancellationToken)).Users.FirstOrDefault(u => u.Name == UserName);
        var userId = existing?.UserId ?? (await services.Users.CreateAsync(UserName, Plans.Enterprise, cancellationToken)).UserId;
        return new StrataHost(services, blobs!, userId, root);
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

    public IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
}
