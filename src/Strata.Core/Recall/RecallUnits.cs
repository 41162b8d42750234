using System.Globalization;
using Strata.Core.Documents;

namespace Strata.Core.Recall;

/// <summary>What recall indexes of a document's blocks: a message block's speaker, role, conversation title and the words
/// of its date ("May", "2023", "Monday") are fields beside its text, so "what did Caroline say in May" meets the message
/// by its speaker and its month; a document block's fields are the document's name and the block's heading path.</summary>
public static class RecallUnits
{
    public static IReadOnlyList<RecallUnit> Of(Document document, IReadOnlyList<DocumentBlock> blocks) =>
        blocks.Select(block => Of(document.Id, document.Name, block)).ToList();

    public static RecallUnit Of(string documentId, string documentName, DocumentBlock block)
    {
        var message = block.Type == BlockType.Message;
        var at = message ? TimeOf(block) : null;
        var text = RecallTerms.Counts(block.Content);
        var meta = RecallTerms.Counts(Fields(documentName, block, at));
        var terms = new Dictionary<string, TermCount>(StringComparer.Ordinal);
        foreach (var (term, count) in text) terms[term] = new TermCount(count, 0);
        foreach (var (term, count) in meta) terms[term] = terms.GetValueOrDefault(term) with { Meta = count };
        return new RecallUnit(documentId, block.Index, message ? RecallKinds.Message : RecallKinds.Block, at?.ToUnixTimeSeconds(),
            text.Values.Sum() + meta.Values.Sum(), terms);
    }

    private static string Fields(string documentName, DocumentBlock block, DateTimeOffset? at)
    {
        var parts = new List<string>(block.HeadingPath);
        if (block.Type == BlockType.Message)
        {
            if (block.Attributes?.GetValueOrDefault("speaker") is { } speaker) parts.Add(speaker);
            if (at is { } time) parts.Add(DateWords(time));
        }
        else if (!block.HeadingPath.Contains(documentName))
        {
            parts.Add(documentName);
        }
        return string.Join(" \n ", parts);
    }

    /// <summary>The month, year and weekday of a time, as words a question uses.</summary>
    public static string DateWords(DateTimeOffset time) =>
        time.UtcDateTime.ToString("MMMM yyyy dddd", CultureInfo.InvariantCulture);

    private static DateTimeOffset? TimeOf(DocumentBlock block) =>
        block.Attributes?.GetValueOrDefault("time") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
