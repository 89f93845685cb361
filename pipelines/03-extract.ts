// Extract every quantity mention from the segmented reports: the extract envelopes in output/stages/reports.jsonl.
import { runExtractStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

report(await runExtractStage(stageArgs().out));
