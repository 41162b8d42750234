// Strata's page script: wires the parts a page has (the upload form, the live project status, the review grid). Loaded
// as a module from /assets;
// no inline script anywhere (see the Content-Security-Policy).
import { startGrid } from "./grid.js";
import { startBulk } from "./bulk.js";
import { startView } from "./view.js";
import { startUpload } from "./upload.js";
import { startLive } from "./live.js";
import { startImport } from "./import.js";

const grid = document.getElementById("grid");
if (grid) {
  const shown = startGrid(grid);
  const view = document.querySelector("form[data-view]");
  if (view) startView(view, [...grid.querySelectorAll("[data-field]")].map(h => h.dataset.field));
  const bulk = document.querySelector("form[data-bulk]");
  if (bulk) startBulk(bulk, document.getElementById("bulk-confirm"), grid.dataset.run, grid.dataset.filter ?? "", shown);
}
const upload = document.querySelector("form[data-upload]");
if (upload) startUpload(upload);
const live = document.querySelector("[data-events]");
if (live) startLive(live);
const importing = document.querySelector("[data-import-events]");
if (importing) startImport(importing);
