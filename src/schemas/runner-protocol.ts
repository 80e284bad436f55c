// Messages between a lesson page and the local runner over its WebSocket (/api/runner).
// What the page sends is untrusted input to a process that runs code, so the runner parses each
// message with `pageMessage`; anything else is refused with a message that names the rule.
import { z } from 'zod';
import type { RunEnd, RunEvent } from './run-events.ts';
import { FILE_NAME_PATTERN, FILE_NAME_RULE, MAX_FILES, MAX_TOTAL_FILE_BYTES } from './runner-wire.ts';

const utf8 = new TextEncoder();

const runId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'runId must be 1–64 letters, digits or dashes');

export const lessonFile = z.object({
  /** A bare file name such as `client.js`; no folders. */
  name: z
    .string()
    .regex(FILE_NAME_PATTERN, `file names must be ${FILE_NAME_RULE}`)
    .refine((name) => !name.includes('..'), 'file names must not contain ".."'),
  content: z.string(),
});
/** One file of a lesson, as the page sends it, the runner writes it and a runtime mounts it. */
export type LessonFile = z.infer<typeof lessonFile>;

export const pageMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    runId,
    files: z
      .array(lessonFile)
      .min(1)
      .max(MAX_FILES, `a run may carry at most ${MAX_FILES} files`)
      .refine((files) => files.some((file) => file.name === 'server.js'), 'a run needs a server.js')
      .refine((files) => files.some((file) => file.name === 'client.js'), 'a run needs a client.js')
      .refine(
        (files) => new Set(files.map((file) => file.name)).size === files.length,
        'file names must be unique',
      )
      .refine(
        (files) => files.reduce((sum, file) => sum + utf8.encode(file.content).byteLength, 0) <= MAX_TOTAL_FILE_BYTES,
        `files may total at most ${MAX_TOTAL_FILE_BYTES / 1024} KiB`,
      ),
  }),
  z.object({ type: z.literal('stop'), runId }),
  /**
   * In room mode, a learner's page reports a passed Check for the instructor's room board. No
   * name and no code: a random id the page made up (so one learner counts once), the lesson, and
   * the challenge if it was one.
   */
  z.object({
    type: z.literal('passed'),
    learner: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'learner must be 8–64 letters, digits or dashes'),
    lesson: z.string().regex(/^[0-9]{2}-[a-z0-9-]{1,60}$/, 'lesson must be a lesson id: the lesson’s folder name, such as 02-the-leak'),
    challenge: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'challenge must be a challenge id').optional(),
    /** Passed with the lesson's solution applied: counted apart, as "solution applied". */
    solutionApplied: z.boolean().optional(),
  }),
]);
export type PageMessage = z.infer<typeof pageMessage>;

/** What the runner sends. Every run-scoped message carries the runId the page chose. */
export type RunnerMessage =
  /** `room`: the lab serves a workshop room (pages then report passed Checks). */
  | { type: 'hello'; runner: 'local'; timeLimitMs: number; outputLimitBytes: number; room?: true }
  /** The run waits for a free slot; `ahead` runs wait before it. Sent again whenever that changes. */
  | { type: 'queued'; runId: string; ahead: number }
  | ({ runId: string } & RunEvent)
  | { type: 'end'; runId: string; end: RunEnd }
  | { type: 'refused'; runId?: string; message: string };
