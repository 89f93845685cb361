// Extract every quantity mention from the segmented reports: the extract envelope in output/stages/reports/.
import { runExtractStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

report(await runExtractStage(stageArgs().out));
