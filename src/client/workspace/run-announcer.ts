// What the run status says while a run goes on and when it ends. One announcement when the open
// count climbs past a threshold, not one per sample: a leak is the news, and the status line is a
// live region that a screen reader reads out. Pure, apart from the bench's performance mark.
import { plural } from '../../run/plural.ts';
import type { MeterCounts } from '../../schemas/meter.ts';
import type { RunEnd, RunEvent } from '../../schemas/run-events.ts';
import type { Tone } from './status-line.ts';

/** Performance marks for `npm run bench`: from pressing Run to the first meter sample on screen. */
export const MARK_RUN = 'lab:run';
export const MARK_FIRST_SAMPLE = 'lab:first-sample';
/** Open connections at which the run status says the count is climbing. */
export const CLIMB_ANNOUNCED_AT = 50;

export interface Announcement {
  status?: { text: string; tone: Tone };
  /** A line for the output panel, under the processes' own output. */
  output?: { text: string; level: 'info' | 'warning' | 'error' };
}

export class RunAnnouncer {
  #last?: MeterCounts['server'];

  /** What to say about one event of the run, if anything. */
  hear(event: RunEvent): Announcement {
    if (event.type === 'phase' && event.phase === 'starting-client') {
      return { status: { text: `Running: server.js listens on port ${event.port}, client.js started.`, tone: 'neutral' } };
    }
    if (event.type !== 'meter' || event.process !== 'server') return {};
    if (!this.#last && typeof requestAnimationFrame === 'function') requestAnimationFrame(() => performance.mark(MARK_FIRST_SAMPLE));
    const climbed = (this.#last?.open ?? 0) < CLIMB_ANNOUNCED_AT && event.counts.server.open >= CLIMB_ANNOUNCED_AT;
    this.#last = event.counts.server;
    return climbed ? { status: { text: `Running: open connections passed ${CLIMB_ANNOUNCED_AT} and are still counted.`, tone: 'neutral' } } : {};
  }

  /** What to say when the run is over. */
  end(end: RunEnd): Announcement {
    const seconds = (end.durationMs / 1000).toFixed(1);
    if (end.reason === 'stopped') return { status: { text: `Stopped after ${seconds} s.`, tone: 'neutral' } };
    if (end.reason !== 'completed') {
      const message = end.message ?? 'The run failed.';
      return { status: { text: message, tone: 'error' }, output: { text: message, level: 'error' } };
    }
    const counts = this.#last;
    if (!counts) {
      const message = `Finished in ${seconds} s, but the meter could not count connections in this runtime, so its numbers stay blank rather than show a wrong 0.`;
      return { status: { text: message, tone: 'neutral' }, output: { text: message, level: 'warning' } };
    }
    return {
      status: {
        text: `Finished in ${seconds} s: ${counts.requests} ${plural(counts.requests, 'request')} over ${counts.accepted} ${plural(counts.accepted, 'connection')}.`,
        tone: 'ok',
      },
    };
  }
}
