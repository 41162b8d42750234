namespace Strata.Formats.Chat;

/// <summary>Counts statements a person makes about themselves ("I am", "my wife", "I prefer"…): the sentences a
/// memory is made of. English only, and a signal for ranking, not an extraction.</summary>
internal static class FirstPerson
{
    private static readonly string[] Openers = ["i am ", "i'm ", "i work", "i live", "i prefer", "i like", "i love", "i hate", "i want",
        "i need", "i have ", "i've ", "i decided", "i think", "i believe", "my "];

    public static int Count(string text)
    {
        var count = 0;
        foreach (var sentence in text.Split(['.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Openers.Any(o => sentence.StartsWith(o, StringComparison.OrdinalIgnoreCase)) ||
                sentence.Contains(" my ", StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }
        return count;
    }
}
