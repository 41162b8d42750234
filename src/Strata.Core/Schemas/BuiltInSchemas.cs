namespace Strata.Core.Schemas;

/// <summary>The base types every user has, and the <c>generic</c> fallback for types no schema declares.</summary>
public static class BuiltInSchemas
{
    public const string Generic = "generic";

    public const string MemoryEntity = "memory_entity";

    private static FieldDefinition Text(string? description = null) => new(FieldTypes.String, Description: description);

    private static FieldDefinition Also(FieldDefinition field, params string[] aliases) => field with { Aliases = aliases };

    private static FieldDefinition List() => new(FieldTypes.Array, Policy: MergePolicies.MergeArray);

    private static FieldDefinition When(string type) => new(type, Timeline: true);

    public static readonly IReadOnlyList<SchemaDefinition> All =
    [
        new("contact", new Dictionary<string, FieldDefinition>
        {
            ["name"] = new(FieldTypes.String, Policy: MergePolicies.MostSpecific, Aliases: ["full_name"]),
            // Column names people and exporters commonly use (a CSV header "Last Name" arrives as last_name).
            ["given_name"] = Also(Text(), "first_name", "firstname", "forename", "given"),
            ["family_name"] = Also(Text(), "surname", "last_name", "lastname", "family"),
            ["email"] = Also(Text(), "email_address", "e_mail", "mail"), ["emails"] = List(),
            ["phone"] = Also(Text(), "phone_number", "telephone", "tel", "mobile"), ["phones"] = List(),
            ["company"] = Also(Text(), "organization", "organisation", "employer"), ["title"] = Also(Text(), "job_title"),
            ["address"] = Also(Text(), "street_address", "full_address"),
            // An address given in parts (as most spreadsheets and record-linkage data give it).
            ["street"] = Also(Text(), "address_1", "address_line_1", "street_name", "address1"),
            ["address_line_2"] = Also(Text(), "address_2", "address2"),
            ["city"] = Also(Text(), "suburb", "town", "locality"),
            ["state"] = Also(Text(), "region", "province", "county"),
            ["postcode"] = Also(Text(), "zip", "zip_code", "postal_code", "post_code"),
            ["birthday"] = Also(When(FieldTypes.Date), "date_of_birth", "dob", "birth_date", "birthdate"),
            ["website"] = Text(), ["notes"] = Text(),
            ["relationship"] = Text("How the person relates to the user: wife, manager, friend..."),
        }, ["email", "name", "given_name+family_name"], "A person.",
            // A person is named by their name, never by their job title or, while a name is known, by the email that identifies them.
            DisplayName: ["name", "given_name+family_name", "family_name", "given_name"],
            // Two people can share a name (and a name and an address): a birthday that disagrees keeps them apart.
            Identity: new(
                Keys: [["email"], ["phone"], ["given_name", "family_name", "birthday"], ["name", "birthday"],
                    ["given_name", "family_name", "address"], ["name", "address"]],
                LastResort: [["name"], ["given_name", "family_name"]],
                Distinguishing: ["birthday"],
                // A name alone joins no entity whose postcode differs: people who share a name are told apart by where they live.
                Corroborating: ["postcode"])),
        new("company", new Dictionary<string, FieldDefinition>
        {
            ["name"] = Text(), ["domain"] = Text(), ["industry"] = Text(), ["website"] = Text(),
            ["address"] = Text(), ["phone"] = Text(), ["description"] = Text(),
            ["founded"] = When(FieldTypes.Date), ["employees"] = new(FieldTypes.Number),
        }, ["name", "domain"], "An organisation.",
            Identity: new(Keys: [["domain"], ["website"]], LastResort: [["name"]])),
        new("transaction", new Dictionary<string, FieldDefinition>
        {
            ["date"] = When(FieldTypes.Date), ["amount"] = new(FieldTypes.Number), ["currency"] = Text(),
            ["description"] = Text(), ["counterparty"] = Text(), ["category"] = Text(),
            ["account"] = Text(), ["reference"] = Text(),
        }, ["reference", "date+amount+description", "date+amount+counterparty"], "A movement of money.",
            // A refund of -50 and a charge of 50 on one day for one thing are two movements, never one.
            Identity: new(Keys: [["reference"], ["date", "amount", "description"], ["date", "amount", "counterparty"]],
                Distinguishing: ["amount", "date"])),
        new("event", new Dictionary<string, FieldDefinition>
        {
            ["title"] = Text(), ["start"] = When(FieldTypes.Datetime), ["end"] = new(FieldTypes.Datetime),
            ["location"] = Text(), ["description"] = Text(), ["organizer"] = Text(),
            ["attendees"] = List(), ["uid"] = Text(),
        }, ["uid", "title+start", "title"], "Something that happens at a time.", DisplayName: ["title"],
            Identity: new(Keys: [["uid"], ["title", "start"]], LastResort: [["title"]], Distinguishing: ["start"])),
        new("task", new Dictionary<string, FieldDefinition>
        {
            ["title"] = Text(),
            ["status"] = new(FieldTypes.Enum, Values: ["todo", "in_progress", "done", "cancelled"]),
            ["due"] = When(FieldTypes.Date), ["priority"] = Text(), ["assignee"] = Text(),
            ["description"] = Text(), ["completed_at"] = new(FieldTypes.Datetime),
        }, ["title"], "Something to do.",
            Identity: new(Keys: [], LastResort: [["title"]], Distinguishing: ["due"])),
        new("note", new Dictionary<string, FieldDefinition>
        {
            ["title"] = Text(), ["body"] = Text(), ["tags"] = List(), ["date"] = When(FieldTypes.Date),
        }, ["title"], "Free text with a title.",
            Identity: new(Keys: [["title", "date"]], LastResort: [["title"]], Distinguishing: ["date"])),
        new("document", new Dictionary<string, FieldDefinition>
        {
            ["title"] = Text(), ["author"] = Text(), ["date"] = When(FieldTypes.Date),
            ["summary"] = Text(), ["url"] = Text(), ["page_count"] = new(FieldTypes.Number),
        }, ["url", "title"], "A document as a whole.", DisplayName: ["title"],
            Identity: new(Keys: [["url"]], LastResort: [["title"]])),
        new("fact", new Dictionary<string, FieldDefinition>
        {
            ["statement"] = Text(), ["subject"] = Text(), ["predicate"] = Text(), ["object"] = Text(),
            ["confidence"] = new(FieldTypes.Number), ["date"] = When(FieldTypes.Date),
        }, ["statement", "subject+predicate+object"], "Something known to be true.",
            Identity: new(Keys: [["statement"], ["subject", "predicate", "object"]])),
        // The chat memory's kinds of fact (docs/chat-memory.md): what the user prefers, works on, believes and decided.
        new("preference", new Dictionary<string, FieldDefinition>
        {
            ["topic"] = Text("What the preference is about, in a few words: coffee, code editor, writing tone."),
            ["value"] = Text("What the user prefers."), ["statement"] = Text(), ["date"] = When(FieldTypes.Date),
        }, ["topic", "statement"], "Something the user prefers, likes or dislikes.", DisplayName: ["topic", "statement"],
            // One preference per topic: a newer statement of it is a newer observation that wins, the older one kept.
            Identity: new(Keys: [["topic"]], LastResort: [["statement"]])),
        new("project", new Dictionary<string, FieldDefinition>
        {
            ["name"] = Text(), ["description"] = Text(), ["status"] = Text(), ["role"] = Text("The user's part in it."),
            ["started"] = When(FieldTypes.Date),
        }, ["name"], "Something the user works on.", DisplayName: ["name"],
            Identity: new(Keys: [["name"]])),
        new("belief", new Dictionary<string, FieldDefinition>
        {
            ["statement"] = Text(), ["topic"] = Text(), ["date"] = When(FieldTypes.Date),
        }, ["statement"], "Something the user believes or values.", DisplayName: ["statement"],
            Identity: new(Keys: [["statement"]])),
        new("decision", new Dictionary<string, FieldDefinition>
        {
            ["decision"] = Text(), ["context"] = Text("Why, and what it was decided against."), ["date"] = When(FieldTypes.Date),
        }, ["decision"], "Something the user decided, with its context.", DisplayName: ["decision"],
            Identity: new(Keys: [["decision"]], Distinguishing: ["date"])),
        // The MCP reference memory server's entities (docs/memory-server.md): one observation per tool call, named exactly
        // as the agent wrote the name; the profile folds them in order into what the reference would hold.
        new(MemoryEntity, new Dictionary<string, FieldDefinition>
        {
            ["name"] = new(FieldTypes.String, Exact: true), ["memory_type"] = Text("The entityType the agent gave."),
            [MemoryServer.MemoryEntityFields.Op] = new(FieldTypes.Enum, Values: ["create", "add", "remove", "delete"]),
            ["observations"] = new(FieldTypes.Array), [MemoryServer.MemoryEntityFields.Call] = Text("The tool call that wrote it."),
        }, ["name"], "An entity of the MCP reference memory server's graph.", DisplayName: ["name"],
            Identity: new(Keys: [["name"]])),
        new(Generic, new Dictionary<string, FieldDefinition>
        {
            ["raw_data"] = new(FieldTypes.Object),
            ["suggested_type"] = Text(),
            ["needs_schema_refinement"] = new(FieldTypes.Boolean),
        }, ["suggested_type+name", "suggested_type+title", "suggested_type+id"], "Values of a type no schema declares yet."),
    ];
}
