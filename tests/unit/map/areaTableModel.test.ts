import { describe, expect, it } from 'vitest';
import type { Areas } from '../../../src/datasets/types';
import { INDICATOR_BY_ID } from '../../../src/indicators/catalogue';
import { NO_DATA, SUPPRESSED } from '../../../src/indicators/classify';
import { areaRows, sortAreaRows } from '../../../src/map/areaTableModel';
import type { Choropleth } from '../../../src/map/choropleth';

const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ],
  ],
});

const areas = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: square(0),
      properties: { id: '0110', name: 'Zentrum', bez_id: '01', bez_name: 'Mitte' },
    },
    {
      type: 'Feature',
      geometry: square(1),
      properties: { id: '0120', name: 'Moabit', bez_id: '01', bez_name: 'Mitte' },
    },
    {
      type: 'Feature',
      geometry: square(2),
      properties: { id: '0210', name: 'Kreuzberg', bez_id: '02', bez_name: 'Friedrichshain-Kreuzberg' },
    },
    {
      type: 'Feature',
      geometry: square(3),
      properties: { id: '0220', name: 'Äußeres', bez_id: '02', bez_name: 'Friedrichshain-Kreuzberg' },
    },
  ],
} as unknown as Areas;

const def = INDICATOR_BY_ID.get('pupils_per_teacher_2024_25');

function choro(values: number[], classOf: number[], suppressed: number[]): Choropleth {
  return {
    status: 'ok',
    def: def ?? null,
    values: Float64Array.from(values),
    suppressed: Uint8Array.from(suppressed),
    classOf: Int8Array.from(classOf),
    colors: new Uint8Array(values.length * 4),
    key: 't',
    classified: null,
    palette: null,
    legend: {
      method: 'quantile',
      methodLabel: 'Quantile',
      classes: 2,
      total: values.length,
      decimals: 1,
      summary: '',
      entries: [
        {
          key: 'a',
          kind: 'class',
          classIndex: 0,
          label: 'bis 12,0',
          lower: null,
          upper: 12,
          count: 1,
          hex: '#fff',
          textColour: '#000',
        },
        {
          key: 'b',
          kind: 'class',
          classIndex: 1,
          label: 'über 12,0',
          lower: 12,
          upper: null,
          count: 1,
          hex: '#000',
          textColour: '#fff',
        },
      ],
    },
    notes: [],
  };
}

describe('area table rows (table alternative to the choropleth)', () => {
  it('carries the value, the formatted text and the class label the map uses', () => {
    expect(def).toBeDefined();
    const rows = areaRows(
      areas,
      choro([11.5, 1234.25, Number.NaN, Number.NaN], [0, 1, NO_DATA, SUPPRESSED], [0, 0, 0, 1]),
      'de',
    );
    expect(rows.map((r) => r.status)).toEqual(['value', 'value', 'noData', 'suppressed']);
    expect(rows[0]).toMatchObject({ id: '0110', name: 'Zentrum', parent: 'Mitte', classLabel: 'bis 12,0' });
    expect(rows[1].valueText).toMatch(/^1\.234,\d+$/);
    expect(rows[1].classLabel).toBe('über 12,0');
    expect(rows[2].valueText).toBe('');
    expect(rows[3].classLabel).toBe('');
    expect(Number.isNaN(rows[3].value)).toBe(true);
  });

  it('lists every area without values when no indicator is shown', () => {
    const none: Choropleth = {
      ...choro([1, 2, 3, 4], [0, 0, 1, 1], [0, 0, 0, 0]),
      status: 'noIndicator',
      def: null,
    };
    const rows = areaRows(areas, none, 'de');
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === 'noData' && r.classLabel === '')).toBe(true);
  });

  it('sorts by value with the missing values last in both directions, and by name with German collation', () => {
    const rows = areaRows(
      areas,
      choro([11.5, 1234.25, Number.NaN, 3], [0, 1, NO_DATA, 0], [0, 0, 0, 0]),
      'de',
    );
    expect(sortAreaRows(rows, { key: 'value', dir: 1 }).map((r) => r.id)).toEqual([
      '0220',
      '0110',
      '0120',
      '0210',
    ]);
    expect(sortAreaRows(rows, { key: 'value', dir: -1 }).map((r) => r.id)).toEqual([
      '0120',
      '0110',
      '0220',
      '0210',
    ]);
    expect(sortAreaRows(rows, { key: 'name', dir: 1 }).map((r) => r.name)).toEqual([
      'Äußeres',
      'Kreuzberg',
      'Moabit',
      'Zentrum',
    ]);
  });
});
