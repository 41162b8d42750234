using Strata.Core.Sources;
using Strata.S3.Tests.Support;

namespace Strata.S3.Tests.Compliance;

public sealed class FileBlobStoreComplianceTests : BlobStoreComplianceTests
{
    private readonly TempDirectory _root = new();

    public FileBlobStoreComplianceTests()
    {
        Store = new FileBlobStore(_root.File("blobs"));
    }

    protected override IBlobStore Store { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _root.Dispose();
    }
}
