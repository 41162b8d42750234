using System.Globalization;
using Strata.Core.Imports;
using Strata.Core.Users;

namespace Strata.Server.Web.Views;

/// <summary>One chat import (get_import): its state, conversations and messages read, the full pass's conversations done
/// of the total, and facts found. import.js keeps each figure current from the import's event stream until it ends.</summary>
internal static class ImportPage
{
    public static Html Render(WebSession session, ChatImportView import) => Layout.Page($"Import {import.FileName ?? import.ImportId}", session, Html.Of($"""
        <h1>Import {import.FileName ?? import.ImportId} <span class="muted">({import.Provider})</span></h1>
        <section class="import-live" data-import-events="/page-api/imports/{import.ImportId}/events" aria-live="polite">
        <dl class="counts">
        <div><dt>State</dt><dd><span class="status {import.Status}" data-import-field="status">{import.Status}</span></dd></div>
        <div><dt>Conversations read</dt><dd data-import-field="conversations">{import.Counts.Conversations}</dd></div>
        <div><dt>Messages read</dt><dd data-import-field="messages">{import.Counts.Messages}</dd></div>
        <div><dt>Full pass</dt><dd><span data-import-field="passed">{import.Progress.FullPassConversations}</span> of <span data-import-field="total">{import.Progress.QuickPassConversations}</span> conversations</dd></div>
        <div><dt>Facts</dt><dd data-import-field="facts">{import.Counts.Facts}</dd></div>
        </dl>
        <progress max="100" value="{Percent(import)}" data-import-field="fraction" aria-label="Full pass">{Percent(import)} %</progress>
        <p class="error" data-import-field="error">{import.Error}</p>
        </section>
        <p class="muted">Added {import.Counts.ConversationsAdded}, unchanged {import.Counts.ConversationsUnchanged}, empty {import.Counts.ConversationsEmpty}; started {Format.Time(import.CreatedAt)}.</p>
        {(Resumable(import) ? Html.Of($"""<p><a class="resume" href="/imports/{import.ImportId}/resume">Resume the full pass…</a></p>""") : Html.Empty)}
        <p><a href="/imports">All imports</a></p>
        """));

    /// <summary>A failed import can be resumed (one whose reading process died is ended failed, saying it was interrupted).</summary>
    private static bool Resumable(ChatImportView import) => import.Status == ChatImportStatuses.Failed;

    /// <summary>What resuming does, before it is done: only the confirmation's form calls resume_import.</summary>
    public static Html ConfirmResume(WebSession session, ChatImportView import) => ConfirmPage.Render(session,
        new Confirmation("Resume the import?", $"Resume import {import.FileName ?? import.ImportId}?",
            Resumable(import)
                ? $"The full pass is queued again: the {import.Progress.FullPassConversations} conversations it finished are kept, and the other {Math.Max(0, import.Progress.QuickPassConversations - import.Progress.FullPassConversations)} (not done or failed) are read again, asking the model (each costs model calls)."
                : $"This import is {import.Status}: there is nothing to resume, and resuming changes nothing.",
            $"/imports/{import.ImportId}/resume", "Resume", $"/imports/{import.ImportId}")
        {
            Details = Html.Of($"""<p class="error">{import.Error}</p>"""),
        });

    private static string Percent(ChatImportView import) =>
        Math.Round(import.Progress.FullPassFraction * 100).ToString(CultureInfo.InvariantCulture);
}
