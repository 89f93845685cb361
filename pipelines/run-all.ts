// Every stage in order, reading and writing the persisted outputs (the CLI's `run` does the same in one pass).
import { runCompareStage, runExtractStage, runIngestStage, runSegmentStage, runThemesStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

const a = stageArgs();
const ingest = await runIngestStage(a.inputs.length ? a.inputs : ['seeds'], a.out);
report(ingest);
report(await runSegmentStage(a.out));
report(await runExtractStage(a.out));
report(await runThemesStage(a.out, a.themes));
const last = await runCompareStage(a.out, { themesPath: a.themes, bom: a.bom });
report(last);
if (ingest.failures.length) process.exitCode = 1;
