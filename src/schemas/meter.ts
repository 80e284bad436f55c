// What the socket meter (src/meter/meter.js) sends from inside a lesson process, one JSON
// object per line on its own file descriptor. The runner parses every line with these schemas,
// so a malformed line is dropped instead of reaching the page.
import { z } from 'zod';

const count = z.number().int().nonnegative();

/** Counts seen by one process. `server` is what it accepted and served; `client` what it opened and sent. */
export const meterCounts = z.object({
  server: z.object({
    /** Accepted connections not yet closed. */
    open: count,
    /** Connections accepted since the process started. */
    accepted: count,
    /** HTTP requests that reached a request handler. */
    requests: count,
    /** The most connections open at once so far, counted exactly inside the process. */
    peak: count.optional(),
    /**
     * The most connections open at once since the previous sample (at least `open`): what charts
     * plot, so that their top is `peak` however briefly it lasted. Absent from older meters.
     */
    intervalPeak: count.optional(),
  }),
  /** Absent where the runtime has no node:diagnostics_channel (see src/meter/meter.js). */
  client: z.object({
    /** Outgoing connections not yet closed. */
    open: count,
    /** Outgoing connections opened since the process started. */
    opened: count,
    /** HTTP requests sent through node:http (fetch is not counted here). */
    requests: count,
    /** Responses with a 5xx status to those requests. Absent from meters older than the proxy lesson. */
    errorResponses: count.optional(),
  }).optional(),
});
export type MeterCounts = z.infer<typeof meterCounts>;

/** One thing that happened to a server connection: [connection id, what, ms]. */
export const laneEvent = z.tuple([z.number().int().positive(), z.enum(['open', 'request', 'close']), z.number()]);
export type LaneEvent = z.infer<typeof laneEvent>;

export const meterMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sample'),
    ...meterCounts.shape,
    /** The meter's clock (performance.now()) when it sent this sample. */
    t: z.number().optional(),
    /** Connection events since the previous sample, on the meter's clock. */
    lanes: z.array(laneEvent).max(100_000).optional(),
  }),
  z.object({ type: z.literal('listening'), port: z.number().int().min(1).max(65535), address: z.string() }),
]);
export type MeterMessage = z.infer<typeof meterMessage>;
