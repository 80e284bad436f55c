// The count axis of every chart of open connections: the live one on the page (socket-meter.ts),
// the recorded one (RecordedChart.astro) and the one in a link-preview image (preview-svg.ts).
// Defined once, so that the three agree on the top and the gridlines for the same peak.

export interface CountAxis {
  /** The axis's top: the smallest of 1, 2, 5, 10, 20, 50 … at or above the peak (and 4). */
  top: number;
  /** Where the gridlines go, with their labels: 0, half and the top, or 0 and the top where half would not be a whole count. */
  gridValues: number[];
}

/** The count axis for charts whose highest count is `peak`. */
export function countAxis(peak: number): CountAxis {
  const top = roundCeiling(Math.max(peak, 4));
  return { top, gridValues: top % 2 === 0 ? [0, top / 2, top] : [0, top] };
}

/** 1, 2, 5, 10, 20, 50 … at or above `value`, so axis labels stay round. */
function roundCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value) ?? value;
}
