namespace Strata.Core.Duplicates.Scoring;

/// <summary>
/// American Soundex: a letter and three digits that spelling variants of a name share ("smith", "smyth" → S530).
/// Blocking uses it so a typo in a family name still lands the record next to its twin.
/// </summary>
public static class Soundex
{
    public static string Code(string name)
    {
        Span<char> code = stackalloc char[4];
        var length = 0;
        var last = '\0';
        foreach (var raw in name)
        {
            var letter = char.ToLowerInvariant(raw);
            if (letter is < 'a' or > 'z') continue;
            var digit = Digit(letter);
            if (length == 0)
            {
                code[length++] = char.ToUpperInvariant(letter);
                last = digit;
                continue;
            }
            if (digit != '\0' && digit != last) code[length++] = digit;
            if (length == 4) break;
            // 'h' and 'w' do not separate two letters of one code; vowels do.
            if (letter is not ('h' or 'w')) last = digit;
        }
        if (length == 0) return "";
        while (length < 4) code[length++] = '0';
        return new string(code);
    }

    private static char Digit(char letter) => letter switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '\0',
    };
}
