#!/usr/bin/env node
// Starts s3rver on 127.0.0.1 for the Strata.S3 tests and prints "ready http://127.0.0.1:<port>" once it listens.
//
//   node start.js [--port <port>] [--directory <dir>]
//
// --port 0 (the default) lets the OS pick a free port; the printed URL says which one. --directory keeps the objects
// (a fresh temporary directory when omitted), so a server restarted on the same port and directory still has them.
// The server stops on SIGTERM/SIGINT or when its stdin closes, so it never outlives the test process that spawned it.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const S3rver = require('s3rver');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

function parseArgs(argv) {
  const args = { port: 0, directory: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--port') args.port = Number.parseInt(value, 10);
    else if (name === '--directory') args.directory = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0..65535');
  return args;
}

// s3rver writes an object in place, so a reader streaming the old object sees it truncated and overwritten under it.
// Real S3 (and MinIO) replace an object atomically; stage the write under a sibling name and rename it into place so
// the tests measure Strata's blob store against S3's semantics, not against this shortcut of the test server.
const writeInPlace = FilesystemStore.prototype.putObject;
FilesystemStore.prototype.putObject = async function putObjectAtomically(object) {
  const stagedKey = `${object.key}.${crypto.randomUUID()}.staged`;
  const staged = Object.assign(Object.create(Object.getPrototypeOf(object)), object, { key: stagedKey });
  const result = await writeInPlace.call(this, staged);
  for (const resource of ['metadata.json', 'object.md5', 'object']) {
    await fs.promises.rename(
      this.getResourcePath(object.bucket, stagedKey, resource),
      this.getResourcePath(object.bucket, object.key, resource));
  }
  return result;
};

async function main() {
  const { port, directory } = parseArgs(process.argv.slice(2));
  const root = directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  fs.mkdirSync(root, { recursive: true });

  const server = new S3rver({ address: '127.0.0.1', port, directory: root, silent: true });
  const address = await server.run();

  const stop = () => server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();

  process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);
}

main().catch(error => {
  process.stderr.write(`s3rver failed to start: ${error.stack ?? error}\n`);
  process.exit(1);
});
