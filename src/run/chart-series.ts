// The line every chart of open connections draws: the live one (client/workspace/socket-meter.ts),
// the recorded one and the link-preview image (lessons/chart-geometry.ts). The meter samples every
// 100 ms, and a burst of connections can open and close between two samples; so each sample
// carries the interval's highest count too (the meter's intervalPeak), and the line rises to it.
// The chart's highest point is then the run's peak, the figure printed above it.

/** One sample on a chart: when, the count then, and the most open at once since the sample before. */
export interface ChartSample {
  at: number;
  open: number;
  /** The interval's highest count (the meter's intervalPeak; `open` from meters without it). */
  high: number;
}

/** A chart sample from a server sample's counts, `at` ms into the run. */
export function chartSample(at: number, server: { open: number; intervalPeak?: number }): ChartSample {
  return { at, open: server.open, high: Math.max(server.open, server.intervalPeak ?? 0) };
}

/**
 * The corners of the step line, as [ms, count]: the count holds until the next sample, where the
 * line rises to the interval's highest count, then falls to the count at the sample.
 */
export function stepLine(samples: readonly ChartSample[]): [number, number][] {
  const corners: [number, number][] = [];
  const add = (at: number, count: number) => {
    const last = corners.at(-1);
    if (!last || last[0] !== at || last[1] !== count) corners.push([at, count]);
  };
  samples.forEach((sample, index) => {
    if (index > 0) add(sample.at, samples[index - 1]!.open);
    add(sample.at, sample.high);
    add(sample.at, sample.open);
  });
  return corners;
}
