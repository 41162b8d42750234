using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Observations;
using Strata.Core.Sources;

namespace Strata.Acceptance.Tests;

/// <summary>Text that cannot be stored exactly on every backend — a lone surrogate, bytes that are not UTF-8, NUL — is
/// refused at once with a code naming where it is; everything else (the Big List of Naughty Strings, MIT, see
/// Fixtures/blns; noncharacters such as U+FFFE) is kept exactly.</summary>
public sealed class InvalidUnicodeTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestStrata _strata = null!;

    /// <summary>Strings beyond the list, as JSON string literals (escaped, so they survive this source file).</summary>
    private static readonly (string Literal, bool Storable)[] Extra =
    [
        ("\"\\ufffe\"", true), ("\"a\\uffffb\"", true), ("\"\\ud83d\\ude00\"", true),
        ("\"\\ud800\"", false), ("\"x\\udc00y\"", false), ("\"\\ude00\\ud83d\"", false), ("\"a\\u0000b\"", false),
    ];

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task EveryNaughtyStringRoundTripsExactlyOrIsRefusedWithValidationFailed(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var naughty = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blns", "blns.json")))!;
        var cases = naughty.Select(s => (Literal: Escaped(s), Storable: true)).Concat(Extra).ToList();

        var refused = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var entity = JsonDocument.Parse($$"""{"entity_type": "note", "title": "naughty {{i}}", "body": {{cases[i].Literal}}}""").RootElement;
            try
            {
                var stored = await _strata.Services.Structured.StoreAsync(user, new StoreRequest([entity]), None);
                var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, stored.Entities[0].EntityId, null, None);
                Assert.Equal(entity.GetProperty("body").GetString(), snapshot.Fields["body"].GetString());
            }
            catch (StrataException failure)
            {
                Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
                Assert.Contains("entities[0].body", failure.Message);
                refused.Add(cases[i].Literal);
            }
        }

        // Exactly the strings no backend can keep as given are refused; every one of the list is kept.
        Assert.Equal(Extra.Where(e => !e.Storable).Select(e => e.Literal), refused);
    }

    public static TheoryData<string, string> BadStructuredValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in new[] { Backends.Sqlite, Backends.Postgres })
        {
            foreach (var value in new[] { "lone-surrogate", "invalid-utf8", "nul", "nul-in-name" }) data.Add(backend, value);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadStructuredValues))]
    public async Task OneBadStringRefusesTheWholeBatchNamingTheEntityAndTheField(string backend, string bad)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var before = _strata.Fingerprint();
        var badEntity = bad switch
        {
            "lone-surrogate" => """{"entity_type": "note", "title": "b", "body": "x\ud800y"}"""u8.ToArray(),
            "invalid-utf8" => [.. """{"entity_type": "note", "title": "b", "body": "x"""u8, 0xFF, 0xFE, .. "y\"}"u8],
            "nul" => """{"entity_type": "note", "title": "b", "body": "x\u0000y"}"""u8.ToArray(),
            _ => """{"entity_type": "note", "title": "b", "bo\u0000dy": "y"}"""u8.ToArray(),
        };
        byte[] payload = [.. """[{"entity_type": "note", "title": "a", "body": "fine"}, """u8, .. badEntity, .. """, {"entity_type": "note", "title": "c"}]"""u8];
        var entities = JsonDocument.Parse(payload).RootElement.EnumerateArray().ToList();

        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Structured.StoreAsync(user, new StoreRequest(entities), None));

        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
        Assert.Contains(bad == "nul-in-name" ? "entities[1].bo\\u0000dy" : "entities[1].body", failure.Message);
        Assert.Contains("Nothing in this call was stored", failure.Message);
        Assert.Equal(before, _strata.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ACorrectionToANulValueIsRefusedOnEveryBackend(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """[{"entity_type": "note", "title": "a", "body": "fine"}]""");
        var before = _strata.Fingerprint();

        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Corrections.CorrectAsync(user,
            stored.Entities[0].EntityId, "body", JsonDocument.Parse("\"a\\u0000b\"").RootElement, null, None));

        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
        Assert.Contains("body", failure.Message);
        Assert.Equal(before, _strata.Fingerprint());
    }

    public static TheoryData<string, string, string, string> BadFiles()
    {
        (string File, string Hex, string Where)[] cases =
        [
            ("lone.json", Hex("""[{"entity_type": "note", "title": "a"}, {"entity_type": "note", "title": "b", "body": "x\ud800"}]"""), "index:1"),
            ("raw.json", Hex("""[{"entity_type": "note", "title": "b", "body": "x""") + "fffe" + Hex("\"}]"), "body"),
            ("nul.jsonl", Hex("{\"entity_type\": \"note\", \"title\": \"a\"}\n{\"entity_type\": \"note\", \"title\": \"b\", \"body\": \"x\\u0000\"}\n"), "line:2"),
            ("name.json", Hex("""[{"entity_type": "note", "ti""") + "ff" + Hex("\": \"b\"}]"), "element 0 of the array"),
            ("nul.txt", Hex("first line\n") + "00" + Hex("second\n"), "body"),
            ("nul.csv", Hex("name,email\nAda,ada@example.com\nGr") + "00" + Hex("ace,grace@example.com\n"), "row:2"),
            ("raw.csv", Hex("name,email\nAda,ada@example.com\nGr") + "c3" + Hex("ace,grace@example.com\n"), "not valid UTF-8 at or after line"),
        ];
        var data = new TheoryData<string, string, string, string>();
        foreach (var backend in new[] { Backends.Sqlite, Backends.Postgres })
        {
            foreach (var (file, hex, where) in cases) data.Add(backend, file, hex, where);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task InvalidTextInAFileFailsItsRunAtOnceWithMalformedContentSayingWhere(string backend, string fileName, string hex, string where)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var before = _strata.Counts();

        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Convert.FromHexString(hex)), fileName, null, "contact", Interpret: true, Wait: true), None));

        Assert.Equal(ErrorCodes.MalformedContent, failure.Code);
        Assert.Contains(where, failure.Message);
        // Permanent: failed on its first attempt, not retried as if the failure would pass.
        Assert.Equal(["status=failed|attempt=1"], _strata.Rows("SELECT state AS status, attempt FROM jobs WHERE kind = 'interpret'"));
        var run = Assert.Single((await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(), None)).Runs);
        Assert.Equal("failed", run.Status);
        Assert.StartsWith("MALFORMED_CONTENT: ", run.Error);
        var after = _strata.Counts();
        foreach (var table in new[] { "entities", "observations", "raw_fragments", "timeline_events" }) Assert.Equal(before[table], after[table]);
    }

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    /// <summary>A JSON string literal that escapes everything outside printable ASCII, so any UTF-16 goes through as is.</summary>
    private static string Escaped(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is >= ' ' and < (char)0x7F and not '"' and not '\\') literal.Append(c);
            else literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return literal.Append('"').ToString();
    }

    public void Dispose() => _strata?.Dispose();
}
