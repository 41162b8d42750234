using System.Text.Json;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "strata-cli-" + Guid.NewGuid().ToString("N"));
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    private Task<StrataCli.Outcome> Strata(params string[] args) => StrataCli.RunAsync(_data, args);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task RecallsHumanAnswerEndsItsLastLineFoundOrNot()
    {
        var payload = Path.Combine(_data, "carol.json");
        Directory.CreateDirectory(_data);
        await File.WriteAllTextAsync(payload, """
            {"entities": [{"entity_type": "contact", "name": "Carol Danvers"}, {"entity_type": "contact", "name": "Bob Marley"}],
             "relations": [{"from": 0, "relation_type": "reports_to", "to": 1, "properties": {"team": "archives"}}]}
            """);
        Assert.Equal(0, (await Strata("store", payload)).ExitCode);

        var found = await Strata("recall", "who is on the archives team?", "--kinds", "relation");
        var nothing = await Strata("recall", "who plays the cello?", "--kinds", "relation");

        Assert.Equal(0, found.ExitCode);
        Assert.StartsWith("1. relation", found.Stdout);
        Assert.EndsWith("Carol Danvers reports_to Bob Marley (team: archives)" + Environment.NewLine, found.Stdout);
        Assert.Equal("Nothing found." + Environment.NewLine, nothing.Stdout);
    }

    [Fact]
    public async Task IngestPrintsTheResultRecordAndEntitiesListShowsWhatWasFound()
    {
        var ingest = await Strata("--json", "ingest", Path.Combine(Samples, "contacts.csv"), "--type", "contact");

        Assert.Equal(0, ingest.ExitCode);
        var result = Json(ingest.Stdout);
        Assert.Equal(["source_id", "content_hash", "byte_size", "mime_type", "original_filename", "deduplicated", "storage_status", "interpretation", "file_name"],
            result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("contacts.csv", result.GetProperty("original_filename").GetString());
        var interpretation = result.GetProperty("interpretation");
        Assert.Equal("completed", interpretation.GetProperty("status").GetString());
        Assert.Equal(3, interpretation.GetProperty("entities").GetArrayLength()); // Ada appears twice in the file

        var list = await Strata("entities", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Ada Lovelace", list.Stdout); // listed by name, not by the email that identifies her
        Assert.DoesNotContain("ada@example.com", list.Stdout);
        Assert.Contains("\n3 entities\n", list.Stdout);
        Assert.DoesNotContain("next page", list.Stdout);

        // A page that is not the last says how to get the next one; the next one is the rest.
        var first = await Strata("entities", "list", "--limit", "2", "--include-total");
        Assert.Contains("2 of 3 entities", first.Stdout);
        var cursor = first.Stdout.Split('\n').Single(l => l.StartsWith("next page: --cursor ", StringComparison.Ordinal))["next page: --cursor ".Length..];
        var rest = await Strata("entities", "list", "--limit", "2", "--cursor", cursor);
        Assert.Equal(0, rest.ExitCode);
        Assert.Contains("\n1 entity\n", rest.Stdout);
        Assert.DoesNotContain("next page", rest.Stdout);
        var refused = await Strata("entities", "list", "--cursor", "not-a-cursor");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("VALIDATION_FAILED", refused.Stderr + refused.Stdout);
    }

    [Fact]
    public async Task EveryVerbWorksInSequenceOnOneDataDirectory()
    {
        Assert.Equal(0, (await Strata("ingest", Path.Combine(Samples, "team.vcf"), Path.Combine(Samples, "meetings.ics"))).ExitCode);
        var stored = Json((await Strata("--json", "store", Path.Combine(Samples, "structured-entities.json"))).Stdout);
        var task = stored.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("entity_type").GetString() == "task").GetProperty("entity_id").GetString()!;

        var corrected = await Strata("--json", "correct", task, "status", "done", "--reason", "finished");
        Assert.Equal(0, corrected.ExitCode);
        Assert.Equal("done", Json(corrected.Stdout).GetProperty("value").GetString());
        Assert.Equal(1000, Json(corrected.Stdout).GetProperty("priority").GetInt32());

        var show = Json((await Strata("--json", "entities", "show", task)).Stdout);
        Assert.Equal("done", show.GetProperty("fields").GetProperty("status").GetString());
        Assert.Equal(["entity_id", "entity_type", "canonical_name", "display_name", "fields", "provenance", "observation_count", "updated_at", "merged_into", "redirected_from"],
            show.EnumerateObject().Select(p => p.Name));

        var provenance = await Strata("provenance", task, "status");
        Assert.Contains("finished", provenance.Stdout);
        Assert.Equal(0, (await Strata("observations", task)).ExitCode);
        Assert.Contains("Project kickoff", (await Strata("timeline")).Stdout);
        Assert.Contains("team.vcf", (await Strata("sources")).Stdout);
        Assert.Contains("rules 1.0.0", (await Strata("runs")).Stdout);
        Assert.Contains("contact", (await Strata("schemas", "list")).Stdout);

        var sourceId = Json((await Strata("--json", "sources")).Stdout).GetProperty("sources").EnumerateArray()
            .Single(s => s.GetProperty("original_filename").GetString() == "team.vcf").GetProperty("source_id").GetString()!;
        var reinterpret = Json((await Strata("--json", "reinterpret", sourceId)).Stdout);
        Assert.Equal("completed", reinterpret.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnErrorExitsWithOneAndPrintsItsCodeOnStderr()
    {
        var missing = await Strata("--json", "entities", "show", "ent_doesnotexist");

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("", missing.Stdout);
        var error = Json(missing.Stderr).GetProperty("error");
        Assert.Equal("ENTITY_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Contains("ent_doesnotexist", error.GetProperty("message").GetString());

        var empty = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".csv");
        await File.WriteAllTextAsync(empty, "");
        var human = await Strata("ingest", empty);
        File.Delete(empty);
        Assert.Equal(1, human.ExitCode);
        Assert.Contains("EMPTY_FILE", human.Stderr);
    }

    [Fact]
    public async Task SchemasCanBeRegisteredAndUsersCreatedWithAKeyShownOnce()
    {
        var schemaFile = Path.Combine(_data + "-schema.json");
        await File.WriteAllTextAsync(schemaFile, """
            {"entity_type": "book", "fields": {"title": {"type": "string"}, "pages": {"type": "number"}}, "canonical_name": ["title"]}
            """);
        var registered = Json((await Strata("--json", "schemas", "register", schemaFile)).Stdout);
        File.Delete(schemaFile);
        Assert.Equal(1, registered.GetProperty("version").GetInt32());
        Assert.True(registered.GetProperty("created").GetBoolean());

        var user = Json((await Strata("--json", "users", "create", "carol", "--plan", "pro")).Stdout);
        Assert.StartsWith("strata_", user.GetProperty("api_key").GetString());
        var list = await Strata("users", "list");
        Assert.Contains("carol", list.Stdout);
        Assert.DoesNotContain(user.GetProperty("api_key").GetString()!, list.Stdout);
        var duplicate = await Strata("users", "create", "carol");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("CONFLICT", duplicate.Stderr);
    }

    [Fact]
    public async Task AUserMadeByUserGetsKeysThatCanBeListedAndRevoked()
    {
        Assert.Equal(0, (await Strata("--user", "dave", "entities", "list")).ExitCode);
        Assert.Contains("CONFLICT", (await Strata("users", "create", "dave")).Stderr);

        var created = await Strata("--json", "users", "keys", "create", "dave", "--label", "laptop");
        Assert.Equal(0, created.ExitCode);
        var key = Json(created.Stdout);
        Assert.StartsWith("strata_", key.GetProperty("api_key").GetString());
        Assert.Equal("laptop", key.GetProperty("label").GetString());
        var keyId = key.GetProperty("key_id").GetString()!;

        var listed = Json((await Strata("--json", "users", "keys", "list", "dave")).Stdout).GetProperty("keys");
        Assert.Equal(keyId, listed.EnumerateArray().Single().GetProperty("key_id").GetString());
        Assert.DoesNotContain(key.GetProperty("api_key").GetString()!, (await Strata("users", "keys", "list", "dave")).Stdout);

        var revoked = await Strata("--json", "users", "keys", "revoke", "dave", keyId);
        Assert.Equal(0, revoked.ExitCode);
        Assert.False(Json(revoked.Stdout).GetProperty("active").GetBoolean());
        var missing = await Strata("--json", "users", "keys", "revoke", "dave", "key_nope");
        Assert.Equal("API_KEY_NOT_FOUND", Json(missing.Stderr).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("USER_NOT_FOUND", Json((await Strata("--json", "users", "keys", "list", "nobody")).Stderr).GetProperty("error").GetProperty("code").GetString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
