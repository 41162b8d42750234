// Multi-file upload: each file is its own request (so each has its own progress bar and its own error), sent to the
// page's upload endpoint, which is REST's multipart upload under the session. Files can be dropped on the form.
import { csrfToken } from "./api.js";

export function startUpload(form) {
  const input = form.querySelector('input[type="file"]');
  const list = form.parentElement.querySelector(".upload-status");
  const send = files => { for (const file of files) sendOne(form.dataset.upload, file, list); };
  form.addEventListener("submit", event => { event.preventDefault(); send(input.files); });
  form.addEventListener("dragover", event => { event.preventDefault(); form.classList.add("dragging"); });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", event => { event.preventDefault(); form.classList.remove("dragging"); send(event.dataTransfer.files); });
}

function sendOne(url, file, list) {
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.textContent = file.name;
  const bar = document.createElement("progress");
  bar.max = 100; bar.value = 0;
  bar.setAttribute("aria-label", `Upload of ${file.name}`);
  const state = document.createElement("span");
  state.className = "upload-state";
  state.textContent = "sending";
  item.append(name, bar, state);
  list.append(item);

  const data = new FormData();
  data.append("file", file, file.name);
  const request = new XMLHttpRequest();
  request.open("POST", `${url}?wait=true`);
  request.setRequestHeader("X-CSRF-Token", csrfToken());
  request.upload.addEventListener("progress", e => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); });
  request.addEventListener("load", () => {
    let answer = {};
    try { answer = JSON.parse(request.responseText); } catch { /* not JSON: reported below by status */ }
    const result = answer.files?.[0];
    if (request.status >= 400) state.textContent = `failed: ${answer.code ?? request.status} ${answer.detail ?? ""}`;
    else if (result?.error) state.textContent = `failed: ${result.error.code} ${result.error.message}`;
    else { bar.value = 100; state.textContent = result?.result?.document?.status ?? "done"; }
    item.dataset.done = "true";
  });
  request.addEventListener("error", () => { state.textContent = "failed: the connection broke"; item.dataset.done = "true"; });
  request.send(data);
}
