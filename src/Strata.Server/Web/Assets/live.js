// The project page's live status: server-sent events carrying the same JSON as get_review_progress, list_documents and
// list_block_runs, sent when they change (ProjectEvents.cs). The page updates its counts, each document's status and
// block count, and each document's block runs in place, without a reload.
export function startLive(source) {
  const events = new EventSource(source.dataset.events);
  events.addEventListener("progress", e => {
    const counts = JSON.parse(e.data).counts;
    const shown = { pending: counts.pending + counts.claimed, staged: counts.staged, confirmed: counts.confirmed, failed: counts.failed };
    for (const [name, value] of Object.entries(shown)) {
      const cell = document.querySelector(`[data-count="${name}"]`);
      if (cell) cell.textContent = String(value);
    }
  });
  events.addEventListener("documents", e => {
    for (const d of JSON.parse(e.data).documents) {
      const row = document.querySelector(`tr[data-document="${CSS.escape(d.document_id)}"]`);
      if (!row) continue;
      const status = document.createElement("span");
      status.className = `status ${d.status}`;
      status.textContent = d.status;
      row.querySelector(".doc-status").replaceChildren(status, d.error ? ` ${d.error}` : "");
      row.querySelector(".doc-blocks").textContent = String(d.block_count);
    }
  });
  events.addEventListener("runs", e => {
    const byDocument = new Map();
    for (const run of JSON.parse(e.data).items) byDocument.set(run.document_id, [...(byDocument.get(run.document_id) ?? []), run]);
    for (const row of document.querySelectorAll("tr[data-document]")) {
      const runs = byDocument.get(row.dataset.document) ?? [];
      const cell = row.querySelector(".doc-runs");
      if (runs.length === 0) { cell.textContent = "none"; continue; }
      cell.replaceChildren(...runs.flatMap(run => {
        const link = document.createElement("a");
        link.href = `/runs/${encodeURIComponent(run.run_id)}`;
        link.textContent = `${run.schema_ref} v${run.schema_version}`;
        const status = document.createElement("span");
        status.textContent = `(${run.status})`;
        return [link, " ", status, " "];
      }));
    }
  });
  // Leaving the page closes the stream, so the server stops reading for it.
  window.addEventListener("pagehide", () => events.close());
}
