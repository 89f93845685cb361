// Tag every finding with themes from the taxonomy (--themes FILE to use your own): the themes envelopes in output/stages/reports.jsonl.
import { runThemesStage } from '../src/pipeline/stages.ts';
import { report, stageArgs } from './_args.ts';

const a = stageArgs();
report(await runThemesStage(a.out, a.themes));
