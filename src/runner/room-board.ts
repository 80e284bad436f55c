// The instructor's room board (/room/, room mode only): how many lesson pages are connected, how
// many runs are going and waiting, and for each lesson and challenge how many learners passed
// Check. Learners are counted by a random id their browser made up; no name and no code is kept,
// and everything lives in this process's memory, so nothing survives a restart.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { parse } from 'yaml';
import type { RunQueue } from './run-queue.ts';

export interface RoomLesson {
  /** The lesson's folder name, e.g. 02-the-leak (what pages report). */
  id: string;
  title: string;
  challenges: { id: string; title: string }[];
}

export interface RoomSnapshot {
  /** Lesson pages with a connection to the runner right now. */
  pages: number;
  running: number;
  waiting: number;
  maxRuns: number;
  lessons: { id: string; title: string; passed: number; challenges: { id: string; title: string; passed: number }[] }[];
}

/** The lessons under content/lessons, in course order, with their challenges: the board's rows. */
export function readRoomLessons(lessonsDir: string): RoomLesson[] {
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((id) => {
      const source = readFileSync(join(lessonsDir, id, 'index.mdx'), 'utf8');
      const frontmatter = (parse(/^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '') ?? {}) as {
        title?: string;
        challenges?: { id: string; title: string }[];
      };
      return {
        id,
        title: frontmatter.title ?? id,
        challenges: (frontmatter.challenges ?? []).map(({ id: challengeId, title }) => ({ id: challengeId, title })),
      };
    });
}

export class RoomBoard {
  readonly #lessons: RoomLesson[];
  readonly #queue: RunQueue;
  /** Learner ids by `lesson` or `lesson/challenge`. */
  readonly #passed = new Map<string, Set<string>>();
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
  passed(report: { learner: string; lesson: string; challenge?: string | undefined }): void {
    const lesson = this.#lessons.find((candidate) => candidate.id === report.lesson);
    if (!lesson) return;
    if (report.challenge !== undefined && !lesson.challenges.some((challenge) => challenge.id === report.challenge)) return;
    const key = report.challenge ? `${report.lesson}/${report.challenge}` : report.lesson;
    const learners = this.#passed.get(key) ?? new Set<string>();
    learners.add(report.learner);
    this.#passed.set(key, learners);
  }

  snapshot(): RoomSnapshot {
    const count = (key: string) => this.#passed.get(key)?.size ?? 0;
    return {
      pages: this.#pages,
      running: this.#queue.running,
      waiting: this.#queue.waiting,
      maxRuns: this.#queue.maxRunning,
      lessons: this.#lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title,
        passed: count(lesson.id),
        challenges: lesson.challenges.map((challenge) => ({ ...challenge, passed: count(`${lesson.id}/${challenge.id}`) })),
      })),
    };
  }
}

/** The QR code of the address learners open, for the terminal (text) and the board (SVG). */
export async function joinCode(url: string): Promise<{ terminal: string; svg: string }> {
  const [terminal, svg] = await Promise.all([
    QRCode.toString(url, { type: 'terminal', small: true }),
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  ]);
  return { terminal, svg };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The board itself: one self-contained page (no request leaves the laptop), which asks
 * /api/room for a snapshot every second.
 */
export function roomPage(joinUrls: string[], qrSvg: string): string {
  const addresses = joinUrls.map((url) => `<li><code>${escapeHtml(url)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Room board · Keep-Alive Lab</title>
<style>
  :root { color-scheme: light dark; font: 18px/1.5 system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 70rem; padding: 1.5rem; }
  h1 { margin: 0 0 1rem; }
  .top { display: grid; grid-template-columns: 16rem 1fr; gap: 2rem; align-items: start; }
  .qr svg { width: 16rem; height: 16rem; background: #fff; }
  .figures { display: flex; gap: 2.5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
  .figures strong { display: block; font-size: 3rem; line-height: 1.1; font-variant-numeric: tabular-nums; }
  table { border-collapse: collapse; width: 100%; margin-top: 1.5rem; }
  th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
  td.count, th:last-child { text-align: right; }
  td.count { font-variant-numeric: tabular-nums; font-weight: 600; }
  .challenge td:first-child { padding-left: 2rem; }
  .note { opacity: 0.75; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>Room board</h1>
<div class="top">
  <div class="qr" role="img" aria-label="QR code of the address learners open">${qrSvg}</div>
  <div>
    <ul class="figures" aria-live="polite">
      <li><strong data-figure="pages">–</strong> lesson pages connected</li>
      <li><strong data-figure="running">–</strong> runs going (of <span data-figure="maxRuns">–</span> at once)</li>
      <li><strong data-figure="waiting">–</strong> runs waiting</li>
    </ul>
    <p>Learners open (token included):</p>
    <ul>${addresses}</ul>
    <p class="note">Counts only: no names and no code are kept, and a restart of <code>npm start</code> clears them.</p>
  </div>
</div>
<table>
  <thead><tr><th scope="col">Lesson or challenge</th><th scope="col">Learners who passed Check</th></tr></thead>
  <tbody data-passes></tbody>
</table>
<p class="note" data-updated></p>
<script>
  const cell = (text, className) => Object.assign(document.createElement('td'), { textContent: text, className: className || '' });
  async function refresh() {
    try {
      const response = await fetch('/api/room', { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      const room = await response.json();
      for (const name of ['pages', 'running', 'waiting', 'maxRuns']) document.querySelector('[data-figure="' + name + '"]').textContent = room[name];
      const rows = [];
      for (const lesson of room.lessons) {
        const row = document.createElement('tr');
        row.append(cell(lesson.title), cell(lesson.passed, 'count'));
        rows.push(row);
        for (const challenge of lesson.challenges) {
          const sub = document.createElement('tr');
          sub.className = 'challenge';
          sub.append(cell('Challenge: ' + challenge.title), cell(challenge.passed, 'count'));
          rows.push(sub);
        }
      }
      document.querySelector('[data-passes]').replaceChildren(...rows);
      document.querySelector('[data-updated]').textContent = 'Updated ' + new Date().toLocaleTimeString() + '.';
    } catch (error) {
      document.querySelector('[data-updated]').textContent = 'Cannot reach the lab (' + error.message + '). Is npm start still running?';
    }
  }
  refresh();
  setInterval(refresh, 1000);
</script>
</body>
</html>
`;
}
