// Decode every input (text or HTML) into a canonical text: output/stages/reports.jsonl (ingest envelopes), output/texts/.
// Usage: tsx pipelines/01-ingest.ts [inputs...] [--out output]
import { runIngestStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

const a = stageArgs();
report(await runIngestStage(a.inputs.length ? a.inputs : ['seeds'], a.out));
