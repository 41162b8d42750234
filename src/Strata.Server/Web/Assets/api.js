// The page's calls to its own JSON endpoints (/page-api, under the session cookie). Every write carries the session's
// CSRF token, read from the page's <meta name="csrf-token">. Errors come back as problem+json with Strata's stable code.
const token = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

export async function call(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = token();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${answer.code ?? response.status}: ${answer.detail ?? response.statusText}`);
  return answer;
}

export function csrfToken() { return token(); }
