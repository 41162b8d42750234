namespace Strata.FakeLlm;

/// <summary>A scripted reply: used when the prompt (system and user text) contains <see cref="WhenPromptContains"/>
/// (or always, when null), at most <see cref="Times"/> times (or forever, when null).</summary>
public sealed class FakeRule(string? whenPromptContains, FakeReply reply, int? times)
{
    private int _used;

    public string? WhenPromptContains { get; } = whenPromptContains;

    public FakeReply Reply { get; } = reply;

    public int? Times { get; } = times;

    /// <summary>Claims one use when the rule applies; callers hold the script's lock.</summary>
    internal bool TryUse(string prompt)
    {
        if (Times is { } limit && _used >= limit) return false;
        if (WhenPromptContains is not null && !prompt.Contains(WhenPromptContains, StringComparison.Ordinal)) return false;
        _used++;
        return true;
    }
}
