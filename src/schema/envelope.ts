import { z } from 'zod';
import { Message } from './message.ts';

/**
 * Every stage persists one envelope per report. The versioned schema name makes an old
 * output fail clearly instead of being misread.
 */
export function Envelope<T extends z.ZodTypeAny>(schema: string, data: T) {
  return z.object({
    schema: z.literal(schema),
    reportId: z.string(),
    /** sha256 of the source file's bytes. */
    inputSha256: z.string().regex(/^[0-9a-f]{64}$/),
    pipelineVersion: z.string(),
    data,
    messages: z.array(Message),
  });
}
