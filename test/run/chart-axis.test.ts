// One count axis for every chart of open connections (src/run/chart-axis.ts): the live chart and
// the recorded chart once drew different gridlines for the same odd top.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartGeometry } from '../../src/lessons/chart-geometry.ts';
import type { Recording } from '../../src/lessons/recordings.ts';
import { countAxis } from '../../src/run/chart-axis.ts';

describe('countAxis', () => {
  it('tops out at the round number at or above the peak, never below 4', () => {
    assert.deepEqual([0, 1, 4, 5, 6, 138, 200, 201, 999].map((peak) => countAxis(peak).top), [5, 5, 5, 5, 10, 200, 200, 500, 1000]);
  });

  it('puts a gridline at half the top only where half is a whole count', () => {
    assert.deepEqual(countAxis(3).gridValues, [0, 5]);
    assert.deepEqual(countAxis(7).gridValues, [0, 5, 10]);
    assert.deepEqual(countAxis(300).gridValues, [0, 250, 500]);
  });
});

describe('the recorded chart', () => {
  it('draws the axis countAxis gives for its peak, odd tops included', () => {
    for (const peak of [1, 3, 5, 9, 40, 139]) {
      const recording = {
        events: [{ type: 'meter', process: 'server', at: 100, counts: { server: { open: peak, accepted: peak, requests: peak, peak } } }],
        end: { reason: 'completed', durationMs: 1000 },
      } as unknown as Recording;
      const geometry = chartGeometry(recording, { width: 320, height: 110, pad: { left: 34, right: 8, top: 8, bottom: 18 } });
      assert.deepEqual({ top: geometry.top, gridValues: geometry.gridValues }, countAxis(peak), `peak ${peak}`);
    }
  });
});
