// A measured figure: several samples, reported as median, min and max.
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { dirname } from 'node:path';

export interface Figure {
  name: string;
  unit: string;
  samples: number[];
}

export interface Row {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarise(figure: Figure): Row {
  if (figure.samples.length === 0) throw new Error(`No samples for "${figure.name}".`);
  return {
    name: figure.name,
    unit: figure.unit,
    median: round(median(figure.samples)),
    min: round(Math.min(...figure.samples)),
    max: round(Math.max(...figure.samples)),
    runs: figure.samples.length,
  };
}

export function markdownTable(rows: Row[]): string {
  return [
    '| Figure | Median | Min | Max | Runs |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.name} | ${row.median} ${row.unit} | ${row.min} | ${row.max} | ${row.runs} |`),
  ].join('\n');
}

export function machine() {
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: `${platform()} ${arch()}`, node: process.version };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The lower middle for an even count: a figure is never better than a sample we saw. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
