import { describe, expect, it } from 'vitest';
import { classIndexOf, classify, NO_DATA, SUPPRESSED } from '../../../src/indicators/classify';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1); // 1..n

function assertConsistent(values: (number | null)[], r: ReturnType<typeof classify>) {
  // counts match classOf; classOf matches classIndexOf(breaks); breaks ascending and unique
  const counts = new Array(r.classes).fill(0);
  values.forEach((v, i) => {
    const c = r.classOf[i];
    if (c >= 0) {
      counts[c]++;
      expect(c).toBe(classIndexOf(v, r.breaks));
    }
  });
  expect(counts).toEqual(r.counts);
  for (let i = 1; i < r.breaks.length; i++) expect(r.breaks[i]).toBeGreaterThan(r.breaks[i - 1]);
  expect(r.breaks.length).toBe(r.classes - 1);
  expect(r.bounds.length).toBe(r.classes);
}

describe('classIndexOf', () => {
  it('uses inclusive upper bounds and marks missing values', () => {
    const b = [10, 20];
    expect(classIndexOf(5, b)).toBe(0);
    expect(classIndexOf(10, b)).toBe(0);
    expect(classIndexOf(10.0001, b)).toBe(1);
    expect(classIndexOf(20, b)).toBe(1);
    expect(classIndexOf(99, b)).toBe(2);
    expect(classIndexOf(null, b)).toBe(NO_DATA);
    expect(classIndexOf(Number.NaN, b)).toBe(NO_DATA);
    expect(classIndexOf(3, [])).toBe(0);
  });
});

