// The review grid: a virtualized ARIA grid. Only the rows in view (plus a margin) are in the DOM, absolutely placed in a
// body as tall as every row together, so 100,000 blocks cost what 100 do; rows come from the server a page at a time
// as they scroll into view (list_block_values, whose cursor is the block index before the page). Keyboard first: the
// grid keeps focus and points at the active row with aria-activedescendant. The view (hidden columns, density, the
// selected row) and the row filter live in the URL's query, so a reload or a shared link opens the same view.
// Rows are positions in the listed set: with no filter, position = block index and pages go by cursor; with a filter
// (data-filter, list_block_values' own arguments) the server counts and pages the filtered set by offset.
import { call } from "./api.js";
import { readView, writeView } from "./view.js";

const PAGE = 100;
const MARGIN = 10;
// Every row is this tall (strata.css: --row, border included): placement and the window are computed from it.
const HEIGHTS = { comfortable: 32, compact: 24 };

export function startGrid(grid) {
  const run = grid.dataset.run;
  let rows = Number(grid.dataset.rows);
  const filter = grid.dataset.filter ?? "";
  const fields = [...grid.querySelectorAll("[data-field]")].map(h => h.dataset.field);
  const viewport = grid.querySelector(".grid-viewport");
  const body = grid.querySelector(".grid-body");
  const record = document.querySelector(".record");
  const statusLine = document.querySelector(".grid-status");
  const sheet = document.getElementById("shortcuts");
  const view = readView(fields);
  const ROW = HEIGHTS[view.density];
  const shown = fields.filter(f => !view.hidden.has(f));
  grid.classList.toggle("compact", view.density === "compact");
  grid.style.setProperty("--fields", String(Math.max(shown.length, 1)));
  grid.setAttribute("aria-colcount", String(shown.length + 2));
  grid.querySelectorAll("[data-field]").forEach(h => { h.hidden = view.hidden.has(h.dataset.field); });
  body.style.height = `${rows * ROW}px`;

  const values = new Map();
  const pages = new Map();
  let active = Math.max(0, Math.min(rows - 1, view.row));
  let editing = false;
  // The multi-row selection (block indexes): Space toggles, Shift with a move extends; Enter and Backspace act on it.
  const selected = new Set();
  let shownRecord = -1;

  const say = text => { statusLine.textContent = text; };

  function load(page) {
    if (pages.has(page)) return;
    const from = page === 0 ? "" : filter ? `&offset=${page * PAGE}` : `&cursor=${page * PAGE - 1}`;
    pages.set(page, call(`/page-api/runs/${encodeURIComponent(run)}/values?limit=${PAGE}${from}${filter ? `&${filter}` : ""}`)
      .then(list => { list.items.forEach((v, n) => values.set(page * PAGE + n, v)); render(); })
      .catch(error => { pages.delete(page); say(error.message); }));
  }

  function cell(text, extra) {
    const div = document.createElement("div");
    div.setAttribute("role", "gridcell");
    div.textContent = text;
    if (extra) div.className = extra;
    return div;
  }

  function show(value) {
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  function rowElement(i) {
    const value = values.get(i);
    const row = document.createElement("div");
    row.setAttribute("role", "row");
    row.id = `row-${i}`;
    row.setAttribute("aria-rowindex", String(i + 2));
    // Without a selection the active row is the selected one (as before); with one, exactly the picked rows are.
    row.setAttribute("aria-selected", String(selected.size > 0 ? selected.has(i) : i === active));
    row.className = `grid-row ${value?.state ?? "loading"}${selected.has(i) ? " picked" : ""}${i === active ? " active" : ""}`;
    row.style.top = `${i * ROW}px`;
    row.dataset.index = String(i);
    row.append(cell(value ? String(value.block_index) : ""), cell(value?.state ?? "loading…"));
    for (const field of shown) row.append(cell(value ? show(value.value?.[field]) : ""));
    if (!value) load(Math.floor(i / PAGE));
    return row;
  }

  function render() {
    if (editing) return;
    const height = ROW;
    const first = Math.max(0, Math.floor(viewport.scrollTop / height) - MARGIN);
    const last = Math.min(rows - 1, Math.ceil((viewport.scrollTop + viewport.clientHeight) / height) + MARGIN);
    const fragment = document.createDocumentFragment();
    for (let i = first; i <= last; i++) fragment.append(rowElement(i));
    body.replaceChildren(fragment);
    if (rows > 0) grid.setAttribute("aria-activedescendant", `row-${active}`); else grid.removeAttribute("aria-activedescendant");
    showRecord();
  }

  function moveTo(i) {
    if (rows === 0) return;
    active = Math.max(0, Math.min(rows - 1, i));
    writeView({ row: active });
    const height = ROW;
    const top = active * height;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + height > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + height - viewport.clientHeight;
    render();
  }

  async function showRecord() {
    const value = values.get(active);
    if (!record || !value || shownRecord === active) return;
    shownRecord = active;
    const block = await call(`/page-api/blocks/${encodeURIComponent(value.block_uid)}`).catch(() => null);
    if (shownRecord !== active) return;
    const heading = document.createElement("h2");
    heading.textContent = `Block ${value.block_index}${block ? ` · ${block.type}` : ""}`;
    const text = document.createElement("pre");
    text.textContent = block?.content ?? "";
    const answer = document.createElement("pre");
    answer.textContent = JSON.stringify(value.value ?? null, null, 2);
    const link = document.createElement("a");
    link.href = `/runs/${encodeURIComponent(run)}/blocks/${value.block_index}`;
    link.textContent = "Open in the source (s)";
    const extra = value.error ? Object.assign(document.createElement("p"), { textContent: `Failed: ${value.error}` }) : "";
    record.replaceChildren(heading, link, text, answer, extra);
  }

  // The rows read again after a change (the caller's status line follows once they are); under a filter the server counts the listed set again first (list_block_values
  // with include_total), so the row count, aria-rowcount and the count line follow what the change moved in or out.
  async function refresh() {
    if (filter) {
      try {
        const list = await call(`/page-api/runs/${encodeURIComponent(run)}/values?limit=1&include_total=true&${filter}`);
        rows = list.total;
      } catch (error) { say(error.message); }
      grid.dataset.rows = String(rows);
      grid.setAttribute("aria-rowcount", String(rows + 1));
      body.style.height = `${rows * ROW}px`;
      const listed = document.querySelector("[data-listed]");
      if (listed) listed.textContent = String(rows);
      active = Math.max(0, Math.min(rows - 1, active));
    }
    values.clear(); pages.clear(); shownRecord = -1;
    render();
    // Resolved once the rows in view are read again, so what is said after it is said over rows that show it.
    await Promise.all([...pages.values()]);
  }

  function toggle(i) {
    if (selected.has(i)) selected.delete(i); else selected.add(i);
    say(`${selected.size} selected.`);
    render();
  }

  function extend(step) {
    selected.add(active);
    moveTo(active + step);
    selected.add(active);
    say(`${selected.size} selected.`);
    render();
  }

  function clearSelection() {
    if (selected.size === 0) return;
    selected.clear();
    say("Selection cleared.");
    render();
  }

  // Every change the grid makes is ONE undoable step on the server (apply_bulk_change for a row or a selection,
  // confirm_matching_values / reject_matching_values for everything matching the filter): their ids are kept, newest
  // last, and Undo (u) takes back the newest with undo_bulk_change, then the one before, and so on.
  const steps = [];
  const undoButton = document.querySelector('[data-action="undo"]');
  function remember(changeId) {
    if (!changeId) return;
    steps.push(changeId);
    undoButton.disabled = false;
  }

  // The page reads no counts from the answer: without them a one-block step costs the same at any run size.
  const applyStep = blocks => (action, value) =>
    call(`/page-api/runs/${encodeURIComponent(run)}/bulk-changes`, { method: "POST", body: { action, blocks, value, include_counts: false } });

  async function changeSelection(action) {
    const blocks = [...selected].sort((a, b) => a - b).map(i => values.get(i)?.block_index).filter(b => b !== undefined);
    let answer;
    try {
      answer = await applyStep(blocks)(action);
    } catch (error) { say(error.message); render(); return; }
    const changed = answer.changed.length, skipped = answer.unchanged.length;
    selected.clear();
    remember(answer.change_id);
    await refresh();
    const done = action === "confirm" ? "confirmed" : `rejected: the model is asked again (${changed} model calls at most)`;
    say(`${changed} selected values ${done}.${skipped ? ` ${skipped} not staged, left as they were.` : ""} Undo: u.`);
    render();
  }

  async function undo() {
    const changeId = steps.at(-1);
    if (!changeId) { say("Nothing to undo."); return; }
    try {
      const answer = await call(`/page-api/bulk-changes/${encodeURIComponent(changeId)}/undo`, { method: "POST" });
      steps.pop();
      undoButton.disabled = steps.length === 0;
      await refresh();
      const left = answer.left_as_they_were.length;
      say(`Undone: ${answer.undone.length} values staged again.${left ? ` ${left} changed since, left as they were.` : ""}`);
      render();
    } catch (error) { say(error.message); }
  }

  // One row: shown in its new state at once (optimistic), written as a one-block step; if the server refuses it or
  // finds the value no longer staged, the row goes back to what it was and the status line says why.
  async function change(action) {
    if (selected.size > 0) return changeSelection(action);
    const index = active;
    const value = values.get(index);
    if (!value) return;
    const block = value.block_index;
    if (value.state !== "staged") { say(`Block ${block} is ${value.state}: only a staged value can be ${action}ed.`); return; }
    values.set(index, action === "confirm" ? { ...value, state: "confirmed" } : { ...value, state: "pending", value: null, model_value: value.value });
    shownRecord = -1;
    say(action === "confirm" ? `Block ${block} confirmed. Undo: u.` : `Block ${block} rejected: the model is asked again (1 model call). Undo: u.`);
    moveTo(index + 1);
    try {
      const answer = await applyStep([block])(action);
      if (answer.changed.length === 0) throw new Error(`Block ${block} changed meanwhile: it was not staged any more.`);
      remember(answer.change_id);
    } catch (error) {
      if (values.get(index)?.state !== value.state) values.set(index, value);
      shownRecord = -1;
      say(`${error.message} Block ${block} is shown as it was.`);
      render();
      return;
    }
    // Under a filter the row may have left the listed set: count again, and stay on the row that took its place.
    if (filter) {
      const before = rows;
      await refresh();
      if (rows < before && active > index) moveTo(active - (before - rows));
    }
  }

  async function commit() {
    const staged = [...values.values()].filter(v => v.state === "staged").length;
    say(`Confirming every staged value of this run…`);
    try {
      const answer = await call(`/page-api/runs/${encodeURIComponent(run)}/confirm-all`, { method: "POST" });
      await refresh();
      say(`${answer.changed} values confirmed (${staged} were staged on screen).`);
      render();
    } catch (error) { say(error.message); }
  }

  function edit() {
    const value = values.get(active);
    const row = document.getElementById(`row-${active}`);
    if (!value || !row) return;
    if (value.state !== "staged") { say(`Block ${value.block_index} is ${value.state}: only a staged value can be edited.`); return; }
    editing = true;
    const inputs = shown.map((field, n) => {
      const input = document.createElement("input");
      input.value = show(value.value?.[field]);
      input.setAttribute("aria-label", field);
      row.children[n + 2].replaceChildren(input);
      return input;
    });
    inputs[0]?.focus();
    row.addEventListener("keydown", async event => {
      if (event.key === "Escape") { event.preventDefault(); editing = false; grid.focus(); render(); say("Edit cancelled."); }
      else if (event.key === "Enter") {
        event.preventDefault();
        // Hidden columns keep their value: only the fields on screen were edited.
        const edited = { ...(value.value ?? {}) };
        shown.forEach((field, n) => { edited[field] = typed(value.value?.[field], inputs[n].value); });
        // An undoable step like any other (apply_bulk_change, action edit): the value is the person's, and confirmed.
        try {
          const answer = await applyStep([value.block_index])("edit", edited);
          if (answer.changed.length === 0) throw new Error(`Block ${value.block_index} changed meanwhile: it was not staged any more.`);
          remember(answer.change_id);
          values.set(active, { ...value, state: "confirmed", value: edited, edited: true });
          say(`Block ${value.block_index} edited and confirmed. Undo: u.`);
        } catch (error) { say(error.message); }
        editing = false; shownRecord = -1; grid.focus(); render();
      }
      event.stopPropagation();
    });
  }

  // An edited field keeps the JSON type the model gave it (a number stays a number, true stays a boolean).
  function typed(original, text) {
    if (typeof original === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
    if (typeof original === "boolean" && (text === "true" || text === "false")) return text === "true";
    if (original === null && text === "") return null;
    return text;
  }

  const openSource = () => { const v = values.get(active); if (v) location.href = `/runs/${encodeURIComponent(run)}/blocks/${v.block_index}`; };
  const actions = {
    confirm: () => change("confirm"), reject: () => change("reject"), edit, commit, source: openSource, undo,
    help: () => sheet.showModal(),
  };
  document.querySelectorAll("[data-action]").forEach(button => button.addEventListener("click", () => { actions[button.dataset.action](); if (!editing) grid.focus(); }));

  grid.addEventListener("keydown", event => {
    if (editing) return;
    const page = Math.max(1, Math.floor(viewport.clientHeight / ROW) - 1);
    const keys = {
      j: () => moveTo(active + 1), ArrowDown: () => moveTo(active + 1), k: () => moveTo(active - 1), ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page), PageUp: () => moveTo(active - page), Home: () => moveTo(0), End: () => moveTo(rows - 1),
      Enter: () => (event.ctrlKey || event.metaKey ? commit() : change("confirm")), Backspace: () => change("reject"),
      e: edit, s: openSource, u: undo, "?": () => sheet.showModal(), " ": () => toggle(active), Escape: clearSelection,
    };
    const extending = { j: 1, ArrowDown: 1, J: 1, k: -1, ArrowUp: -1, K: -1 };
    if (event.shiftKey && event.key in extending) { event.preventDefault(); extend(extending[event.key]); return; }
    const handler = keys[event.key];
    if (handler && !(event.altKey)) { event.preventDefault(); handler(); }
  });
  body.addEventListener("click", event => {
    const row = event.target.closest("[role=row]");
    if (!row) return;
    const to = Number(row.dataset.index);
    if (event.shiftKey) {
      for (let i = Math.min(active, to); i <= Math.max(active, to); i++) selected.add(i);
      say(`${selected.size} selected.`);
    }
    moveTo(to);
    grid.focus();
  });
  let frame = 0;
  viewport.addEventListener("scroll", () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(render); });
  if (active > 0) viewport.scrollTop = Math.max(0, active * ROW - viewport.clientHeight / 2);
  render();
  grid.focus();
  const reload = () => refresh();
  return { say, reload, remember, listed: () => rows };
}
