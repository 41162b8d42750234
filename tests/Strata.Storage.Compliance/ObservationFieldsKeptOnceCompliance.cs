using System.Text.Json;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Observations;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// SQLite's migration 0450 keeps an observation's fields once ('' in its row) while its entity's snapshot holds the same
/// text (PostgreSQL keeps them in every row: docs/architecture.md). An observation is
/// immutable: whatever writers do to its entity afterwards, in parallel or not (new observations that change the
/// snapshot, corrections, merges), it must read back exactly what was written. Every structured write here states a
/// title no other write states, and every correction a value no other correction states, so an observation that read
/// its entity's later snapshot instead of its own fields would show a title or value twice, or one never written.
/// </summary>
public abstract class ObservationFieldsKeptOnceCompliance : StoreCompliance, IDisposable
{
    private const string User = "usr_a";
    private const int Contacts = 12, Writers = 6, WritesEach = 5;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-fields-once-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Observations_read_back_their_own_fields_after_parallel_writes_corrections_and_merges_change_their_entities()
    {
        var store = Store;
        var services = new StrataServices(store, new FileBlobStore(Path.Combine(_directory, "blobs")), [],
            new StrataOptions { SpoolDirectory = Path.Combine(_directory, "spool") }, TimeProvider.System);
        await store.Users.InsertAsync(new Core.Users.User(User, "a", Core.Users.Plans.Free, DateTimeOffset.UtcNow, false), null, CancellationToken.None);
        await store.Users.InsertAsync(new Core.Users.User("usr_b", "b", Core.Users.Plans.Free, DateTimeOffset.UtcNow, false), null, CancellationToken.None);

        var titles = new List<string>();
        var corrections = new List<string>();
        // Each contact's first observation is its snapshot: kept once.
        titles.AddRange(await WriteAsync(services, User, Enumerable.Range(0, Contacts), "first"));
        await WriteAsync(services, "usr_b", Enumerable.Range(0, Contacts), "other user");

        // Writers in parallel: each write restates every contact with a new title (a new observation that wins the title
        // and changes the snapshot), and corrects one contact's company.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < WritesEach; i++)
            {
                var written = await WriteAsync(services, User, Enumerable.Range(0, Contacts), $"w{writer}-{i}");
                var value = $"corrected by w{writer}-{i}";
                var entity = await EntityOfAsync(store, (writer + i) % Contacts);
                await services.Corrections.CorrectAsync(User, entity, "company", JsonSerializer.SerializeToElement(value), "test", CancellationToken.None);
                lock (titles)
                {
                    titles.AddRange(written);
                    corrections.Add(value);
                }
            }
        })));

        // Merges move observations between entities; then one more write changes every winner's snapshot again.
        for (var c = 1; c < Contacts; c += 3)
        {
            await services.Merges.MergeAsync(User, await EntityOfAsync(store, c), await EntityOfAsync(store, c - 1), "test", CancellationToken.None);
        }
        titles.AddRange(await WriteAsync(services, User, Enumerable.Range(0, Contacts), "last"));

        var read = await ReadAllAsync(store, User);
        Assert.Equal(titles.Order(StringComparer.Ordinal), read.Titles.Order(StringComparer.Ordinal));
        Assert.Equal(corrections.Order(StringComparer.Ordinal), read.Corrections.Order(StringComparer.Ordinal));
        Assert.Equal(Contacts * (2 + Writers * WritesEach) + Writers * WritesEach, read.Count);
        // The other user's observations are their own, and kept once too.
        var other = await ReadAllAsync(store, "usr_b");
        Assert.Equal(Contacts, other.Count);
        Assert.All(other.Titles, t => Assert.StartsWith("other user", t, StringComparison.Ordinal));
    }

    private static JsonElement Contact(int contact, string title) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["entity_type"] = "contact",
        ["name"] = $"Contact {contact}",
        ["email"] = $"contact{contact}@example.com",
        ["company"] = "Keystone",
        ["title"] = $"{title} #{contact}",
    });

    /// <summary>Writes the contacts with <paramref name="title"/> and returns the titles written.</summary>
    private static async Task<List<string>> WriteAsync(StrataServices services, string user, IEnumerable<int> contacts, string title)
    {
        var list = contacts.ToList();
        await services.Structured.StoreAsync(user, new StoreRequest(list.Select(c => Contact(c, title)).ToList()), CancellationToken.None);
        return list.Select(c => $"{title} #{c}").ToList();
    }

    private static async Task<string> EntityOfAsync(IStrataStore store, int contact)
    {
        await using var session = await store.OpenReadAsync(User, CancellationToken.None);
        var page = await session.Entities.QueryAsync(new EntityQuery("contact", $"contact{contact}@example.com", false, new Paging(Limit: 5)), CancellationToken.None);
        return Assert.Single(page.Items, s => s.Fields["email"].GetString() == $"contact{contact}@example.com").EntityId;
    }

    /// <summary>Every observation of the user's entities: the structured ones' titles, the corrections' values, the count.</summary>
    private static async Task<(List<string> Titles, List<string> Corrections, int Count)> ReadAllAsync(IStrataStore store, string user)
    {
        await using var session = await store.OpenReadAsync(user, CancellationToken.None);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(null, null, true, new Paging(Limit: 100, Cursor: cursor)), CancellationToken.None);
            ids.AddRange(page.Items.Select(s => s.EntityId));
            cursor = page.NextCursor;
        } while (cursor is not null);
        var observations = await session.Observations.ListForEntitiesAsync(ids, null, CancellationToken.None);
        var titles = observations.Where(o => o.Kind == ObservationKinds.Structured).Select(o => o.Fields["title"].GetString()!).ToList();
        var corrections = observations.Where(o => o.Kind == ObservationKinds.Correction).Select(o => o.Fields["company"].GetString()!).ToList();
        return (titles, corrections, observations.Count);
    }
}
