using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests;

/// <summary>The README says the local user is created on first use: a key for it is a first use too.</summary>
public sealed class LocalUserKeyTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("strata-local-key-").FullName;
    private string? _database;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Users_keys_create_local_works_as_the_first_command_on_a_fresh_store(string backend)
    {
        if (backend == Backends.Postgres) _database = await PostgresTestDatabase.CreateAsync();
        string[] database = _database is null ? [] : ["--database", _database];
        var cli = new StrataProcess(_data);

        var created = await cli.RunAsync([.. database, "--json", "users", "keys", "create", "local", "--label", "laptop"]);

        Assert.True(created.Exit == 0, created.Error);
        var key = JsonDocument.Parse(created.Out).RootElement;
        Assert.Equal("local", key.GetProperty("name").GetString());
        Assert.StartsWith("key_", key.GetProperty("key_id").GetString());
        var listed = await cli.RunAsync([.. database, "--json", "users", "keys", "list", "local"]);
        Assert.Equal(1, JsonDocument.Parse(listed.Out).RootElement.GetProperty("keys").GetArrayLength());
        // Any other name still has to exist first.
        var unknown = await cli.RunAsync([.. database, "users", "keys", "create", "nobody"]);
        Assert.NotEqual(0, unknown.Exit);
    }

    public void Dispose()
    {
        if (_database is not null) PostgresTestDatabase.DropAsync(_database).GetAwaiter().GetResult();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
