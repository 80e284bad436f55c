// The recorded chart's geometry: open connections over time as a step line, scaled into a box.
// One place for it, so the chart on a lesson page (components/RecordedChart.astro) and the chart
// in its link-preview image (lessons/preview-svg.ts) draw the same run the same way.
import { countAxis } from '../run/chart-axis.ts';
import { stepLine } from '../run/chart-series.ts';
import { summarise } from '../run/claims.ts';
import { openSeries, type Recording } from './recordings.ts';

export interface ChartBox {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
}

export interface ChartGeometry {
  /** The time axis's end, in ms: the run's length, at least a second. */
  span: number;
  /** The count axis (run/chart-axis.ts): its top and its gridlines. */
  top: number;
  gridValues: number[];
  x(at: number): number;
  y(open: number): number;
  /** SVG path data of the step line (run/chart-series.ts): up to each interval's highest count. */
  path: string;
}

export function chartGeometry(recording: Recording, { width, height, pad }: ChartBox): ChartGeometry {
  const series = openSeries(recording);
  const { peakOpen } = summarise(recording.events);
  const span = Math.max(1000, recording.end.durationMs, series.at(-1)?.at ?? 0);
  const { top, gridValues } = countAxis(peakOpen);
  const x = (at: number) => pad.left + (at / span) * (width - pad.left - pad.right);
  const y = (open: number) => pad.top + (height - pad.top - pad.bottom) * (1 - open / top);
  const path = stepLine(series)
    .map(([at, open], index) => `${index === 0 ? 'M' : 'L'}${x(at).toFixed(1)},${y(open).toFixed(1)}`)
    .join('');
  return { span, top, gridValues, x, y, path };
}
