// Strata's page script: wires the parts a page has (the upload form, the live project status, the review grid). Loaded
// as a module from /assets;
// no inline script anywhere (see the Content-Security-Policy).
import { startGrid } from "./grid.js";
import { startBulk } from "./bulk.js";
import { startUpload } from "./upload.js";
import { startLive } from "./live.js";

const grid = document.getElementById("grid");
if (grid) {
  const shown = startGrid(grid);
  const bulk = document.querySelector("form[data-bulk]");
  if (bulk) startBulk(bulk, document.getElementById("bulk-confirm"), grid.dataset.run, shown);
}
const upload = document.querySelector("form[data-upload]");
if (upload) startUpload(upload);
const live = document.querySelector("[data-events]");
if (live) startLive(live);
