// The frontmatter of a lesson (content/lessons/NN-slug/index.mdx). Astro validates every lesson
// against this schema at build time; a missing or wrong field fails the build and names the
// lesson and the field.
import { z } from 'astro/zod';
import { NODE_FEATURE_NAMES } from './node-features.ts';
import { NODE_LINES } from './node-lines.ts';
import { FILE_NAME_PATTERN, FILE_NAME_RULE } from './runner-wire.ts';

/**
 * Numbers a run of a lesson produces, from the server's meter unless named otherwise; see
 * src/run/claims.ts for how each is measured.
 */
export const METRICS = ['peakOpen', 'finalOpen', 'accepted', 'requests', 'clientExitCode', 'errorResponses'] as const;
export type Metric = (typeof METRICS)[number];

const bound = z
  .object({
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    equals: z.number().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'give atLeast, atMost or equals');
export type Bound = z.infer<typeof bound>;

/** Bounds on some of the numbers of a run; at least one. */
const expectation = z.partialRecord(z.enum(METRICS), bound).refine((value) => Object.keys(value).length > 0, 'name at least one metric');

/**
 * What a timed claim counts from. `run`: pressing Run, which includes starting both processes, so
 * only for windows that a slow start cannot eat into. `firstRequest` and `lastRequest`: the first
 * and the last request the server received (exact times from the meter), so that a window about
 * the client's work or what follows it holds on a machine of any speed.
 */
export const ANCHORS = ['run', 'firstRequest', 'lastRequest'] as const;
export type Anchor = (typeof ANCHORS)[number];

/** When a claim is judged: at the end of the run, or `within` ms after `from`. */
const moment = {
  /**
   * Judge the numbers as they stood this many milliseconds after `from`, instead of at the end of
   * the run. For stalls: `within: 5500, from: firstRequest` with `requests: { equals: 5 }`.
   */
  within: z.number().int().nonnegative().optional(),
  /** What `within` counts from; `run` unless given. */
  from: z.enum(ANCHORS).optional(),
};
export type Moment = { within?: number | undefined; from?: Anchor | undefined };

/**
 * A sentence the lesson teaches, tied to numbers a real run of its code must produce.
 * The test suite runs every claim on every supported Node line; the prose may only say what passes.
 * Bounds are ranges that hold on a busy 2-core machine: a flaky claim is a wrong claim.
 */
export const claim = z
  .object({
    /**
     * Which code to run: `starter` (files/), `solution` (solution/), or the name of a folder under
     * variants/ whose files replace the starter's.
     */
    run: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'starter, solution, or a variants/ folder name in kebab-case'),
    /** The claim in words, as the lesson makes it. */
    says: z.string().min(10),
    ...moment,
    /**
     * The Node lines the claim holds on, for a claim that holds only on some: `nodes: ['24', '26']`.
     * Without it, the claim holds on every supported line (node-lines.ts), and `npm test` checks so.
     * The page names the lines next to the claim's number.
     */
    nodes: z
      .array(z.enum(NODE_LINES))
      .min(1)
      .refine((lines) => new Set(lines).size === lines.length && lines.length < NODE_LINES.length, 'list each line once, and not all of them (leave nodes out instead)')
      .optional(),
    /** Bounds on the numbers, e.g. `accepted: { atMost: 1 }`. */
    expect: expectation,
  })
  .strict()
  .refine((value) => value.from === undefined || value.within !== undefined, 'from needs within: how many ms after it to judge');
export type Claim = z.infer<typeof claim>;

/**
 * A task at the end of a lesson with no solution to copy: the learner starts from
 * challenges/ID/starter/ (over files/) and passes when a run meets `expect`. challenges/ID/reference/
 * holds an answer that `npm test` proves passes (and proves the starter fails); it is never shipped.
 */
export const challenge = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case name, the folder under challenges/'),
    title: z.string().min(5).max(80),
    /** What to achieve, in words; the numbers in it must match `expect`. */
    task: z.string().min(30),
    ...moment,
    expect: expectation,
  })
  .strict()
  .refine((value) => value.from === undefined || value.within !== undefined, 'from needs within: how many ms after it to judge');
export type Challenge = z.infer<typeof challenge>;

/** For whoever teaches the lesson to a room: shown in presenter view, hidden from learners. */
export const instructorNotes = z
  .object({
    /** What to say while the code runs. */
    points: z.array(z.string().min(10)).min(1),
    /** What learners get wrong, and what to tell them. */
    mistakes: z.array(z.string().min(10)).default([]),
    /** One question to ask the room before revealing the answer. */
    question: z.string().min(10),
  })
  .strict();

/**
 * A Node feature beyond the basics that some of the lesson's runs depend on (see
 * src/schemas/node-features.ts). Where the runtime lacks it, the page names those runs' claims
 * and challenges as needing the local runner, and says why.
 */
export const reliance = z
  .object({
    feature: z.enum(NODE_FEATURE_NAMES),
    /** The claims' `run`s and the challenges' ids whose outcome depends on the feature. */
    runs: z.array(z.string().min(1)).min(1),
    /** Why, in a sentence a learner can follow. */
    why: z.string().min(20),
  })
  .strict();
export type Reliance = z.infer<typeof reliance>;

/**
 * The one line of the starter code a lesson is about, named by its text (not its number, so that
 * an edit above it keeps it), e.g. `{ file: client.js, text: 'resolve(res.statusCode);' }`. The
 * loader checks that exactly one line of the file holds the text (src/lessons/lesson-code.ts).
 */
export const keyLine = z
  .object({
    file: z.string().regex(FILE_NAME_PATTERN, `file names must be ${FILE_NAME_RULE}`),
    text: z.string().trim().min(3, 'a few characters of the line, enough to find it').refine((text) => !text.includes('\n'), 'one line: no line breaks'),
  })
  .strict();
export type KeyLine = z.infer<typeof keyLine>;

export const lessonSchema = z
  .object({
    /** Shown as the page's <h1> and in the lesson list. */
    title: z.string().min(3).max(80),
    /** One or two sentences for the lesson list and the page's meta description. */
    description: z.string().min(30).max(200),
    /** The file tab shown first. Must exist in files/. */
    openFile: z.string().regex(FILE_NAME_PATTERN, `file names must be ${FILE_NAME_RULE}`).default('client.js'),
    /** The line the lesson is about: presenter view opens its file there and marks it. */
    keyLine,
    /**
     * The Node line WebContainer is asked for (it serves 22 only on request). The local runner runs
     * the pinned line; `npm test` checks the claims on every supported line (node-lines.ts).
     */
    node: z.union([z.literal(20), z.literal(22)]).default(22),
    /** What a run of the lesson's code shows; checked by `npm test`. */
    claims: z.array(claim).default([]),
    /** Suggested minutes in a workshop, for the agenda page. */
    duration: z.number().int().min(1).max(60),
    instructor: instructorNotes,
    /** At least one task beyond the solution, judged like the claims. */
    challenges: z.array(challenge).min(1),
    /** Node features some runs depend on; none means the lesson needs only what any Node provides. */
    relies: z.array(reliance).default([]),
  })
  .strict()
  .superRefine((lesson, context) => {
    const runs = new Set([...lesson.claims.map((claim) => claim.run), ...lesson.challenges.map((challenge) => challenge.id)]);
    lesson.relies.forEach((entry, index) => {
      for (const run of entry.runs.filter((name) => !runs.has(name))) {
        context.addIssue({ code: 'custom', path: ['relies', index, 'runs'], message: `"${run}" is neither a claim's run nor a challenge's id` });
      }
    });
  });
export type LessonFrontmatter = z.infer<typeof lessonSchema>;
