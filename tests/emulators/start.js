'use strict';

// Starts one emulator on 127.0.0.1 and a free port, prints {"port":N} on one line once it listens,
// and exits when its standard input closes, so an emulator never outlives the test run that started it.
//   node start.js dynalite
//   NODE_OPTIONS=--openssl-legacy-provider node start.js s3rver <directory>

const path = require('path');

function ready(port) {
  process.stdout.write(JSON.stringify({ port }) + '\n');
}

function fail(message) {
  process.stderr.write(`start.js: ${message}\n`);
  process.exit(1);
}

function exitWhenStdinCloses() {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}

function startDynalite() {
  const dynalite = require('dynalite');
  // In memory; tables are ACTIVE at once so fixtures need not poll.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.on('error', (err) => fail(`dynalite: ${err.message}`));
  // dynalite's own CLI ignores --port 0, which is why this script exists.
  server.listen(0, '127.0.0.1', () => ready(server.address().port));
}

function startS3rver(directory) {
  if (!directory) {
    fail('usage: node start.js s3rver <directory>');
  }
  // Without it s3rver 3.x answers every PutObject with an internal error on Node 17 and later.
  const legacy = '--openssl-legacy-provider';
  if (!process.execArgv.includes(legacy) && !(process.env.NODE_OPTIONS || '').includes(legacy)) {
    fail(`s3rver needs the legacy OpenSSL provider: NODE_OPTIONS=${legacy} node start.js s3rver <directory>`);
  }
  const S3rver = require('s3rver');
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: path.resolve(directory), silent: true });
  server.run().then((address) => ready(address.port), (err) => fail(`s3rver: ${err.message}`));
}

exitWhenStdinCloses();
const [kind, directory] = process.argv.slice(2);
switch (kind) {
  case 'dynalite':
    startDynalite();
    break;
  case 's3rver':
    startS3rver(directory);
    break;
  default:
    fail('usage: node start.js dynalite | node start.js s3rver <directory>');
}
