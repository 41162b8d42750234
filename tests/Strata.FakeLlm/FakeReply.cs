namespace Strata.FakeLlm;

/// <summary>What the fake answers to one request. The same reply is rendered in the wire format of the endpoint
/// that was called (Anthropic Messages or OpenAI chat completions).</summary>
public abstract record FakeReply
{
    /// <summary>Extra wait before this reply, on top of the server's latency.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A well-formed structured answer: an Anthropic <c>tool_use</c> block, or OpenAI message content.</summary>
    public static FakeReply Json(string json) => new JsonReply(json);

    /// <summary>Free text (fenced JSON, JSON in prose, or not JSON at all): an Anthropic text block, or OpenAI content.</summary>
    public static FakeReply Text(string text) => new TextReply(text);

    /// <summary>An answer cut at the token limit: <c>stop_reason: max_tokens</c> / <c>finish_reason: length</c>.</summary>
    public static FakeReply Truncated(string partial) => new TruncatedReply(partial);

    /// <summary>An HTTP error with the provider's error body, and a <c>retry-after</c> header when given (seconds or an HTTP-date).</summary>
    public static FakeReply Status(int status, string? retryAfter = null) => new StatusReply(status, retryAfter);

    /// <summary>A 200 whose body is not the wire format at all.</summary>
    public static FakeReply RawBody(string body) => new RawBodyReply(body);

    /// <summary>The default: one empty result per <c>&lt;item id="…"&gt;</c> found in the prompt, as <c>{"items":[{"item_id":…,"entities":[]}]}</c>.</summary>
    public static FakeReply EchoItems() => new EchoItemsReply();

    /// <summary>Like <see cref="EchoItems"/>, but an item whose text contains a rule's text is answered with its
    /// entities: right for whatever pack (or half of a split pack) the item arrives in.</summary>
    public static FakeReply PerItem(params ItemEntities[] items) => new PerItemReply(items);

    /// <summary>One result per item tag in the prompt, each the given fields (a JSON object) beside its <c>item_id</c>:
    /// the answer of a block schema's run, for packs of any size.</summary>
    public static FakeReply EchoFields(string fieldsJson) => new EchoItemsReply(fieldsJson);

    /// <summary>One result per item tag in the prompt, each field filled from that item's block text by its rule:
    /// a block schema's answer that differs per block, deterministically, for packs of any size.</summary>
    public static FakeReply BlockFields(IReadOnlyList<KeyValuePair<string, BlockFieldFill>> fields) => new BlockFieldsReply(fields);
}

/// <param name="Entities">The item's <c>entities</c> array as the answer carries it.</param>
public sealed record ItemEntities(string WhenItemContains, System.Text.Json.Nodes.JsonArray Entities);

public sealed record PerItemReply(IReadOnlyList<ItemEntities> Items) : FakeReply;

public sealed record JsonReply(string Content) : FakeReply;

public sealed record TextReply(string Content) : FakeReply;

public sealed record TruncatedReply(string Partial) : FakeReply;

public sealed record StatusReply(int StatusCode, string? RetryAfter) : FakeReply;

public sealed record RawBodyReply(string Body) : FakeReply;

public sealed record EchoItemsReply(string? Fields = null) : FakeReply;

public sealed record BlockFieldsReply(IReadOnlyList<KeyValuePair<string, BlockFieldFill>> Fields) : FakeReply;