describe('classify', () => {
  it('quantile: equal counts for 1..100 in 5 classes', () => {
    const values = range(100);
    const r = classify(values, { method: 'quantile', classes: 5 });
    expect(r.classes).toBe(5);
    expect(r.counts).toEqual([20, 20, 20, 20, 20]);
    expect(r.min).toBe(1);
    expect(r.max).toBe(100);
    expect(r.bounds[0][0]).toBe(1);
    expect(r.bounds[4][1]).toBe(100);
    assertConsistent(values, r);
  });

  it('equal interval: breaks evenly spaced between min and max', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const r = classify(values, { method: 'equal', classes: 4 });
    expect(r.breaks).toEqual([2.5, 5, 7.5]);
    expect(r.counts).toEqual([3, 3, 2, 3]);
    assertConsistent(values, r);
  });

  it('jenks (ckmeans) finds obvious clusters', () => {
    const values = [1, 2, 3, 50, 51, 52, 100, 101, 102];
    const r = classify(values, { method: 'jenks', classes: 3 });
    expect(r.breaks).toEqual([3, 52]);
    expect(r.counts).toEqual([3, 3, 3]);
    assertConsistent(values, r);
  });

  it('stddev: classes centred on the mean in 1 SD steps (odd count has a middle class)', () => {
    const values = [-3, -2, -1, 0, 1, 2, 3];
    const r = classify(values, { method: 'stddev', classes: 5 });
    const sd = r.sd!;
    expect(r.mean).toBe(0);
    expect(sd).toBeCloseTo(2, 10); // population SD of -3..3
    expect(r.breaks.map((b) => b / sd)).toEqual([-1.5, -0.5, 0.5, 1.5].map((z) => expect.closeTo(z, 10)));
    expect(r.zBounds![0]).toEqual([-Infinity, -1.5]);
    expect(r.zBounds![2]).toEqual([-0.5, 0.5]);
    expect(r.bounds[0][0]).toBe(-Infinity);
    expect(r.bounds[4][1]).toBe(Infinity);
    assertConsistent(values, r);
  });

  it('stddev: even class count puts a break at the mean; 0.5 SD steps', () => {
    const values = [10, 12, 14, 16, 18, 20];
    const r = classify(values, { method: 'stddev', classes: 4, sdStep: 0.5 });
    expect(r.breaks[1]).toBeCloseTo(15, 10);
    expect(r.breaks[2] - r.breaks[1]).toBeCloseTo(0.5 * r.sd!, 10);
    expect(r.classes).toBe(4);
  });

  it('manual: user breaks sorted, deduplicated, open-ended', () => {
    const values = [1, 5, 10, 15, 25, 40];
    const r = classify(values, { method: 'manual', classes: 5, breaks: [20, 10, Number.NaN, 10] });
    expect(r.breaks).toEqual([10, 20]);
    expect(r.classes).toBe(3);
    expect(r.counts).toEqual([3, 1, 2]);
    expect(r.bounds).toEqual([
      [-Infinity, 10],
      [10, 20],
      [20, Infinity],
    ]);
  });

  it('manual without usable breaks falls back to quantiles with a note', () => {
    const r = classify(range(10), { method: 'manual', classes: 5, breaks: [Number.NaN] });
    expect(r.method).toBe('quantile');
    expect(r.classes).toBe(5);
    expect(r.notes).toContainEqual({ code: 'manualBreaksInvalid' });
  });

  it('keeps null, NaN and suppressed values apart', () => {
    const values = [1, null, 3, Number.NaN, 5, 6, Number.POSITIVE_INFINITY];
    const suppressed = [false, false, false, false, true, false, false];
    const r = classify(values, { method: 'quantile', classes: 3, suppressed });
    expect(Array.from(r.classOf).filter((c) => c === NO_DATA)).toHaveLength(3);
    expect(r.classOf[4]).toBe(SUPPRESSED);
    expect(r.noData).toBe(3);
    expect(r.suppressed).toBe(1);
    expect(r.valid).toBe(3);
    expect(r.max).toBe(6);
    assertConsistent(values, r);
  });

  it('ties: duplicate quantile breaks collapse into fewer classes, with a note', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2];
    const r = classify(values, { method: 'quantile', classes: 5 });
    expect(r.classes).toBeLessThan(5);
    expect(new Set(r.breaks).size).toBe(r.breaks.length);
    expect(r.notes.some((n) => n.code === 'fewerClasses')).toBe(true);
    assertConsistent(values, r);
    // every class keeps at least one value
    for (const c of r.counts) expect(c).toBeGreaterThan(0);
  });

  it('fewer distinct values than classes (jenks and equal)', () => {
    const values = [1, 1, 2, 2, 3];
    const j = classify(values, { method: 'jenks', classes: 7 });
    expect(j.classes).toBe(3);
    expect(j.counts).toEqual([2, 2, 1]);
    assertConsistent(values, j);
    const e = classify(values, { method: 'equal', classes: 9 });
    assertConsistent(values, e);
  });

  it('a single distinct value is one class for every method', () => {
    for (const method of ['quantile', 'equal', 'jenks', 'stddev'] as const) {
      const r = classify([4, 4, 4, null], { method, classes: 5 });
      expect(r.classes).toBe(1);
      expect(r.counts).toEqual([3]);
      expect(r.bounds).toEqual([[4, 4]]);
      expect(r.notes).toContainEqual({ code: 'zeroSpread' });
    }
  });

  it('all null: no classes, no crash', () => {
    const r = classify([null, null, Number.NaN], { method: 'jenks', classes: 5 });
    expect(r.classes).toBe(0);
    expect(r.counts).toEqual([]);
    expect(r.min).toBeNull();
    expect(r.noData).toBe(3);
    expect(r.notes).toContainEqual({ code: 'noValues' });
    expect(classify([], { method: 'stddev', classes: 5 }).classes).toBe(0);
  });

  it('clamps the class count to 3–9', () => {
    const values = range(50);
    expect(classify(values, { method: 'quantile', classes: 20 }).classes).toBe(9);
    const low = classify(values, { method: 'equal', classes: 1 });
    expect(low.classes).toBe(3);
    expect(low.notes).toContainEqual({ code: 'classesClamped', requested: 1, used: 3 });
    expect(classify(values, { method: 'equal', classes: Number.NaN }).classes).toBe(5);
  });

  it('quantile classes are never empty, even with heavy ties', () => {
    const values = [0, 0, 0, 0, 0, 1, 1, 1, 2, 7, 7, 7, 7, 7, 7, 9];
    for (let k = 3; k <= 9; k++) {
      const r = classify(values, { method: 'quantile', classes: k });
      for (const c of r.counts) expect(c).toBeGreaterThan(0);
    }
  });

  it('all methods stay consistent on skewed data with negatives', () => {
    const values = [-5, -1, 0, 0, 0.5, 1, 1, 2, 3, 8, 13, 21, 34, 55, 89, 144, null];
    for (const method of ['quantile', 'equal', 'jenks', 'stddev'] as const) {
      for (let k = 3; k <= 9; k++) assertConsistent(values, classify(values, { method, classes: k }));
    }
  });
});
