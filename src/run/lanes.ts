// Connection lanes: one lane per server connection, from open to close, with a tick per request
// it served. A healthy client is one long busy lane; the leak is a staircase of one-request
// lanes; destroy() is a staircase of short ones. Shared by the live page and the build.
import type { RunEvent } from '../schemas/run-events.ts';

export interface Lane {
  id: number;
  openedAt: number;
  /** Undefined while the connection is open. */
  closedAt?: number;
  /** When each request on this connection arrived, in ms from the run's start. */
  requests: number[];
}

export class LaneBook {
  readonly #lanes = new Map<number, Lane>();

  /** Applies one meter event's lane events; returns whether anything changed. */
  add(event: RunEvent): boolean {
    if (event.type !== 'meter' || event.process !== 'server' || !event.lanes?.length) return false;
    for (const [id, kind, at] of event.lanes) {
      let lane = this.#lanes.get(id);
      if (!lane) {
        lane = { id, openedAt: at, requests: [] };
        this.#lanes.set(id, lane);
      }
      if (kind === 'open') lane.openedAt = at;
      else if (kind === 'request') lane.requests.push(at);
      else lane.closedAt = at;
    }
    return true;
  }

  lanes(): Lane[] {
    return [...this.#lanes.values()].sort((a, b) => a.id - b.id);
  }
}

export function lanesOf(events: Iterable<RunEvent>): Lane[] {
  const book = new LaneBook();
  for (const event of events) book.add(event);
  return book.lanes();
}

/**
 * Lanes grouped into at most `maxRows` rows (past a few hundred connections one row per
 * connection would be thinner than a pixel): row i spans its connections' earliest open to
 * latest close, with all their requests.
 */
export function rows(lanes: Lane[], maxRows: number): { lanes: number; openedAt: number; closedAt?: number; requests: number[] }[] {
  const perRow = Math.max(1, Math.ceil(lanes.length / maxRows));
  const result = [];
  for (let start = 0; start < lanes.length; start += perRow) {
    const group = lanes.slice(start, start + perRow);
    const open = group.some((lane) => lane.closedAt === undefined);
    result.push({
      lanes: group.length,
      openedAt: Math.min(...group.map((lane) => lane.openedAt)),
      ...(open ? {} : { closedAt: Math.max(...group.map((lane) => lane.closedAt ?? 0)) }),
      requests: group.flatMap((lane) => lane.requests),
    });
  }
  return result;
}
