// <socket-meter>: shows the server's counts as they arrive and charts open connections.
// Samples can arrive faster than the screen refreshes; drawing happens once per frame.
import { countAxis } from '../../run/chart-axis.ts';
import { chartSample, stepLine, type ChartSample } from '../../run/chart-series.ts';
import { LaneBook, rows } from '../../run/lanes.ts';
import type { MeterCounts } from '../../schemas/meter.ts';
import type { RunEvent } from '../../schemas/run-events.ts';

const MIN_SPAN_MS = 5_000;

export class SocketMeter extends HTMLElement {
  #points: ChartSample[] = [];
  #peak = 0;
  #frame = 0;
  #canvas?: HTMLCanvasElement;
  #lanesCanvas?: HTMLCanvasElement;
  #lanes = new LaneBook();
  #resized?: ResizeObserver;
  /** Aborted when the element leaves the page: removes its listener on document. */
  #connection?: AbortController;

  connectedCallback() {
    this.#connection = new AbortController();
    this.#canvas = this.querySelector<HTMLCanvasElement>('[data-chart]') ?? undefined;
    this.#lanesCanvas = this.querySelector<HTMLCanvasElement>('[data-lanes]') ?? undefined;
    this.#resized = new ResizeObserver(() => this.#scheduleDraw());
    this.#resized.observe(this.#canvas ?? this);
    // The charts draw with the theme's colours; redraw when it changes.
    document.addEventListener('lab-theme', () => this.#scheduleDraw(), { signal: this.#connection.signal });
  }

  /** Soft navigation to another page removes the meter; the page, and its document, live on. */
  disconnectedCallback() {
    this.#connection?.abort();
    this.#resized?.disconnect();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** A run event: the server's meter samples update the figures, the chart and the lanes. */
  add(event: RunEvent) {
    if (event.type !== 'meter' || event.process !== 'server') return;
    this.#show(event.counts.server, event.at);
    this.#lanes.add(event);
  }

  reset() {
    // The live chart takes the place of the recorded runs from the first Run on.
    const recorded = this.querySelector<HTMLElement>('[data-recorded]');
    const live = this.querySelector<HTMLElement>('[data-live-chart]');
    if (recorded) recorded.hidden = true;
    if (live) live.hidden = false;
    this.#points = [];
    this.#lanes = new LaneBook();
    this.#peak = 0;
    // Blank, not 0, until the meter reports: a runtime where it cannot count must not show a wrong 0.
    for (const figure of ['open', 'accepted', 'requests', 'reuse']) this.#set(figure, '–');
    this.#setPeak();
    this.#canvas?.setAttribute('aria-label', 'Chart of open connections over time. Running.');
    this.#scheduleDraw();
  }

  /** A server sample, `at` milliseconds into the run. */
  #show(counts: MeterCounts['server'], at: number) {
    this.#peak = Math.max(this.#peak, counts.open, counts.peak ?? 0);
    this.#points.push(chartSample(at, counts));
    this.#set('open', String(counts.open));
    this.#set('accepted', String(counts.accepted));
    this.#set('requests', String(counts.requests));
    this.#set('reuse', counts.accepted === 0 ? '–' : formatRatio(counts.requests / counts.accepted));
    this.#setPeak();
    this.#scheduleDraw();
  }

  /** Describes the finished chart in words, for people who cannot see it. */
  describe() {
    const last = this.#points.at(-1);
    const text = last
      ? `Chart of open connections over time: ${this.#points.length} samples over ${(last.at / 1000).toFixed(1)} s, peak ${this.#peak}, last ${last.open}.`
      : 'Chart of open connections over time. The run produced no samples.';
    this.#canvas?.setAttribute('aria-label', text);
    const lanes = this.#lanes.lanes();
    const busiest = Math.max(0, ...lanes.map((lane) => lane.requests.length));
    this.#lanesCanvas?.setAttribute(
      'aria-label',
      `Connection lanes: ${lanes.length} ${lanes.length === 1 ? 'connection' : 'connections'}; the busiest served ${busiest} ${busiest === 1 ? 'request' : 'requests'}.`,
    );
  }

