// Segment each ingested report into the document model: the segment envelope in output/stages/reports/.
import { runSegmentStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

report(await runSegmentStage(stageArgs().out));
