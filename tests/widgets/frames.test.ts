/**
 * The plot widgets' shared frame helpers (widgets/frames.ts): the frame on screen, a field
 * between two frames, a trail's path, a band's path, and text written only when it changed.
 */
import { describe, expect, it } from 'vitest';
import { bandPath, frameCursor, lerpAt, setText, trailPath } from '../../src/widgets/frames';
import { createFrame2D } from '../../src/widgets/geometry';

describe('the frame on screen', () => {
  it('is the whole step shown, with the share of the way to the next one', () => {
    expect(frameCursor(2.25, 10)).toEqual({ k: 2, t: 0.25 });
    expect(frameCursor(0, 1)).toEqual({ k: 0, t: 0 });
  });

  it('stays on the last frame once the animation is past it, and is −1 before the first', () => {
    expect(frameCursor(7.5, 5)).toEqual({ k: 4, t: 1 });
    expect(frameCursor(3, 0)).toEqual({ k: -1, t: 0 });
  });
});

describe('a field between two frames', () => {
  // Two fields per frame: frame j holds (j, 10j).
  const data = Float64Array.from([0, 0, 1, 10, 2, 20]);
  it('interpolates linearly, and holds the last frame', () => {
    expect(lerpAt(data, 0, 0.5, 1, 2, 2)).toBe(5);
    expect(lerpAt(data, 1, 0.25, 0, 2, 2)).toBe(1.25);
    expect(lerpAt(data, 2, 0.9, 1, 2, 2)).toBe(20);
  });
});

describe('paths', () => {
  // One data unit is ten pixels; y points up in the data and down on screen.
  const f = createFrame2D([0, 10, 0, 10], 100);

  it('draws a trail through the frames to the interpolated point', () => {
    const log = { data: Float64Array.from([0, 0, 1, 1, 2, 3]), stride: 2 };
    expect(trailPath(log, 0, 1, 2, [2.5, 3.5], f)).toBe('M0.0,100.0L10.0,90.0L20.0,70.0L25.0,65.0');
    // Only the recent part: from frame 1.
    expect(trailPath(log, 0, 1, 2, [2, 3], f, 1)).toBe('M10.0,90.0L20.0,70.0L20.0,70.0');
  });

  it('thins a long trail to at most 1500 points, keeping its start and end', () => {
    const n = 6001;
    const log = { data: Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 0 : i / 2 / 1000)), stride: 2 };
    const d = trailPath(log, 0, 1, n - 1, [6, 0], f);
    const points = d.split(/[ML]/).filter(Boolean);
    expect(points.length).toBeLessThanOrEqual(1501 + 1);
    expect(points[0]).toBe('0.0,100.0');
    expect(points[points.length - 1]).toBe('60.0,100.0');
  });

  it('closes a band along one curve and back along the other', () => {
    const xs = [0, 1, 2];
    expect(bandPath(xs, [1, 2, 3], [0, 0, 0], f.px, f.py)).toBe('M0.0,90.0L10.0,80.0L20.0,70.0L20.0,100.0L10.0,100.0L0.0,100.0Z');
  });
});

describe('text of a readout', () => {
  it('is written only when it changes', () => {
    let writes = 0;
    let text = '—';
    const el = {
      get textContent() {
        return text;
      },
      set textContent(v: string) {
        writes++;
        text = v;
      },
    } as unknown as Element;
    setText(el, '—');
    expect(writes).toBe(0);
    setText(el, '0.5');
    setText(el, '0.5');
    expect([text, writes]).toEqual(['0.5', 1]);
    expect(() => setText(null, 'x')).not.toThrow();
  });
});
