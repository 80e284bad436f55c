// The room board's wire contract (room mode only), in one place: where the instructor's board and
// its data live, and what the data says. The runner serves them (src/runner/lab-server.ts, from
// src/runner/room-board.ts); the board's page reads them (src/pages/room.astro,
// src/client/room/room-board.ts). Plain constants and types, no zod: the browser imports this file.

/** The board's page, built by Astro (dist/room/index.html); the runner shows it to the instructor only. */
export const ROOM_PATH = '/room/';
/** A RoomSnapshot as JSON; the board asks for one every second. */
export const ROOM_API_PATH = '/api/room';
/** A RoomJoin as JSON: what learners open. */
export const ROOM_JOIN_PATH = '/api/room/join';
/** The QR code of the first address learners open, as SVG (404 when the lab found no network address). */
export const ROOM_QR_PATH = '/api/room/join.svg';

export interface RoomSnapshot {
  /** Lesson pages with a connection to the runner right now. */
  pages: number;
  running: number;
  waiting: number;
  maxRuns: number;
  /**
   * Per lesson: learners who passed its Check on their own (`passed`), and those who passed it
   * only with the solution applied (`solutionApplied`); per challenge, those who passed it.
   */
  lessons: { id: string; title: string; passed: number; solutionApplied: number; challenges: { id: string; title: string; passed: number }[] }[];
}

export interface RoomJoin {
  /** One address per network address of the instructor's machine, the one to write up first. */
  urls: string[];
  /** The room code learners type after opening an address ("K7WQ-M3RD"). */
  code?: string;
}
