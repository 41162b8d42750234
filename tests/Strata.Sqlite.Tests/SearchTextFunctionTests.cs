using System.Text.Json;
using Microsoft.Data.Sqlite;
using Strata.Core.Snapshots;
using Strata.Core.Storage;
using Strata.Sqlite.Storage;

namespace Strata.Sqlite.Tests;

/// <summary>The search text SQLite computes from an entity row (<see cref="SqliteFunctions.SearchText"/>, since migration
/// 0530) is the text the store indexed the row by when it wrote it (<see cref="SearchTexts.Of"/> of the snapshot): else a
/// hit of the index would be checked against other text. Over the Big List of Naughty Strings (fixture, MIT) as names and
/// values, nested, with numbers, case that lower-cases beyond ASCII, a profile entity's bookkeeping and an overlong value.</summary>
public sealed class SearchTextFunctionTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Delete();

    private static string[] NaughtyStrings() =>
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blns", "blns.json")))!;

    /// <summary>A substring query finds every entity whose search text holds the word, whatever the name and values hold
    /// (the check reads the row's plain columns first and computes the text only where they cannot tell: none missed).</summary>
    [Fact]
    public async Task A_piece_of_any_entitys_search_text_finds_it()
    {
        var strings = NaughtyStrings().Where(s => s.Trim().Length > 0).ToArray();
        var store = _database.Open(TimeProvider.System);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.Users.InsertAsync(new Strata.Core.Users.User("usr_a", "a", "free", at, false), null, CancellationToken.None);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            for (var i = 0; i < 300; i++)
            {
                var (id, name) = ($"ent_{i:D3}", strings[i % strings.Length] + (i % 3 == 0 ? " ÉCOLE Straße" : ""));
                var fields = new Dictionary<string, JsonElement>
                {
                    ["value"] = JsonSerializer.SerializeToElement(strings[(i * 7 + 3) % strings.Length]),
                    ["list"] = JsonSerializer.SerializeToElement(new object[] { i * 1.5m, strings[(i * 13 + 5) % strings.Length].ToUpperInvariant() }),
                };
                Assert.True(await write.Entities.InsertAsync(new Strata.Core.Entities.Entity(id, "usr_a", "contact", name, null, null, at), CancellationToken.None));
                var text = SearchTexts.Of("contact", name, fields);
                await write.Entities.SaveSnapshotAsync(new PreparedSnapshot(
                    new Snapshot(id, "contact", name, fields, new Dictionary<string, string>(), 1, at.AddSeconds(i), null), text, []), CancellationToken.None);
                texts[id] = text;
            }
            await write.CommitAsync(CancellationToken.None);
        }

        var random = new Random(5);
        var asked = 0;
        await using var read = await store.OpenReadAsync("usr_a", CancellationToken.None);
        foreach (var (id, text) in texts.Where((_, i) => i % 2 == 0))
        {
            var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            foreach (var length in new[] { 1, 2, 4 })
            {
                var token = tokens[random.Next(tokens.Length)];
                if (token.Length < length) continue;
                var start = random.Next(token.Length - length + 1);
                if (char.IsLowSurrogate(token[start]) || char.IsHighSurrogate(token[start + length - 1])) continue; // a whole character
                var word = token.Substring(start, length);
                if (word.ToLowerInvariant() != word) continue; // a query is lower-cased; this piece would not be asked as it is
                var expected = texts.Where(t => t.Value.Contains(word, StringComparison.Ordinal)).Select(t => t.Key).ToHashSet();
                var page = await read.Entities.QueryAsync(new Strata.Core.Entities.EntityQuery(null, word, false, new Strata.Core.Paging(Limit: 500)),
                    CancellationToken.None);
                var found = page.Items.Select(s => s.EntityId).ToHashSet();
                Assert.True(expected.IsSubsetOf(found), $"{word}: missed {string.Join(", ", expected.Except(found))}");
                asked++;
            }
        }
        Assert.True(asked > 300, $"only {asked} pieces asked");
    }

    [Fact]
    public void The_text_computed_from_a_stored_row_is_the_text_indexed_when_it_was_written()
    {
        var strings = NaughtyStrings();
        Assert.True(strings.Length > 500);
        var cases = new List<(string Type, string Name, Dictionary<string, JsonElement> Fields)>();
        for (var i = 0; i < strings.Length; i++)
        {
            var s = strings[i];
            var other = strings[(i + 7) % strings.Length];
            cases.Add(("contact", s, new Dictionary<string, JsonElement>
            {
                ["name"] = JsonSerializer.SerializeToElement(s),
                ["tags"] = JsonSerializer.SerializeToElement(new object[] { other, new Dictionary<string, object> { ["deep"] = s.ToUpperInvariant() }, 12.50m }),
                ["n"] = JsonElement.Parse("-0.000150"),
                ["none"] = JsonElement.Parse("null"),
            }));
        }
        cases.Add(("contact", "İSTANBUL Kelvin \u212A ÅNGSTRÖM", new Dictionary<string, JsonElement> { ["x"] = JsonSerializer.SerializeToElement("ΣΊΣΥΦΟΣ") }));
        cases.Add(("contact", "long", new Dictionary<string, JsonElement> { ["v"] = JsonSerializer.SerializeToElement(new string('é', 5000)) }));
        cases.Add(("memory_entity", "Robo", new Dictionary<string, JsonElement>
        {
            [Strata.Core.MemoryServer.MemoryEntityFields.Bookkeeping.First()] = JsonSerializer.SerializeToElement("call_123"),
            ["observation"] = JsonSerializer.SerializeToElement("Sweeps Floors"),
        }));

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        SqliteFunctions.Register(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteFunctions.SearchText}($type, $name, $fields, $merged)";
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var fields = command.Parameters.Add("$fields", SqliteType.Text);
        var merged = command.Parameters.AddWithValue("$merged", DBNull.Value);
        foreach (var c in cases)
        {
            (type.Value, name.Value, fields.Value) = (c.Type, c.Name, StoredJson.Write(c.Fields));
            Assert.Equal(SearchTexts.Of(c.Type, c.Name, c.Fields), (string)command.ExecuteScalar()!);
        }
        Assert.Equal(SearchTexts.MaxLength, SearchTexts.Of(cases[^2].Type, cases[^2].Name, cases[^2].Fields).Length);
        Assert.DoesNotContain("call_123", SearchTexts.Of(cases[^1].Type, cases[^1].Name, cases[^1].Fields));
        Assert.Contains("sweeps floors", SearchTexts.Of(cases[^1].Type, cases[^1].Name, cases[^1].Fields));

        // A merged entity has no text (it has no index entry either); a row with no fields has its name.
        merged.Value = "ent_target";
        Assert.Equal("", (string)command.ExecuteScalar()!);
        (merged.Value, fields.Value, name.Value) = (DBNull.Value, DBNull.Value, "Only A Name");
        Assert.Equal("only a name", (string)command.ExecuteScalar()!);
    }
}
