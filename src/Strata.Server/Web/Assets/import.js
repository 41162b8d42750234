// An import's page kept current: server-sent events carrying get_import's JSON (ImportEvents.cs) update the state, the
// conversations and messages read, the full pass's conversations done of the total, and the facts, without a reload.
const ended = new Set(["complete", "failed"]);

export function startImport(section) {
  const events = new EventSource(section.dataset.importEvents);
  const field = name => section.querySelector(`[data-import-field="${name}"]`);
  events.addEventListener("import", e => {
    const i = JSON.parse(e.data);
    field("status").textContent = i.status;
    field("status").className = `status ${i.status}`;
    field("conversations").textContent = String(i.counts.conversations);
    field("messages").textContent = String(i.counts.messages);
    field("passed").textContent = String(i.progress.full_pass_conversations);
    field("total").textContent = String(i.progress.quick_pass_conversations);
    field("facts").textContent = String(i.counts.facts);
    const percent = Math.round(i.progress.full_pass_fraction * 100);
    field("fraction").value = percent;
    field("fraction").textContent = `${percent} %`;
    field("error").textContent = i.error ?? "";
    // The server ends the stream here; closing keeps the browser from opening it again.
    if (ended.has(i.status)) events.close();
  });
  window.addEventListener("pagehide", () => events.close());
}
