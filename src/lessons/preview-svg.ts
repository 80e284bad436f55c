// The link-preview image as SVG, 1200x630 in the site's dark colours: the lesson's place in the
// course, its title, the change its fix makes in the largest type, and the starter's and the
// solution's recorded charts side by side with their numbers. Sized for a chat preview, where the
// image shows at about 500 px wide: the headline stays readable there, the captions just so.
import { chartGeometry } from './chart-geometry.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, runWords, type PreviewCard, type PreviewRun } from './link-preview.ts';

// global.css's dark theme.
const COLOURS = { bg: '#14171c', panel: '#1d2128', border: '#3a4250', text: '#e6e9ef', muted: '#a9b3c1', accent: '#6cb0ff', server: '#c89bf0' };
const MARGIN = 64;
const TITLE_SIZE = 54;
const TITLE_LINE = 62;
const TITLE_LINES = 2;

export function previewSvg(card: PreviewCard): string {
  const titleLines = wrap(card.title, PREVIEW_WIDTH - 2 * MARGIN, TITLE_SIZE * 1.06, TITLE_LINES);
  const titleTop = 150;
  const headlineY = titleTop + (titleLines.length - 1) * TITLE_LINE + 92;
  const panelTop = headlineY + 42;
  const panelHeight = PREVIEW_HEIGHT - MARGIN / 2 - panelTop;
  const panelWidth = (PREVIEW_WIDTH - 2 * MARGIN - 32) / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}" font-family="Inter">`,
    `<rect width="100%" height="100%" fill="${COLOURS.bg}"/>`,
    text(MARGIN, 92, card.eyebrow, { size: 30, weight: 500, fill: COLOURS.muted }),
    ...titleLines.map((line, index) => text(MARGIN, titleTop + index * TITLE_LINE, line, { size: TITLE_SIZE, weight: 700, fill: COLOURS.text })),
    text(MARGIN, headlineY, card.headline, { size: fitSize(card.headline, PREVIEW_WIDTH - 2 * MARGIN, 76), weight: 700, fill: COLOURS.accent }),
    ...card.runs.map((run, index) => panel(run, MARGIN + index * (panelWidth + 32), panelTop, panelWidth, panelHeight)),
    '</svg>',
  ].join('\n');
}

function panel(run: PreviewRun, left: number, top: number, width: number, height: number): string {
  const { peak, counts, exitCode } = runWords(run.recording);
  const chartTop = top + 58;
  const chartHeight = height - 58 - 46;
  const inset = 24;
  const chart = chartGeometry(run.recording, { width, height: chartHeight, pad: { left: inset, right: inset, top: 6, bottom: 6 } });
  const grid = chart.gridValues
    .map((value) => `<line x1="${inset}" x2="${width - inset}" y1="${chart.y(value).toFixed(1)}" y2="${chart.y(value).toFixed(1)}" stroke="${COLOURS.border}" stroke-width="1.5"/>`)
    .join('');
  return [
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" rx="14" fill="${COLOURS.panel}" stroke="${COLOURS.border}" stroke-width="2"/>`,
    text(left + inset, top + 42, run.label, { size: 30, weight: 700, fill: COLOURS.text }),
    text(left + width - inset, top + 42, peak, { size: 30, weight: 700, fill: COLOURS.server, anchor: 'end' }),
    `<g transform="translate(${left} ${chartTop})">${grid}<path d="${chart.path}" fill="none" stroke="${COLOURS.server}" stroke-width="4" stroke-linejoin="round"/></g>`,
    text(left + inset, top + height - 18, [...counts, ...(exitCode ? [`exit ${exitCode}`] : [])].join(' · '), { size: 24, weight: 400, fill: COLOURS.muted }),
  ].join('\n');
}

interface TextStyle {
  size: number;
  weight: number;
  fill: string;
  anchor?: 'start' | 'end';
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const anchor = style.anchor === 'end' ? ' text-anchor="end"' : '';
  return `<text x="${x}" y="${y}" font-size="${style.size}" font-weight="${style.weight}" fill="${style.fill}"${anchor}>${escapeXml(content)}</text>`;
}

/** Words into at most `maxLines` lines of about `width` px; the last line ends in "…" if cut. */
export function wrap(content: string, width: number, size: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`;
  while (last.length > 1 && textWidth(`${last}…`, size) > width) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** The largest size up to `largest` at which one line of `content` fits `width`. */
function fitSize(content: string, width: number, largest: number): number {
  return Math.min(largest, Math.floor(width / textWidth(content, 1.06)));
}

/** Inter's advance widths, roughly, in ems: enough to wrap a title without measuring glyphs. */
function textWidth(content: string, size: number): number {
  let ems = 0;
  for (const char of content) {
    if (char === ' ') ems += 0.28;
    else if (/[il.,:;'’!|]/.test(char)) ems += 0.3;
    else if (/[mwMW]/.test(char)) ems += 0.88;
    else if (/[A-Z0-9]/.test(char)) ems += 0.68;
    else ems += 0.56;
  }
  return ems * size;
}

function escapeXml(content: string): string {
  return content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
