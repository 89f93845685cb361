import type { Message, Severity } from '../schema/message.ts';
import { lineColumnAt } from './lines.ts';

/** Collects content problems for one report; processing always goes on. */
export class MessageSink {
  readonly list: Message[] = [];
  constructor(
    private readonly source: string,
    private readonly ctx: { file?: string; reportId?: string; text?: string } = {},
  ) {}

  setReportId(reportId: string): void {
    this.ctx.reportId = reportId;
    for (const m of this.list) m.reportId = reportId;
  }

  add(ruleId: string, severity: Severity, message: string, span?: { start: number; end: number }): Message {
    const m: Message = { ruleId, severity, message, source: this.source };
    if (this.ctx.file) m.file = this.ctx.file;
    if (this.ctx.reportId) m.reportId = this.ctx.reportId;
    if (span) {
      m.start = span.start;
      m.end = span.end;
      if (this.ctx.text !== undefined) {
        const { line, column } = lineColumnAt(this.ctx.text, span.start);
        m.line = line;
        m.column = column;
      }
    }
    this.list.push(m);
    return m;
  }
  error(ruleId: string, message: string, span?: { start: number; end: number }) {
    return this.add(ruleId, 'error', message, span);
  }
  warn(ruleId: string, message: string, span?: { start: number; end: number }) {
    return this.add(ruleId, 'warning', message, span);
  }
}

/** `file:12:5: warning: message [rule_id]` for terminals and logs. */
export function formatMessage(m: Message): string {
  const where = [m.file ?? m.reportId ?? '', m.line ? `${m.line}:${m.column ?? 1}` : ''].filter(Boolean).join(':');
  return `${where}: ${m.severity}: ${m.message} [${m.ruleId}]`;
}