  #set(figure: string, text: string) {
    const output = this.querySelector(`[data-figure="${figure}"]`);
    if (output && output.textContent !== text) output.textContent = text;
  }

  #setPeak() {
    const peak = this.querySelector('[data-peak]');
    if (peak) peak.textContent = this.#points.length > 0 ? `peak ${this.#peak}` : 'peak –';
  }

  #scheduleDraw() {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
      this.#drawLanes();
    });
  }

  /** The time axis both charts share: at least MIN_SPAN_MS, else up to the last sample. */
  #span() {
    return Math.max(MIN_SPAN_MS, this.#points.at(-1)?.at ?? 0);
  }

  /** One row per connection (grouped past the canvas's height), a tick per request. */
  #drawLanes() {
    const prepared = this.#lanesCanvas && prepare(this.#lanesCanvas);
    if (!prepared) return;
    const { context, width, height } = prepared;
    const lanes = this.#lanes.lanes();
    if (lanes.length === 0) return;
    const styles = getComputedStyle(this);
    const pad = { left: 40, right: 10 };
    const span = this.#span();
    const x = (at: number) => pad.left + (Math.min(at, span) / span) * (width - pad.left - pad.right);
    const grouped = rows(lanes, Math.floor(height / 2));
    const rowHeight = height / grouped.length;
    const end = this.#points.at(-1)?.at ?? span;
    grouped.forEach((row, index) => {
      const top = index * rowHeight;
      context.fillStyle = styles.getPropertyValue('--border').trim() || '#d5d9e0';
      context.fillRect(x(row.openedAt), top + rowHeight * 0.25, Math.max(1, x(row.closedAt ?? end) - x(row.openedAt)), Math.max(1, rowHeight * 0.5));
      context.fillStyle = styles.getPropertyValue('--client').trim() || '#0b6e69';
      let lastPixel = -1;
      for (const at of row.requests) {
        const pixel = Math.round(x(at));
        if (pixel === lastPixel) continue;
        lastPixel = pixel;
        context.fillRect(pixel, top, 1, Math.max(1, rowHeight));
      }
    });
    context.fillStyle = styles.getPropertyValue('--text-muted').trim() || '#555';
    context.font = '11px system-ui, sans-serif';
    context.textBaseline = 'top';
    context.fillText(`${lanes.length} conn.`, 2, 2);
  }

  #draw() {
    const prepared = this.#canvas && prepare(this.#canvas);
    if (!prepared) return;
    const { context, width, height } = prepared;

    const styles = getComputedStyle(this);
    const muted = styles.getPropertyValue('--text-muted').trim() || '#555';
    const line = styles.getPropertyValue('--server').trim() || '#7a3e9d';
    const pad = { left: 40, right: 10, top: 10, bottom: 20 };
    const plotWidth = Math.max(1, width - pad.left - pad.right);
    const plotHeight = Math.max(1, height - pad.top - pad.bottom);
    const span = this.#span();
    const { top, gridValues } = countAxis(this.#peak);
    const x = (at: number) => pad.left + (at / span) * plotWidth;
    const y = (open: number) => pad.top + plotHeight - (open / top) * plotHeight;

    context.font = '11px system-ui, sans-serif';
    context.fillStyle = muted;
    context.strokeStyle = styles.getPropertyValue('--border').trim() || '#d5d9e0';
    context.lineWidth = 1;
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (const value of gridValues) {
      context.beginPath();
      context.moveTo(pad.left, Math.round(y(value)) + 0.5);
      context.lineTo(width - pad.right, Math.round(y(value)) + 0.5);
      context.stroke();
      context.fillText(String(value), pad.left - 6, y(value));
    }
    context.textAlign = 'left';
    context.textBaseline = 'alphabetic';
    context.fillText('0 s', pad.left, height - 4);
    context.textAlign = 'right';
    context.fillText(`${(span / 1000).toFixed(1)} s`, width - pad.right, height - 4);

    if (this.#points.length === 0) return;
    context.strokeStyle = line;
    context.lineWidth = 2;
    context.lineJoin = 'round';
    context.beginPath();
    // A step line that rises to each interval's highest count (run/chart-series.ts).
    stepLine(this.#points).forEach(([at, open], index) => {
      if (index === 0) context.moveTo(x(at), y(open));
      else context.lineTo(x(at), y(open));
    });
    context.stroke();
  }
}

/** Sizes a canvas for the device's pixel ratio and returns its context in CSS pixels. */
function prepare(canvas: HTMLCanvasElement) {
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height };
}

function formatRatio(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

customElements.define('socket-meter', SocketMeter);
