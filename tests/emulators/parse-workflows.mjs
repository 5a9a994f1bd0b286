// Parses GitHub Actions workflow files with GitHub's own parser (@actions/workflow-parser) and prints one JSON line:
// [{ "file", "errors": [..], "jobs": [..] }]. Exits 0 even when a file has errors: the calling test reports them.
//   node parse-workflows.mjs .github/workflows/app-deploy.yml [...]
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// The package imports its JSON schema without an import attribute (it expects a bundler); this hook supplies one.
const jsonAttributeHook = `
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json')) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}`;
register('data:text/javascript,' + encodeURIComponent(jsonAttributeHook));

const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');

const results = [];
for (const file of process.argv.slice(2)) {
  const content = readFileSync(file, 'utf8');
  const parsed = parseWorkflow({ name: basename(file), content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  let jobs = [];
  if (parsed.value !== undefined) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
    jobs = (template.jobs ?? []).map((job) => job.id?.value ?? String(job.id));
  }
  results.push({ file: basename(file), errors: [...new Set(errors)], jobs });
}
process.stdout.write(JSON.stringify(results) + '\n');
