// "All matching": the whole filtered set of staged values (the grid's filter), confirmed or rejected in one
// call. It always counts first (a dry run of the same operation) and says how many values, and for a reject how many
// model calls, before anything changes; the person then goes ahead or cancels.
import { call } from "./api.js";

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export function startBulk(form, dialog, run, filterText, { say, reload, remember, listed }) {
  const count = dialog.querySelector(".bulk-count");
  const go = dialog.querySelector(".bulk-go");
  let pending = null;

  // The grid's own filter, as the page was loaded with it (data-filter: list_block_values' arguments), so "all matching"
  // is exactly the set the grid lists (its staged values).
  const filter = () => Object.fromEntries(new URLSearchParams(filterText));
  const path = action => `/page-api/runs/${encodeURIComponent(run)}/matching/${action}`;

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const action = event.submitter?.value ?? "confirm";
    try {
      const preview = await call(path(action), { method: "POST", body: { ...filter(), dry_run: true } });
      pending = { action, body: filter() };
      count.textContent = action === "reject"
        ? `${plural(preview.matched, "staged value matches", "staged values match")}. Rejecting them asks the model again: ${plural(preview.model_calls, "model call", "model calls")}.`
        : `${plural(preview.matched, "staged value matches", "staged values match")} and will be confirmed.`;
      // "All" is the whole set the grid lists: say so when it holds rows that are not staged (left as they are).
      const others = listed() - preview.matched;
      if (filterText && others > 0) count.textContent += ` The other ${plural(others, "listed block is", "listed blocks are")} not staged and left as they are.`;
      go.textContent = `${action === "reject" ? "Reject" : "Confirm"} ${preview.matched}`;
      go.disabled = preview.matched === 0;
      dialog.showModal();
    } catch (error) { say(error.message); }
  });

  dialog.addEventListener("close", async () => {
    if (dialog.returnValue !== "go" || !pending) { pending = null; return; }
    const { action, body } = pending;
    pending = null;
    try {
      const done = await call(path(action), { method: "POST", body });
      remember(done.change_id);
      say(action === "reject"
        ? `${plural(done.changed, "value", "values")} rejected: the model is asked again (${plural(done.model_calls, "model call", "model calls")}). Undo: u.`
        : `${plural(done.changed, "value", "values")} confirmed. Undo: u.`);
      reload();
    } catch (error) { say(error.message); }
  });
}
