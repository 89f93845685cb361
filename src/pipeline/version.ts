import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Bumped whenever a stage's output could change for the same input: together with the input's
 * hash it decides whether a report must be processed again.
 */
export const PIPELINE_VERSION = `${pkg.version}+s4`;
export const TOOL_NAME = 'inspection-findings';
