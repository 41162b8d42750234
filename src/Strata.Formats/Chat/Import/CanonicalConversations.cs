using Strata.Core.Imports;

namespace Strata.Formats.Chat.Import;

/// <summary>A conversation as read, in the shape its source stores (<see cref="CanonicalConversation"/>).</summary>
public static class CanonicalConversations
{
    public static CanonicalConversation Of(ChatConversation conversation) => new(
        conversation.Provider, conversation.Id, conversation.Title, conversation.CreatedAt, conversation.UpdatedAt, conversation.ProjectId,
        conversation.Messages.Select(m => new CanonicalMessage(m.Id, m.Role, m.CreatedAt, m.Text,
            m.Parts.Select(p => new CanonicalPart(p.Kind, p.Text)).ToList(),
            m.Attachments.Select(a => new CanonicalAttachment(a.Name, a.MediaType, a.Size)).ToList(), m.Speaker)).ToList());
}
