// Build every dataset (per report and across reports) from the stage outputs: output/*.csv, *.json, datapackage.json.
import { runCompareStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

const a = stageArgs();
report(await runCompareStage(a.out, { themesPath: a.themes, bom: a.bom }));
