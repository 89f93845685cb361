// Extract every quantity mention from the segmented reports: output/stages/extract/.
import { runExtractStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

report(await runExtractStage(stageArgs().out));
