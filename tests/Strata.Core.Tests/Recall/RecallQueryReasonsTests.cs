using Strata.Core.Recall;

namespace Strata.Core.Tests.Recall;

/// <summary>An answer's partial reasons come back in the order of the layers that said them, whether the layers ran one
/// after another or beside each other (SQLite searches the entity layers on a second session while the text layers run).</summary>
public sealed class RecallQueryReasonsTests
{
    private static RecallQuery Query() => new("what did Caroline say?", ["caroline", "say"], new HashSet<string> { RecallKinds.Message },
        new RecallFilter(true, false, null, null, null), null, new RecallOptions(), () => false);

    [Fact]
    public async Task Reasons_said_beside_each_other_come_back_in_the_order_of_their_stages_each_once()
    {
        var query = Query();
        RecallQuery.EnterStage(0);
        query.Partial("before the layers");
        // The later layer (stage 2) finishes first, as a layer on the sibling session may.
        var later = Task.Run(() =>
        {
            RecallQuery.EnterStage(2);
            query.Partial("entities: cut");
            query.Partial("said by both");
        });
        await later;
        await Task.Run(() =>
        {
            RecallQuery.EnterStage(1);
            query.Partial("text: 'the' not scored");
            query.Partial("said by both");
            query.Partial("text: 'the' not scored");
        });
        RecallQuery.EnterStage(3);
        query.Partial("after the layers");

        Assert.Equal(["before the layers", "text: 'the' not scored", "said by both", "entities: cut", "after the layers"], query.PartialReasons);
    }

    [Fact]
    public async Task The_later_part_of_a_stage_said_first_beside_it_comes_after_what_the_stage_itself_says()
    {
        var query = Query();
        // The text layer's synonyms, scored on the sibling session, finish before the layer's own words are read.
        await Task.Run(() =>
        {
            RecallQuery.EnterStage(1);
            RecallQuery.EnterLaterPart();
            query.Partial("text: synonym 'pigment' not scored");
            query.Partial("said by both");
            RecallQuery.EnterStage(2);
            query.Partial("entities: cut");
        });
        RecallQuery.EnterStage(1);
        query.Partial("text: 'paint' not scored");
        query.Partial("said by both");

        Assert.Equal(["text: 'paint' not scored", "said by both", "text: synonym 'pigment' not scored", "entities: cut"], query.PartialReasons);
    }

    [Fact]
    public async Task A_stage_entered_in_one_flow_does_not_leak_into_the_flow_that_started_it()
    {
        var query = Query();
        RecallQuery.EnterStage(5);
        await Task.Run(() => RecallQuery.EnterStage(1));
        query.Partial("here");
        await Task.Run(() => query.Partial("there"));
        RecallQuery.EnterStage(2);
        query.Partial("then");

        Assert.Equal(["then", "here", "there"], query.PartialReasons);
    }
}
