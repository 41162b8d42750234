using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Imports;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>Importing chat exports: every fixture imports, the same export again adds nothing, a newer export adds only
/// what changed, and a broken export says where it broke and keeps what came before.</summary>
public sealed class ChatImportTests
{
    private static readonly (string Folder, string File, string Provider, int Conversations)[] FixtureExports =
    [
        ("chat_fixtures_context_carry", "chatgpt_conversations.json", "chatgpt", 2),
        ("chat_fixtures_context_carry", "claude_conversations.json", "claude", 1),
        ("chat_fixtures_misc", "bot-knows_chatgpt_export.json", "chatgpt", 2),
        ("chat_fixtures_misc", "bot-knows_claude_export.json", "claude", 1),
        ("chat_fixtures_misc", "chatlectify_chatgpt_export.json", "chatgpt", 1),
        ("chat_fixtures_misc", "chatlectify_claude_export.json", "claude", 1),
        ("claude_export_simonw", "example.json", "claude", 1),
        ("claude_export_simonw", "artifacts.json", "claude", 1),
    ];

    /// <summary>Every fixture on both databases.</summary>
    public static TheoryData<string, string, string, string, int> Fixtures
    {
        get
        {
            var data = new TheoryData<string, string, string, string, int>();
            foreach (var backend in new[] { Backends.Sqlite, Backends.Postgres })
            {
                foreach (var (folder, file, provider, conversations) in FixtureExports) data.Add(backend, folder, file, provider, conversations);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Every_fixture_export_imports_and_importing_it_again_adds_nothing(string backend, string folder, string file, string provider, int conversations)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");

        var first = await ImportFileAsync(strata, user, ChatExports.Fixture(folder, file), provider);
        var afterFirst = strata.Fingerprint();
        var again = await ImportFileAsync(strata, user, ChatExports.Fixture(folder, file), provider);

        Assert.Equal(ChatImportStatuses.QuickReady, first.Status);
        Assert.Equal(conversations, first.Counts.Conversations);
        Assert.Equal(conversations, first.Counts.ConversationsAdded);
        Assert.True(first.Counts.Messages > 0);
        Assert.NotNull(first.Profile);
        Assert.Equal(conversations, first.Profile!.Conversations);
        Assert.Equal(0, again.Counts.ConversationsAdded);
        Assert.Equal(conversations, again.Counts.ConversationsUnchanged);
        // Nothing new in any table but the import's own rows.
        Assert.Equal(Count(afterFirst, "sources"), Count(strata.Fingerprint(), "sources"));
        Assert.Equal(Count(afterFirst, "blobs"), Count(strata.Fingerprint(), "blobs"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_newer_export_adds_only_the_new_and_the_changed_conversations(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        var older = ChatExports.Claude(
            ("c1", "Coffee", [("human", "I like coffee.", "2024-01-01T10:00:00Z"), ("assistant", "Nice.", "2024-01-01T10:00:05Z")]),
            ("c2", "Trip", [("human", "Planning Lisbon.", "2024-01-02T10:00:00Z")]));
        var newer = ChatExports.Claude(
            ("c1", "Coffee", [("human", "I like coffee.", "2024-01-01T10:00:00Z"), ("assistant", "Nice.", "2024-01-01T10:00:05Z")]),
            ("c2", "Trip", [("human", "Planning Lisbon.", "2024-01-02T10:00:00Z"), ("human", "And Porto.", "2024-01-03T10:00:00Z")]),
            ("c3", "Books", [("human", "I read Le Guin.", "2024-01-04T10:00:00Z")]));

        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(older, "claude", "old.json"), null, CancellationToken.None);
        var second = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(newer, "claude", "new.json"), null, CancellationToken.None);

        Assert.Equal(3, second.Counts.Conversations);
        Assert.Equal(2, second.Counts.ConversationsAdded); // c2 changed, c3 is new
        Assert.Equal(1, second.Counts.ConversationsUnchanged);
        Assert.Equal(4, Count(strata.Fingerprint(), "sources"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_broken_export_fails_naming_where_it_broke_and_keeps_the_conversations_before_the_break(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        var whole = Encoding.UTF8.GetString(ChatExports.Claude(
            ("c1", "One", [("human", "First conversation.", "2024-01-01T10:00:00Z")]),
            ("c2", "Two", [("human", "Second conversation.", "2024-01-02T10:00:00Z")])).ToArray());
        var broken = whole[..(whole.IndexOf("Second", StringComparison.Ordinal) + 3)];

        var import = await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(new MemoryStream(Encoding.UTF8.GetBytes(broken)), "claude", "broken.json"), null, CancellationToken.None);

        Assert.Equal(ChatImportStatuses.Failed, import.Status);
        Assert.StartsWith(ErrorCodes.MalformedContent, import.Error);
        Assert.Contains("after conversation 1", import.Error);
        Assert.Contains("Imported before the break: 1 conversations", import.Error);
        Assert.Equal(1, import.Counts.Conversations);
        var read = await strata.Services.ChatImports.GetAsync(user, import.ImportId, CancellationToken.None);
        Assert.Equal(import with { Profile = read.Profile }, read);
        Assert.Equal(1, Count(strata.Fingerprint(), "sources"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Another_users_import_answers_exactly_like_a_missing_one(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        var import = await strata.Services.ChatImports.ImportAsync(alice,
            new ChatImportRequest(ChatExports.Claude(("c1", "One", [("human", "Hello.", "2024-01-01T10:00:00Z")])), "claude", null), null, CancellationToken.None);

        var theirs = await Assert.ThrowsAsync<StrataException>(() => strata.Services.ChatImports.GetAsync(bob, import.ImportId, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<StrataException>(() => strata.Services.ChatImports.GetAsync(bob, "imp_missing", CancellationToken.None));

        Assert.Equal(ErrorCodes.ImportNotFound, theirs.Code);
        Assert.Equal(missing.Code, theirs.Code);
    }

    [Fact]
    public void The_pipeline_version_is_chosen_by_a_stable_hash_of_the_user_and_the_percentage()
    {
        var users = Enumerable.Range(0, 1_000).Select(i => $"usr_{i}").ToList();

        Assert.All(users, u => Assert.Equal(ChatPipelines.Current, ChatPipelines.For(u, 0)));
        Assert.All(users, u => Assert.Equal(ChatPipelines.Newer, ChatPipelines.For(u, 100)));
        var newer = users.Count(u => ChatPipelines.For(u, 25) == ChatPipelines.Newer);
        Assert.InRange(newer, 200, 300);
        // Stable across processes and hosts, not only within this one: the buckets are pinned (SHA-256 of
        // "chat-pipeline:" + the id, first four bytes big-endian, modulo 100, as computed outside .NET).
        Assert.Equal([8, 30, 28, 62, 31, 63, 39, 43], users.Take(8).Select(ChatPipelines.Bucket));
        // Raising the percentage only moves users to the newer version, never back.
        Assert.All(users.Where(u => ChatPipelines.For(u, 25) == ChatPipelines.Newer), u => Assert.Equal(ChatPipelines.Newer, ChatPipelines.For(u, 50)));
    }

    private static async Task<ChatImportView> ImportFileAsync(TestStrata strata, string user, string path, string provider)
    {
        await using var file = File.OpenRead(path);
        return await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(file, provider, Path.GetFileName(path)), null, CancellationToken.None);
    }

    private static long Count(string fingerprint, string table) =>
        long.Parse(fingerprint.Split(' ').Single(p => p.StartsWith(table + "=", StringComparison.Ordinal))[(table.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);
}
