namespace Strata.Acceptance.Tests.Documents;

/// <summary>A theory that needs Debian's chromium to print a PDF; skipped, saying so, where it is not installed.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public static readonly string? Executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public ChromiumTheoryAttribute()
    {
        if (Executable is null) Skip = "chromium is not installed (apt-get install chromium): the PDF made with --print-to-pdf cannot be produced here.";
    }
}
