// The instructor's room board (/room/, room mode only): how many lesson pages are connected, how
// many runs are going and waiting, and for each lesson and challenge how many learners passed
// Check, and for each lesson how many more passed it only with the solution applied (Solve, then
// Apply; a learner who later passes on their own moves to the passes). Learners are counted by a random id their browser made up; no name and no code is kept,
// and everything lives in this process's memory, so nothing survives a restart. The board's page
// is built by Astro (src/pages/room.astro); lab-server.ts serves it and this data (see
// src/schemas/room-wire.ts).
import QRCode from 'qrcode';
import { readLessonsOnDisk } from './lessons-on-disk.ts';
import type { RoomSnapshot } from '../schemas/room-wire.ts';
import type { RunQueue } from './run-queue.ts';

export type { RoomSnapshot } from '../schemas/room-wire.ts';

export interface RoomLesson {
  /** The lesson's folder name, e.g. 02-the-leak (what pages report). */
  id: string;
  title: string;
  challenges: { id: string; title: string }[];
}

/**
 * The lessons under content/lessons, in course order, with their challenges: the board's rows.
 * Read as the site reads them (lessons-on-disk.ts, lessonSchema), so the titles are the pages'.
 */
export function readRoomLessons(lessonsDir: string): RoomLesson[] {
  return readLessonsOnDisk(lessonsDir).map(({ id, frontmatter }) => ({
    id,
    title: frontmatter.title,
    challenges: frontmatter.challenges.map(({ id: challengeId, title }) => ({ id: challengeId, title })),
  }));
}

export class RoomBoard {
  readonly #lessons: RoomLesson[];
  readonly #queue: RunQueue;
  /** Learner ids by `lesson` or `lesson/challenge`. */
  readonly #passed = new Map<string, Set<string>>();
  /** Learner ids by lesson, of those who passed its Check only with the solution applied. */
  readonly #solutionApplied = new Map<string, Set<string>>();
  #pages = 0;

  constructor(lessons: RoomLesson[], queue: RunQueue) {
    this.#lessons = lessons;
    this.#queue = queue;
  }

  /** A lesson page connected to the runner; call the result when it disconnects. */
  connected(): () => void {
    this.#pages += 1;
    let gone = false;
    return () => {
      if (gone) return;
      gone = true;
      this.#pages -= 1;
    };
  }

  /** A learner passed a Check. Reports for lessons or challenges the lab does not have are ignored. */
  passed(report: { learner: string; lesson: string; challenge?: string | undefined; solutionApplied?: boolean | undefined }): void {
    const lesson = this.#lessons.find((candidate) => candidate.id === report.lesson);
    if (!lesson) return;
    if (report.challenge !== undefined && !lesson.challenges.some((challenge) => challenge.id === report.challenge)) return;
    const key = report.challenge ? `${report.lesson}/${report.challenge}` : report.lesson;
    if (report.solutionApplied && !report.challenge) {
      // A pass of their own already counts for more.
      if (!this.#passed.get(key)?.has(report.learner)) learnersOf(this.#solutionApplied, key).add(report.learner);
      return;
    }
    learnersOf(this.#passed, key).add(report.learner);
    this.#solutionApplied.get(key)?.delete(report.learner);
  }

  snapshot(): RoomSnapshot {
    const count = (key: string, of = this.#passed) => of.get(key)?.size ?? 0;
    return {
      pages: this.#pages,
      running: this.#queue.running,
      waiting: this.#queue.waiting,
      maxRuns: this.#queue.maxRunning,
      lessons: this.#lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title,
        passed: count(lesson.id),
        solutionApplied: count(lesson.id, this.#solutionApplied),
        challenges: lesson.challenges.map((challenge) => ({ ...challenge, passed: count(`${lesson.id}/${challenge.id}`) })),
      })),
    };
  }
}

function learnersOf(counts: Map<string, Set<string>>, key: string): Set<string> {
  const learners = counts.get(key) ?? new Set<string>();
  counts.set(key, learners);
  return learners;
}

/** The QR code of the address learners open, for the terminal (text) and the board (SVG). */
export async function joinCode(url: string): Promise<{ terminal: string; svg: string }> {
  const [terminal, svg] = await Promise.all([
    QRCode.toString(url, { type: 'terminal', small: true }),
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  ]);
  return { terminal, svg };
}
