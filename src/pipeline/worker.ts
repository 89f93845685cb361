// Entry point of a worker thread (piscina): one report per task.
import { runReportTask, type ReportTask } from './report-task.ts';

export default function (task: ReportTask) {
  return runReportTask(task);
}
