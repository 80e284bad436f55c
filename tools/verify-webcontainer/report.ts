// The kit's report: one JSON object with everything measured, and the same as a Markdown table
// (lesson, claim, local value, WebContainer value, verdict, Node version, boot time).
import { ACCEPTED_VERDICTS, type CheckRow } from './verdicts.ts';

export interface SmokeResult {
  ok: boolean;
  /** What the lesson page showed, or why the smoke did not get that far. */
  detail: string;
}

export interface VerifyReport {
  startedAt: string;
  finishedAt: string;
  /** True only if the boot worked, every planned check has a row with an accepted verdict, and the smoke passed. */
  ok: boolean;
  siteUrl: string;
  browser: string;
  preflight: string;
  /** Lessons this report covers, when limited with --lesson; absent when it covers all. */
  onlyLessons?: string[];
  localNode: string;
  webContainer: {
    booted: boolean;
    /** The boot failure, in the runtime's words. */
    bootMessage?: string;
    bootMs?: number;
    /** What the runtime tells the learner once ready, e.g. that its Node differs from the lessons'. */
    readyNote?: string;
    /** `nodeVersion` from the runtime, or "unknown" where it reports none. */
    nodeVersion: string;
    /** process.versions.node, as printed by a run inside the container. */
    nodeVersionPrinted?: string;
    crossOriginIsolated?: boolean;
    /** Node features the runtime reported missing after boot; absent where it reports none. */
    missingFeatures?: string[];
  };
  plannedChecks: number;
  smoke: SmokeResult;
  rows: CheckRow[];
}

/** The overall verdict; a report with nothing in it never passes. */
export function reportPasses(report: Omit<VerifyReport, 'ok'>): boolean {
  return (
    report.webContainer.booted &&
    report.plannedChecks > 0 &&
    report.rows.length === report.plannedChecks &&
    report.rows.every((row) => ACCEPTED_VERDICTS.includes(row.verdict)) &&
    report.smoke.ok
  );
}

/** Markdown table cells: pipes would split the cell and newlines end the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function bootTime(report: Pick<VerifyReport, 'webContainer'>): string {
  return report.webContainer.bootMs === undefined ? 'no boot' : `${(report.webContainer.bootMs / 1000).toFixed(1)} s`;
}

/** "PASS: 52 of 52 checks passed in both runtimes; lesson-page smoke passed." */
export function summaryLine(report: VerifyReport): string {
  const passed = report.rows.filter((row) => row.verdict === 'pass').length;
  const excused = report.rows.filter((row) => row.verdict !== 'pass' && ACCEPTED_VERDICTS.includes(row.verdict)).length;
  return (
    `${report.ok ? 'PASS' : 'FAIL'}${report.onlyLessons ? ` (partial: only ${report.onlyLessons.join(', ')})` : ''}: ${passed} of ${report.plannedChecks} checks passed in both runtimes` +
    (excused ? `, ${excused} need the local runner as their lesson says` : '') +
    `; lesson-page smoke ${report.smoke.ok ? 'passed' : 'failed'}.`
  );
}

export function renderMarkdown(report: VerifyReport): string {
  const wc = report.webContainer;
  const lines = [
    '# WebContainer verification',
    '',
    summaryLine(report).replace(/^(PASS|FAIL)/, '**$1**'),
    '',
    ...(report.onlyLessons ? [`Partial run: only ${report.onlyLessons.join(', ')}. This does not verify the whole site.`, ''] : []),
    `- Site: ${report.siteUrl} (static build, served with public/_headers), ${report.browser}`,
    `- Started ${report.startedAt}, finished ${report.finishedAt}`,
    `- Preflight: ${report.preflight.replace(/\n\s*/g, '; ')}`,
    `- WebContainer: ${wc.booted ? `booted in ${bootTime(report)}` : `did not boot: ${wc.bootMessage ?? 'no reason given'}`}`,
    ...(wc.readyNote ? [`- Once ready, the page says: ${wc.readyNote}`] : []),
    `- Harness page cross-origin isolated: ${wc.crossOriginIsolated === undefined ? 'unknown' : wc.crossOriginIsolated ? 'yes' : 'no'}`,
    `- Node: WebContainer runtime reports ${wc.nodeVersion}; a run inside it printed ${wc.nodeVersionPrinted ?? 'nothing'}; local runs used ${report.localNode}`,
    `- Node features WebContainer lacks, as the runtime reports them: ${wc.missingFeatures === undefined ? 'not known' : wc.missingFeatures.join(', ') || 'none'}`,
    `- Lesson page smoke (lesson 02, ?runtime=webcontainer, Run): ${report.smoke.detail}`,
    '',
    '| Lesson | Claim | Local value | WebContainer value | Verdict | Node version | Boot time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.rows.map((row) =>
      `| ${[row.lesson, `${row.run}: ${row.says} (${row.expects})`, row.local, row.webContainer, row.verdict, wc.nodeVersion, bootTime(report)].map(cell).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
