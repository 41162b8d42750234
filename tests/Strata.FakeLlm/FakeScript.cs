namespace Strata.FakeLlm;

/// <summary>The fake's rules, tried in the order they were added; the first that applies answers. With no
/// rule applying, the fake echoes the items of the prompt (<see cref="FakeReply.EchoItems"/>).</summary>
public sealed class FakeScript
{
    private readonly Lock _lock = new();
    private readonly List<FakeRule> _rules = [];

    public FakeScript Reply(FakeReply reply, int? times = null) => When(null, reply, times);

    public FakeScript When(string? promptContains, FakeReply reply, int? times = null)
    {
        lock (_lock) _rules.Add(new FakeRule(promptContains, reply, times));
        return this;
    }

    public void Clear()
    {
        lock (_lock) _rules.Clear();
    }

    internal FakeReply Next(string prompt)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if (rule.TryUse(prompt)) return rule.Reply;
            }
        }
        return FakeReply.EchoItems();
    }
}
