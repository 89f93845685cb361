// Entry point of a worker thread (piscina): one input file per task.
import { Piscina, workerData } from 'piscina';
import { runReportTask, type ReportTask, type ReportTaskResult, type RunContext } from './report-task.ts';

/** The result with its serialised outputs moved to the main thread rather than copied. */
class Moved {
  constructor(private readonly result: ReportTaskResult) {}
  get [Piscina.transferableSymbol]() {
    return this.result.streamed ? [this.result.streamed.bytes.buffer] : [];
  }
  get [Piscina.valueSymbol]() {
    return this.result;
  }
}

export default async function (task: ReportTask) {
  return Piscina.move(new Moved(await runReportTask(task, workerData as RunContext)) as never);
}
