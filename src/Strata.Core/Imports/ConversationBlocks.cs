using Strata.Core.Documents;

namespace Strata.Core.Imports;

/// <summary>
/// A conversation source as a document: one <see cref="BlockType.Message"/> block per message, in order, so message
/// <c>i</c> is block <c>i</c> and its uid is known from the source's hash alone. The converter (Strata.Formats) and the
/// full pass (which records where each fact was said) share these names.
/// </summary>
public static class ConversationBlocks
{
    public const string Converter = "conversation";
    public const string ConverterVersion = "1";

    public static string ConversionUid(string sourceHash) => ConversionId.Compute(Converter, ConverterVersion, sourceHash);

    public static string BlockUid(string sourceHash, int messageIndex) => ConversionId.BlockUid(ConversionUid(sourceHash), messageIndex);
}
