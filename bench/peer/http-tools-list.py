#!/usr/bin/env python3
"""MCP over HTTP: what a new session's tools/list costs on a warm `strata serve`.

Usage: python3 bench/peer/http-tools-list.py STRATA_EXE WORK_DIR [--port 18089] [--sessions 40]
Makes a user in a fresh data directory (WORK_DIR is deleted first), starts `strata serve --no-worker` on 127.0.0.1,
then opens SESSIONS sessions one after another (initialize, notifications/initialized, tools/list) and prints the
first session's tools/list time and the median (min-max) of the others, as the client waits for each answer.
"""
import argparse, http.client, json, re, shutil, statistics, subprocess, time

parser = argparse.ArgumentParser()
parser.add_argument("exe"); parser.add_argument("work")
parser.add_argument("--port", type=int, default=18089); parser.add_argument("--sessions", type=int, default=40)
args = parser.parse_args()

shutil.rmtree(args.work, ignore_errors=True)
made = subprocess.run([args.exe, "users", "create", "alice", "--data-dir", args.work], capture_output=True, text=True, check=True)
key = re.search(r"strata_[A-Za-z0-9_\-]+", made.stdout).group(0)
server = subprocess.Popen([args.exe, "serve", "--data-dir", args.work, "--urls", f"http://127.0.0.1:{args.port}", "--no-worker"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
server.stdout.readline()  # "strata serve: listening on ..."


def post(body, session=None):
    connection = http.client.HTTPConnection("127.0.0.1", args.port)
    headers = {"Authorization": "Bearer " + key, "Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    if session:
        headers["Mcp-Session-Id"] = session
    connection.request("POST", "/mcp", body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data, response.getheader("Mcp-Session-Id")


try:
    times = []
    for _ in range(args.sessions):
        _, _, session = post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
        post({"jsonrpc": "2.0", "method": "notifications/initialized"}, session)
        start = time.perf_counter()
        status, data, _ = post({"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}, session)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200 or b"ingest_structured" not in data:
            raise SystemExit(f"tools/list answered {status}: {data[:200]!r}")
finally:
    server.terminate()
    server.wait()
rest = times[1:]
print(f"tools/list: first session {times[0]:.1f} ms; the next {len(rest)}: median {statistics.median(rest):.2f} ms "
      f"({min(rest):.2f}-{max(rest):.2f}); {len(data)} bytes")
