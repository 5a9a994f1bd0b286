'use strict';

// Parses HCL2 (Terraform) with @cdktf/hcl2json, the parser Terraform's own CDK uses.
// A request is {"name.tf": "<file text>", ...}; its answer is {"name.tf": {"json": {...}} | {"error": "..."}}.
//   node hcl2json.js < files.json     one request on standard input, one answer on standard output
//   node hcl2json.js --serve          one request per line, one answer per line, until standard input closes

const readline = require('readline');
const { parse } = require('@cdktf/hcl2json');

async function answer(request) {
  const files = JSON.parse(request);
  const results = {};
  for (const [name, text] of Object.entries(files)) {
    try {
      results[name] = { json: await parse(name, text) };
    } catch (err) {
      results[name] = { error: String(err && err.message ? err.message : err) };
    }
  }
  return JSON.stringify(results);
}

function fail(err) {
  process.stderr.write(`hcl2json.js: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
}

if (process.argv.includes('--serve')) {
  // Requests are answered in order, one at a time: the caller waits for each answer before the next request.
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue.then(() => answer(line)).then((out) => process.stdout.write(out + '\n'), fail);
  });
  lines.on('close', () => queue.then(() => process.exit(0)));
} else {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => answer(Buffer.concat(chunks).toString('utf8')).then((out) => process.stdout.write(out), fail));
}
