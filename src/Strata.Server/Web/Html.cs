using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Strata.Server.Web;

/// <summary>
/// A piece of HTML. Built only from interpolated strings whose holes are encoded (text and attribute values alike) unless
/// the hole is itself <see cref="Html"/>: a view cannot forget to encode a value, because there is no way to write one raw.
/// </summary>
public readonly struct Html
{
    private readonly string? _text;

    private Html(string text) => _text = text;

    public static Html Empty => new("");

    /// <summary>The one way in: <c>Html.Of($"&lt;p&gt;{value}&lt;/p&gt;")</c> encodes <c>value</c>.</summary>
    public static Html Of(HtmlBuilder builder) => new(builder.ToString());

    /// <summary>Several pieces one after another.</summary>
    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p._text)));

    /// <summary>Markup the caller wrote itself (a constant), never a value.</summary>
    public static Html Markup(string constant) => new(constant);

    public override string ToString() => _text ?? "";
}

[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    private readonly StringBuilder _builder;

    public HtmlBuilder(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + formattedCount * 16);

    public readonly void AppendLiteral(string value) => _builder.Append(value);

    public readonly void AppendFormatted(Html value) => _builder.Append(value.ToString());

    public readonly void AppendFormatted(IEnumerable<Html> values)
    {
        foreach (var value in values) _builder.Append(value.ToString());
    }

    public readonly void AppendFormatted<T>(T value) =>
        _builder.Append(HtmlEncoder.Default.Encode(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));

    public override readonly string ToString() => _builder.ToString();
}
