// What a pasted link to the lab shows: a 1200x630 image with the lesson's own recorded numbers,
// the starter beside the solution ("200 connections → 1"). This file decides what the image
// says and where it is served; preview-svg.ts draws it and preview-image.ts turns it into a PNG.
// The image's address carries a digest of everything drawn, so chat apps that cache previews by
// URL fetch the new one when a recording changes, and an unchanged image is never drawn again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarise } from '../run/claims.ts';
import { sitePath } from '../run/site-path.ts';
import type { Recording } from './recordings.ts';

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

export interface PreviewRun {
  label: string;
  recording: Recording;
}

export interface PreviewCard {
  /** Above the title: "Lesson 2 of 11". */
  eyebrow: string;
  title: string;
  /** The change from starter to solution, in the biggest type. */
  headline: string;
  runs: [PreviewRun, PreviewRun];
}

export interface LinkPreview {
  /** Of everything the image is drawn from (previewDigest): its cache key, and part of its name. */
  digest: string;
  /** The PNG's path under the site (base path included): previews/<name>.png. */
  path: string;
  /** The image's file name without .png, for the endpoint that draws it. */
  name: string;
  /** The image's text alternative (og:image:alt), with the same numbers. */
  alt: string;
  card: PreviewCard;
}

/** What changed from the starter's run to the solution's, the way the lesson tells it. */
export function previewHeadline(starter: Recording, solution: Recording): string {
  const before = summarise(starter.events);
  const after = summarise(solution.events);
  // A leak: many connections where one or two do (a handful more is a retry, not the story).
  if (before.accepted >= 2 * Math.max(1, after.accepted) && before.accepted - after.accepted >= 5) return `${connections(before.accepted)} → ${after.accepted}`;
  if (before.clientExitCode !== 0 && after.clientExitCode === 0) return 'client fails → completes';
  const [slow, fast] = [starter.end.durationMs, solution.end.durationMs];
  if (slow >= 2 * fast) return `${seconds(slow)} → ${seconds(fast)}`;
  return `peak ${before.peakOpen} open → ${after.peakOpen}`;
}

/** One run's numbers in words: the image's captions and its alt text both say them. */
export function runWords(recording: Recording): { peak: string; counts: string[]; exitCode: number } {
  const summary = summarise(recording.events);
  return {
    peak: `peak ${summary.peakOpen} open`,
    counts: [connections(summary.accepted), `${summary.requests} ${summary.requests === 1 ? 'request' : 'requests'}`, seconds(recording.end.durationMs)],
    exitCode: Math.max(0, summary.clientExitCode),
  };
}

function runFigures(recording: Recording): string {
  const { peak, counts, exitCode } = runWords(recording);
  return [peak, ...counts, ...(exitCode ? [`client exit ${exitCode}`] : [])].join(', ');
}

export function lessonPreviewCard(title: string, number: number, total: number, starter: Recording, solution: Recording): PreviewCard {
  return {
    eyebrow: `Keep-Alive Lab · Lesson ${number} of ${total}`,
    title,
    headline: previewHeadline(starter, solution),
    runs: [
      { label: 'Starter', recording: starter },
      { label: 'Solution', recording: solution },
    ],
  };
}

/** The home page's (and every other page's) card: the lab's name over one lesson's numbers. */
export function sitePreviewCard(lessonTitle: string, number: number, starter: Recording, solution: Recording): PreviewCard {
  return {
    eyebrow: `Lesson ${number}: ${lessonTitle}`,
    title: 'Keep-Alive Lab: HTTP connection reuse, measured',
    headline: previewHeadline(starter, solution),
    runs: [
      { label: 'Starter', recording: starter },
      { label: 'Solution', recording: solution },
    ],
  };
}

export function linkPreview(slug: string, card: PreviewCard): LinkPreview {
  const digest = previewDigest(card);
  const name = `${slug}-${digest.slice(0, 12)}`;
  const [starter, solution] = card.runs;
  const alt = `${card.title}: ${card.headline}. ${starter.label}: ${runFigures(starter.recording)}. ${solution.label}: ${runFigures(solution.recording)}.`;
  return { digest, path: sitePath(`previews/${name}.png`), name, alt, card };
}

// Astro bundles this file, so the drawing code is found from the project root, where builds run.
const DRAWING_SOURCES = ['src/lessons/preview-svg.ts', 'src/lessons/preview-image.ts', 'src/lessons/chart-geometry.ts'].map((path) => join(process.cwd(), path));

/** Everything the image is drawn from: the card's words, both recorded runs, and the drawing code. */
export function previewDigest(card: PreviewCard): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ eyebrow: card.eyebrow, title: card.title, headline: card.headline }));
  for (const run of card.runs) hash.update(`${run.label}\0${JSON.stringify(run.recording.end)}\0${JSON.stringify(run.recording.events)}\0`);
  for (const source of DRAWING_SOURCES) hash.update(readFileSync(source));
  return hash.digest('hex');
}

function connections(count: number): string {
  return `${count} ${count === 1 ? 'connection' : 'connections'}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
