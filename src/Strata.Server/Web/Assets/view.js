// The grid's view, kept in the URL's query so a reload or a shared link shows the same view: hide (the hidden columns,
// comma-separated), density (compact; comfortable when absent) and row (the selected row's position in the listed set:
// the block index when there is no filter). The row filter is in the URL too, written by its own GET form. The URL is
// the one place the view is read from: changing columns or density rewrites it and loads the page again from it.

export function readView(fields) {
  const query = new URLSearchParams(location.search);
  const hidden = new Set((query.get("hide") ?? "").split(",").filter(f => fields.includes(f)));
  const density = query.get("density") === "compact" ? "compact" : "comfortable";
  const row = Number.parseInt(query.get("row") ?? "0", 10);
  return { hidden, density, row: Number.isFinite(row) && row >= 0 ? row : 0 };
}

export function writeView(changes) {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") query.delete(name);
    else query.set(name, String(value));
  }
  const text = query.toString();
  history.replaceState(null, "", text ? `${location.pathname}?${text}` : location.pathname);
}

export function startView(form, fields) {
  const view = readView(fields);
  const boxes = [...form.querySelectorAll("input[name=column]")];
  for (const box of boxes) box.checked = !view.hidden.has(box.value);
  form.elements.density.value = view.density;
  form.addEventListener("change", () => {
    const hide = boxes.filter(b => !b.checked).map(b => b.value).join(",");
    const density = form.elements.density.value === "compact" ? "compact" : null;
    writeView({ hide, density });
    location.reload();
  });
}
