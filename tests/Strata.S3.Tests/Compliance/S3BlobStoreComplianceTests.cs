using Strata.Core.Sources;
using Strata.S3.Tests.Support;

namespace Strata.S3.Tests.Compliance;

[Collection(S3ServerCollection.Name)]
public sealed class S3BlobStoreComplianceTests(S3ServerFixture server) : BlobStoreComplianceTests
{
    private readonly S3BlobStore _store = new(server.Options("compliance"));

    protected override IBlobStore Store => _store;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await _store.EnsureBucketAsync(CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        _store.Dispose();
        await base.DisposeAsync();
    }
}
