// Connects the official MCP TypeScript SDK to `strata serve` with OAuth, as a hosted agent would: the server is configured
// with an issuer (STRATA_OAuth__ settings), the client starts without a token, follows the 401's resource_metadata link to
// the authorization server and obtains a token with the SDK's own ClientCredentialsProvider (client_credentials grant,
// RFC 8707 resource), then calls tools. Also shows the refusals a person would see: no token, and a token for another
// resource. Prints a JSON summary on stdout; exits non-zero on any failure.
//
// usage: node check-oauth.mjs --dll strata.dll --port N --issuer URL --client-id ID --client-secret S --foreign-token JWT
//        [--dotnet path] [--database URL]
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const dll = option("--dll") && resolve(option("--dll"));
const dotnet = option("--dotnet") ?? "dotnet";
const database = option("--database");
const port = option("--port");
const issuer = option("--issuer");
if (!dll || !port || !issuer) {
  console.error("usage: node check-oauth.mjs --dll strata.dll --port N --issuer URL --client-id ID --client-secret S --foreign-token JWT");
  process.exit(2);
}
const base = `http://127.0.0.1:${port}`;

function listening(server) {
  return new Promise((resolve, reject) => {
    let errors = "";
    server.stderr.on("data", (d) => (errors += d));
    createInterface({ input: server.stdout }).on("line", (line) => {
      if (line.startsWith("strata serve: listening on")) resolve();
    });
    server.on("exit", (code) => reject(new Error(`strata serve exited ${code} before listening: ${errors}`)));
  });
}

/** The status and challenge a plain HTTP client gets for /v1/sources with this Authorization header. */
async function refusal(authorization) {
  const response = await fetch(`${base}/v1/sources`, { headers: authorization ? { Authorization: authorization } : {} });
  return { status: response.status, challenge: response.headers.get("www-authenticate") };
}

const work = await mkdtemp(join(tmpdir(), "strata-oauth-"));
const storage = database ? ["--data-dir", work, "--database", database] : ["--data-dir", work];
const server = spawn(dotnet, [dll, "serve", "--urls", base, ...storage], {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, STRATA_OAuth__Resource: base, STRATA_OAuth__Issuers__0__Issuer: issuer },
});
try {
  await listening(server);
  const missing = await refusal(null);
  const foreign = await refusal(`Bearer ${option("--foreign-token")}`);
  const link = /resource_metadata="([^"]+)"/.exec(missing.challenge)?.[1];
  assert.ok(link, `no resource_metadata in ${missing.challenge}`);
  const metadata = await (await fetch(link)).json();

  const provider = new ClientCredentialsProvider({
    clientId: option("--client-id"),
    clientSecret: option("--client-secret"),
    scope: "strata:read strata:write",
    expectedIssuer: issuer,
  });
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { authProvider: provider });
  const client = new Client({ name: "strata-oauth-check", version: "1.0.0" });
  await client.connect(transport);
  try {
    const stored = await client.callTool({
      name: "ingest_structured",
      arguments: { entities: [{ entity_type: "contact", name: "Ada Lovelace", email: "ada@example.com" }] },
    });
    assert.notEqual(stored.isError, true, JSON.stringify(stored));
    const found = await client.callTool({ name: "retrieve_entities", arguments: { query: "Lovelace" } });
    assert.notEqual(found.isError, true, JSON.stringify(found));
    await transport.terminateSession();
    console.log(JSON.stringify({
      missing_token: missing,
      foreign_token: foreign,
      metadata,
      token_obtained: Boolean(provider.tokens()?.access_token),
      token_scope: provider.tokens()?.scope ?? null,
      entities_found: found.structuredContent.entities.map((e) => e.entity_id),
      stored: stored.structuredContent.entities.map((e) => e.entity_id),
    }));
  } finally {
    await client.close();
  }
} finally {
  server.kill();
  if (server.exitCode === null) await once(server, "exit");
  await rm(work, { recursive: true, force: true });
}
