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
public sealed class SearchTextFunctionTests
{
    [Fact]
    public void The_text_computed_from_a_stored_row_is_the_text_indexed_when_it_was_written()
    {
        var strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blns", "blns.json")))!;
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
