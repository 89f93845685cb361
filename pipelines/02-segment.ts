// Segment each ingested report into the document model: the segment envelopes in output/stages/reports.jsonl.
import { runSegmentStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

report(await runSegmentStage(stageArgs().out));
