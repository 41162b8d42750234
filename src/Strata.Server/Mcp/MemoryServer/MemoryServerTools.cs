using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Strata.Server.Mcp.MemoryServer;

/// <summary>The nine tools as the reference lists them: names, titles, descriptions, argument and result schemas and
/// annotations, so an agent configured for the reference sees the same tools.</summary>
internal static class MemoryServerTools
{
    private const string Entity = """{"type":"object","properties":{"name":{"type":"string","description":"The name of the entity"},"entityType":{"type":"string","description":"The type of the entity"},"observations":{"type":"array","items":{"type":"string"},"description":"An array of observation contents associated with the entity"}},"required":["name","entityType","observations"]}""";
    private const string Relation = """{"type":"object","properties":{"from":{"type":"string","description":"The name of the entity where the relation starts"},"to":{"type":"string","description":"The name of the entity where the relation ends"},"relationType":{"type":"string","description":"The type of the relation"}},"required":["from","to","relationType"]}""";
    private const string Deleted = """{"type":"object","properties":{"success":{"type":"boolean"},"message":{"type":"string"}},"required":["success","message"]}""";
    private const string Graph = $$$"""{"type":"object","properties":{"entities":{"type":"array","items":{{{Entity}}}},"relations":{"type":"array","items":{{{Relation}}}}},"required":["entities","relations"]}""";

    public static readonly IReadOnlyList<Tool> All =
    [
        Describe("create_entities", "Create Entities", "Create multiple new entities in the knowledge graph",
            $$$"""{"type":"object","properties":{"entities":{"type":"array","items":{{{Entity}}}}},"required":["entities"]}""",
            $$$"""{"type":"object","properties":{"entities":{"type":"array","items":{{{Entity}}}}},"required":["entities"]}""", writes: true),
        Describe("create_relations", "Create Relations",
            "Create multiple new relations between entities in the knowledge graph. Relations should be in active voice",
            $$$"""{"type":"object","properties":{"relations":{"type":"array","items":{{{Relation}}}}},"required":["relations"]}""",
            $$$"""{"type":"object","properties":{"relations":{"type":"array","items":{{{Relation}}}}},"required":["relations"]}""", writes: true),
        Describe("add_observations", "Add Observations", "Add new observations to existing entities in the knowledge graph",
            """{"type":"object","properties":{"observations":{"type":"array","items":{"type":"object","properties":{"entityName":{"type":"string","description":"The name of the entity to add the observations to"},"contents":{"type":"array","items":{"type":"string"},"description":"An array of observation contents to add"}},"required":["entityName","contents"]}}},"required":["observations"]}""",
            """{"type":"object","properties":{"results":{"type":"array","items":{"type":"object","properties":{"entityName":{"type":"string"},"addedObservations":{"type":"array","items":{"type":"string"}}},"required":["entityName","addedObservations"]}}},"required":["results"]}""",
            writes: true),
        Describe("delete_entities", "Delete Entities", "Delete multiple entities and their associated relations from the knowledge graph",
            """{"type":"object","properties":{"entityNames":{"type":"array","items":{"type":"string"},"description":"An array of entity names to delete"}},"required":["entityNames"]}""",
            Deleted, writes: true, destructive: true),
        Describe("delete_observations", "Delete Observations", "Delete specific observations from entities in the knowledge graph",
            """{"type":"object","properties":{"deletions":{"type":"array","items":{"type":"object","properties":{"entityName":{"type":"string","description":"The name of the entity containing the observations"},"observations":{"type":"array","items":{"type":"string"},"description":"An array of observations to delete"}},"required":["entityName","observations"]}}},"required":["deletions"]}""",
            Deleted, writes: true, destructive: true),
        Describe("delete_relations", "Delete Relations", "Delete multiple relations from the knowledge graph",
            $$$"""{"type":"object","properties":{"relations":{"type":"array","items":{{{Relation}}},"description":"An array of relations to delete"}},"required":["relations"]}""",
            Deleted, writes: true, destructive: true),
        Describe("read_graph", "Read Graph", "Read the entire knowledge graph", """{"type":"object","properties":{}}""", Graph),
        Describe("search_nodes", "Search Nodes", "Search for nodes in the knowledge graph based on a query",
            """{"type":"object","properties":{"query":{"type":"string","description":"The search query to match against entity names, types, and observation content"}},"required":["query"]}""",
            Graph),
        Describe("open_nodes", "Open Nodes", "Open specific nodes in the knowledge graph by their names",
            """{"type":"object","properties":{"names":{"type":"array","items":{"type":"string"},"description":"An array of entity names to retrieve"}},"required":["names"]}""",
            Graph),
    ];

    private static Tool Describe(string name, string title, string description, string input, string output, bool writes = false,
        bool destructive = false) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        InputSchema = Parse(input),
        OutputSchema = Parse(output),
        // As the reference declares them: the deletes are idempotent, the creates and adds not (they answer what was new).
        Annotations = new ToolAnnotations
        {
            Title = title,
            ReadOnlyHint = !writes,
            DestructiveHint = destructive,
            IdempotentHint = !writes || destructive,
            OpenWorldHint = false,
        },
    };

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
