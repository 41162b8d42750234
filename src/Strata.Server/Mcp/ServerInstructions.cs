using Strata.Server.Operations;

namespace Strata.Server.Mcp;

/// <summary>
/// What an MCP client is told at <c>initialize</c>: how Strata's pieces fit together, then every tool by name and title.
/// The list is built from the tools offered, so a new tool is described without anyone editing this text.
/// </summary>
public static class ServerInstructions
{
    private const string Overview =
        "Strata is a sources-first memory and document-extraction server. Files you ingest are kept as immutable sources and "
        + "interpreted in runs (by rules, by a language model, or by you with submit_interpretation) into entities (contacts, companies, "
        + "transactions, events, tasks, notes, documents, facts, or your registered types); every value keeps its provenance. "
        + "Find things with retrieve_entities, read them with get_entity_snapshot and get_field_provenance, remember what you learned "
        + "with ingest_structured, fix a value with correct (corrections win over later imports), and merge_entities or "
        + "dismiss_duplicate what list_potential_duplicates suggests. Documents live in projects: add_document converts a file into "
        + "blocks, a block schema run stages values per block, and people confirm, reject or edit them in review. import_chat turns "
        + "a ChatGPT or Claude export into memory; get_memory renders MEMORY.md (also the resource strata://memory), and each entity "
        + "is the resource strata://entities/{id}. Runs and imports that take a while answer at once with an id to follow (get_run, "
        + "get_block_run, get_import). get_usage shows your plan's limits; list_models and set_default_model choose the model. "
        + "Errors come back as tool results with a stable code such as ENTITY_NOT_FOUND, VALIDATION_FAILED or "
        + "INTERPRETATION_QUOTA_EXCEEDED and a message saying what to change.";

    /// <summary>The overview followed by one line per tool: <c>name: title</c>.</summary>
    public static string For(IEnumerable<StrataOperation> tools) =>
        Overview + "\n\nTools:\n" + string.Join("\n", tools.Select(t => $"- {t.Name}: {t.Title}"));
}
