import { parseArgs } from 'node:util';

/** The few options every stage script takes. */
export function stageArgs() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o', default: 'output' },
      themes: { type: 'string', short: 't' },
      bom: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { out: values.out!, themes: values.themes, bom: values.bom!, help: values.help!, inputs: positionals };
}

export function report(summary: { stage: string; reports: number; failures: { sourceFile: string; message: string; ruleId: string }[] }): void {
  process.stdout.write(`${summary.stage}: ${summary.reports} reports written, ${summary.failures.length} failed inputs\n`);
  for (const f of summary.failures) process.stdout.write(`  failed: ${f.sourceFile}: ${f.message} [${f.ruleId}]\n`);
  process.exitCode = summary.failures.length ? 1 : 0;
}
