'use strict';

// Parses HCL2 (Terraform) with @cdktf/hcl2json, the parser Terraform's own CDK uses.
// Reads {"name.tf": "<file text>", ...} on standard input and writes {"name.tf": {"json": {...}} | {"error": "..."}}.
//   node hcl2json.js < files.json

const { parse } = require('@cdktf/hcl2json');

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main() {
  const files = JSON.parse(await readStdin());
  const results = {};
  for (const [name, text] of Object.entries(files)) {
    try {
      results[name] = { json: await parse(name, text) };
    } catch (err) {
      results[name] = { error: String(err && err.message ? err.message : err) };
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(`hcl2json.js: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
