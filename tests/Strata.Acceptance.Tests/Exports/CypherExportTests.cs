using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Exports.Neo4j;
using Strata.Core.Observations;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>
/// export neo4j: a Cypher script that Neo4j's own grammar parses without an error, with a MERGE per entity (its fields
/// and the observation that won each) and per relation holding now (its observation, run and source), every stored
/// string — the Big List of Naughty Strings among them — kept inside its literal; another user's graph never in it.
/// </summary>
public sealed class CypherExportTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestStrata _strata = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("strata-cypher-").FullName;

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    private async Task<string> ExportAsync(string user, string? type = null)
    {
        var download = await _strata.Services.CypherExports.ExportAsync(user, null, type, None);
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        return Encoding.UTF8.GetString(destination.Received);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheScriptParsesAndMergesEachEntityAndRelationWithItsProvenance(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada O'Lovelace \\ `x`", "emails": ["ada@example.com", "countess@example.com"]},
             {"entity_type": "company", "name": "Analytical Engines", "employees": 12.5, "founded": "1834-01-01"}]
            """), null, null, Json("""[{"from": 0, "relation_type": "works_at", "to": 1, "properties": {"role": "it's \"lead\""}}]""")), None);
        var bob = await _strata.UserAsync("bob");
        await _strata.StoreAsync(bob, """[{"entity_type": "contact", "email": "bob@example.com", "name": "Bob Secret"}]""");

        var script = await ExportAsync(alice);
        var file = Path.Combine(_folder, "graph.cypher");
        await File.WriteAllTextAsync(file, script);
        var report = await CypherParser.ParseAsync(file);

        Assert.Empty(report.Errors);
        var statements = script.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + 2 + 1, statements.Count);
        // The parser counts the empty statement after the last semicolon too.
        Assert.Equal(statements.Count + 1, report.Statements);
        var entities = (await _strata.Services.Entities.RetrieveAsync(alice, null, null, false, true, new Paging(), None)).Entities;
        foreach (var entity in entities)
        {
            var node = Assert.Single(statements, s => s.StartsWith($"MERGE (n:StrataEntity {{entity_id: '{entity.EntityId}'}}) SET n:`{entity.EntityType}`", StringComparison.Ordinal));
            foreach (var (field, observation) in entity.Provenance!)
            {
                Assert.Contains($"n.`provenance_{field}` = '{observation}'", node);
            }
        }
        var ada = entities.Single(e => e.EntityType == "contact");
        var adaNode = statements.Single(s => s.Contains(ada.EntityId, StringComparison.Ordinal) && s.StartsWith("MERGE", StringComparison.Ordinal));
        Assert.Contains("n.`name` = 'Ada O\\'Lovelace \\\\ `x`'", adaNode);
        Assert.Contains("n.`emails` = ['ada@example.com', 'countess@example.com']", adaNode);
        Assert.Contains("n.`employees` = 12.5", statements.Single(s => s.Contains("`company`", StringComparison.Ordinal)));
        var relation = Assert.Single(statements, s => s.StartsWith("MATCH", StringComparison.Ordinal));
        Assert.Contains("-[r:`works_at` {observation_id: '", relation);
        // The relation's properties, exactly: as JSON text (quotes and backslashes escaped in the literal) and each on its own.
        Assert.Contains("""r.properties = '{"role":"it\'s \\"lead\\""}'""", relation);
        Assert.Contains("""r.`role` = 'it\'s "lead"'""", relation);
        Assert.Contains("r.source_id = 'src_", relation);
        Assert.DoesNotContain("Bob", script);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheAdminImportCsvsCarryNeo4jHeadersTypedPropertiesAndRelationshipsBetweenExportedNodes(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace", "emails": ["ada@example.com", "countess@example.com"]},
             {"entity_type": "contact", "email": "charles@example.com", "name": "Charles Babbage"},
             {"entity_type": "company", "name": "Analytical Engines", "employees": 12.5, "founded": "1834-01-01"}]
            """), null, null, Json("""
            [{"from": 0, "relation_type": "works_at", "to": 2, "properties": {"role": "lead"}},
             {"from": 1, "relation_type": "knows", "to": 0}, {"from": 1, "relation_type": "works_at", "to": 2}]
            """)), None);
        var bob = await _strata.UserAsync("bob");
        await _strata.StoreAsync(bob, """[{"entity_type": "contact", "email": "bob@example.com", "name": "Bob Secret"}]""");

        var files = await AdminCsvAsync(alice, null);
        var contacts = files["nodes/contact.csv"];
        var companies = files["nodes/company.csv"];
        var relationships = files["relationships.csv"];
        Assert.Equal(["nodes/company.csv", "nodes/contact.csv", "relationships.csv"], files.Keys.Order());
        Assert.Equal(["entity_id:ID", ":LABEL", "strata_name:string", "updated_at:datetime", "merged_into:string", "observation_count:long"], contacts.Header.Take(6));
        Assert.Contains("email:string", contacts.Header);
        Assert.Contains("provenance_email:string", contacts.Header);
        Assert.Contains("employees:double", companies.Header);
        Assert.Contains("founded:date", companies.Header);
        Assert.Equal([":START_ID", ":END_ID", ":TYPE", "observation_id:string", "run_id:string", "source_id:string", "observed_at:datetime",
            "properties:string", "valid_from:datetime", "valid_to:datetime", "entity_id:string", "field:string", "block_uid:string"], relationships.Header);
        Assert.All(contacts.Rows, r => Assert.Equal("StrataEntity;contact", r[1]));
        var company = Assert.Single(companies.Rows);
        Assert.Equal("12.5", company[companies.Header.IndexOf("employees:double")]);
        Assert.Equal("1834-01-01", company[companies.Header.IndexOf("founded:date")]);
        var nodes = contacts.Rows.Concat(companies.Rows).Select(r => r[0]).ToHashSet();
        Assert.Equal(3, nodes.Count);
        Assert.Equal(3, relationships.Rows.Count);
        Assert.All(relationships.Rows, r => Assert.True(nodes.Contains(r[0]) && nodes.Contains(r[1]), $"{r[0]} -> {r[1]}"));
        Assert.Contains(relationships.Rows, r => r[2] == "works_at" && r[7] == """{"role":"lead"}""");
        Assert.DoesNotContain(files.Values.SelectMany(f => f.Rows).SelectMany(r => r), cell => cell.Contains("Bob", StringComparison.Ordinal));

        // Only contacts: the relationships to the company are left out, as neo4j-admin would refuse a missing end.
        var onlyContacts = await AdminCsvAsync(alice, "contact");
        Assert.Equal(["nodes/contact.csv", "relationships.csv"], onlyContacts.Keys.Order());
        Assert.Equal("knows", Assert.Single(onlyContacts["relationships.csv"].Rows)[2]);
        var script = await ExportAsync(alice, "contact");
        Assert.Single(script.Split('\n'), l => l.StartsWith("MATCH", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ASchemasGraphMappingTurnsFieldsIntoNodesLinkedByItsRelationshipWithProvenanceInBothExports(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Schemas.RegisterAsync(alice, JsonDocument.Parse("""
            {"entity_type": "employee", "canonical_name": ["email"],
             "fields": {"email": {"type": "string"}, "name": {"type": "string"}, "employer": {"type": "string"}, "skills": {"type": "array"}},
             "graph": {"nodes": {"employer": {"label": "Company", "key": "name", "relationship": "WORKS_AT"},
                                 "skills": {"label": "Skill", "key": "title", "relationship": "HAS_SKILL"}}}}
            """).RootElement, None);
        await _strata.StoreAsync(alice, """
            [{"entity_type": "employee", "email": "ada@example.com", "name": "Ada", "employer": "Engines 'Ltd'", "skills": ["maths", "poetry"]},
             {"entity_type": "employee", "email": "charles@example.com", "name": "Charles", "employer": "Engines 'Ltd'", "skills": ["maths"]}]
            """);
        var entities = (await _strata.Services.Entities.RetrieveAsync(alice, "employee", null, false, true, new Paging(), None)).Entities;
        var ada = entities.Single(e => e.CanonicalName == "ada@example.com");

        var script = await ExportAsync(alice);
        var file = Path.Combine(_folder, "mapped.cypher");
        await File.WriteAllTextAsync(file, script);
        Assert.Empty((await CypherParser.ParseAsync(file)).Errors);
        var links = script.Split('\n').Where(l => l.Contains("MERGE (m:", StringComparison.Ordinal)).ToList();
        // Ada: her employer and two skills; Charles: his employer and one skill. The shared values merge into one node each.
        Assert.Equal(5, links.Count);
        var adaEmployer = Assert.Single(links, l => l.Contains(ada.EntityId, StringComparison.Ordinal) && l.Contains("`WORKS_AT`", StringComparison.Ordinal));
        Assert.Equal($"MATCH (n:StrataEntity {{entity_id: '{ada.EntityId}'}}) MERGE (m:`Company` {{`name`: 'Engines \\'Ltd\\''}}) "
            + $"ON CREATE SET m.provenance_entity_id = '{ada.EntityId}', m.provenance_observation_id = '{ada.Provenance!["employer"]}' "
            + $"MERGE (n)-[r:`WORKS_AT` {{field: 'employer'}}]->(m) SET r.entity_id = '{ada.EntityId}', r.observation_id = '{ada.Provenance!["employer"]}';", adaEmployer);
        Assert.Equal(3, links.Count(l => l.Contains("MERGE (m:`Skill` {`title`: 'maths'})", StringComparison.Ordinal) || l.Contains("'poetry'", StringComparison.Ordinal)));
        Assert.All(links, l => Assert.Contains("r.observation_id = 'obs_", l));

        var files = await AdminCsvAsync(alice, null);
        Assert.Equal(["nodes/employee.csv", "nodes/employee.employer.csv", "nodes/employee.skills.csv", "relationships.csv"], files.Keys.Order());
        var companies = files["nodes/employee.employer.csv"];
        Assert.Equal([":ID", ":LABEL", "name:string", "provenance_entity_id:string", "provenance_observation_id:string", "provenance_block_uid:string"], companies.Header);
        Assert.Equal(["map:Company:Engines 'Ltd'"], companies.Rows.Select(r => r[0]).Distinct());
        Assert.Equal(3, files["nodes/employee.skills.csv"].Rows.Count);
        var relationships = files["relationships.csv"];
        var nodes = files["nodes/employee.csv"].Rows.Concat(companies.Rows).Concat(files["nodes/employee.skills.csv"].Rows).Select(r => r[0]).ToHashSet();
        Assert.Equal(5, relationships.Rows.Count);
        Assert.All(relationships.Rows, r => Assert.True(nodes.Contains(r[0]) && nodes.Contains(r[1]), $"{r[0]} -> {r[1]}"));
        var adaWorks = Assert.Single(relationships.Rows, r => r[0] == ada.EntityId && r[2] == "WORKS_AT");
        Assert.Equal((ada.Provenance!["employer"], ada.EntityId, "employer"),
            (adaWorks[relationships.Header.IndexOf("observation_id:string")], adaWorks[relationships.Header.IndexOf("entity_id:string")], adaWorks[relationships.Header.IndexOf("field:string")]));
    }

    [Fact]
    public async Task AGraphMappingOfAFieldTheSchemaDoesNotDeclareIsRefused()
    {
        _strata = TestStrata.Create(Backends.Sqlite);
        var alice = await _strata.UserAsync("alice");
        var refused = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Schemas.RegisterAsync(alice, JsonDocument.Parse("""
            {"entity_type": "employee", "canonical_name": ["email"], "fields": {"email": {"type": "string"}},
             "graph": {"nodes": {"employer": {"label": "StrataEntity", "key": "name", "relationship": "WORKS AT"}}}}
            """).RootElement, None));
        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains("graph.nodes.employer: 'employer' is not a field of the schema", refused.Message);
        Assert.Contains("graph.nodes.employer.label: 'StrataEntity' is the label of entity nodes", refused.Message);
        Assert.Contains("graph.nodes.employer.relationship must be", refused.Message);
    }

    private sealed record CsvFile(List<string> Header, List<string[]> Rows);

    private async Task<Dictionary<string, CsvFile>> AdminCsvAsync(string user, string? type)
    {
        var download = await _strata.Services.CypherExports.ExportAsync(user, "admin-csv", type, None);
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(destination.Received));
        var files = new Dictionary<string, CsvFile>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            using var csv = CsvHelper.CsvReader.FromText(await reader.ReadToEndAsync(), new CsvHelper.CsvReaderOptions());
            var rows = new List<string[]>();
            while (csv.Read()) rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
            var header = csv.Headers.ToList();
            files[entry.FullName] = new CsvFile(header, rows);
        }
        return files;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task NaughtyStringsStayInsideTheirLiterals(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        var strings = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blns", "blns.json")))!
            .Append("'}) DETACH DELETE n; MATCH (m) DETACH DELETE m; //\n\r\u2028\u0001`")
            .ToArray();
        await _strata.Services.Structured.StoreAsync(alice, new StoreRequest(strings.Select((s, i) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["entity_type"] = "note", ["title"] = $"naughty {i}", ["body"] = s
        })).ToList()), None);

        var script = await ExportAsync(alice, "note");
        var file = Path.Combine(_folder, "naughty.cypher");
        await File.WriteAllTextAsync(file, script);
        var report = await CypherParser.ParseAsync(file);

        Assert.Empty(report.Errors);
        var notes = (await _strata.Services.Entities.RetrieveAsync(alice, "note", null, false, false, new Paging(), new CancellationToken())).Total;
        var statements = script.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        // One line per statement: no stored line break reached the script, and the injected DELETE is text in a literal.
        Assert.All(statements.Skip(1), s => Assert.StartsWith("MERGE (n:StrataEntity {entity_id: 'ent_", s));
        Assert.Equal(statements.Count + 1, report.Statements);
        Assert.DoesNotContain(statements, s => s.StartsWith("MATCH (m)", StringComparison.Ordinal));
        Assert.True(statements.Count > strings.Length / 2, $"{statements.Count} statements for {strings.Length} strings ({notes} notes)");
    }

    [Fact]
    public async Task AnUnknownFormatIsRefused()
    {
        _strata = TestStrata.Create(Backends.Sqlite);
        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.CypherExports.ExportAsync("usr_x", "graphml", null, None));
        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
    }

    public void Dispose()
    {
        _strata?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
