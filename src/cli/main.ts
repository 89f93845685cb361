import { Command, Option } from 'commander';
import { formatMessage } from '../core/messages.ts';
import { InterruptedError, runPipeline } from '../pipeline/run-pipeline.ts';
import { PIPELINE_VERSION } from '../pipeline/version.ts';
import { loadTaxonomy } from '../themes/load-taxonomy.ts';
import { explainThemes, formatExplanation, formatTaxonomy } from '../themes/tag-themes.ts';
import { createProgress } from './progress.ts';

const program = new Command();
program
  .name('inspection-findings')
  .description('Turn HM Inspectorate of Probation reports into datasets: ratings, key questions, findings, quantities, themes and cross-report comparisons.')
  .version(PIPELINE_VERSION);

program
  .command('run')
  .description('Run every stage over the inputs and write the datasets.')
  .argument('[inputs...]', 'report files or folders (searched recursively for .txt, .md, .html)', ['seeds'])
  .option('-o, --out <dir>', 'output folder (stage outputs, texts/, the datasets and datapackage.json)', 'output')
  .option('-t, --themes <file>', 'a theme taxonomy (JSON) replacing or extending the default')
  .option('--bom', 'write CSVs with a UTF-8 byte-order mark (for Excel on Windows)', false)
  .addOption(new Option('-w, --workers <n>', 'worker threads for processing reports (default: one per core, at most the number of reports)').argParser((v) => Number.parseInt(v, 10)))
  .option('-f, --force', 'process every report again even when its content and the pipeline are unchanged', false)
  .option('--no-publish', 'skip the XLSX workbook and the dashboard page (index.html)')
  .option('-q, --quiet', 'print only the final summary and errors', false)
  .action(async (inputs: string[], o: { out: string; themes?: string; bom: boolean; workers?: number; force: boolean; quiet: boolean; publish: boolean }) => {
    const started = Date.now();
    const progress = createProgress({ quiet: o.quiet });
    // Ctrl-C (or a TERM) stops the run between two reports; its temporary files are removed.
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const result = await runPipeline({
      signal: stop.signal,
      inputs,
      outDir: o.out,
      themesPath: o.themes,
      bom: o.bom,
      workers: o.workers,
      force: o.force,
      publish: o.publish,
      // Rows are streamed to disk rather than held, so memory stays flat on large corpora.
      collect: false,
      onStart: (total) => progress.start(total),
      onReport: (e) => progress.report(e),
      onPhase: (what) => progress.phase(what),
    }).finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      progress.stop();
    });
    const c = result.counts;
    const warnings = result.messages.filter((m) => m.severity === 'warning').length;
    const secs = (Date.now() - started) / 1000;
    const lines = [
      `${c.reports} reports (${c.reused} unchanged), ${c.findings} findings, ${c.quantities} quantities, ${c.themeTags} theme tags, ${result.datasets.recurring_findings.length} recurring findings`,
      `${warnings} warnings, ${result.failures.length} failed inputs, ${secs.toFixed(1)} s; datasets in ${o.out}/${o.publish ? ', dashboard in ' + o.out + '/index.html' : ''}`,
    ];
    for (const f of result.failures) lines.push(`failed: ${f.sourceFile}: ${f.message} [${f.ruleId}]`);
    for (const m of result.messages.filter((x) => x.severity === 'error' && !result.failures.some((f) => f.sourceFile === x.file && f.ruleId === x.ruleId))) lines.push(`error: ${formatMessage(m)}`);
    process.stdout.write(lines.join('\n') + '\n');
    process.exitCode = result.exitCode;
  });

const themes = program.command('themes').description('List the theme taxonomy, or explain how a sentence is tagged.');
themes.option('-t, --themes <file>', 'a taxonomy file instead of the default');
themes.action((o: { themes?: string }) => {
  process.stdout.write(formatTaxonomy(loadTaxonomy(o.themes)).join('\n') + '\n');
});
themes
  .command('explain')
  .description('Show which themes a sentence gets and why.')
  .argument('<text>', 'the sentence or finding to explain')
  .option('-t, --themes <file>', 'a taxonomy file instead of the default')
  .option('-s, --section <name>', 'the section the text sits in (e.g. "Court work"), for themes scoped to sections')
  .action((text: string, o: { themes?: string; section?: string }) => {
    const tax = loadTaxonomy(o.themes ?? themes.opts().themes);
    process.stdout.write(formatExplanation(explainThemes(text, tax, { section: o.section })).join('\n') + '\n');
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`inspection-findings: ${err instanceof Error ? err.message : String(err)}\n`);
  // 130: the conventional status of a program stopped by Ctrl-C.
  process.exitCode = err instanceof InterruptedError ? 130 : 2;
});
