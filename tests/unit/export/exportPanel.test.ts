/**
 * The export dialog's input as ExportPanel builds it from the stores: exactly the filtered institutions of
 * the visible kinds, the areas of the current level, filters described, sources from the manifest.
 */
import { describe, expect, it } from 'vitest';
import type { Areas, Institution, InstitutionSet } from '../../../src/datasets/types';
import type { Manifest } from '../../../src/domain/types';
import { buildExportProps } from '../../../src/panels/exportActions';
import { useDataStore } from '../../../src/state/dataStore';
import { useFilterStore } from '../../../src/state/filterStore';
import { useViewStore } from '../../../src/state/viewStore';

const inst = (kind: Institution['kind'], id: string, plrId: string, type = 'Grundschule'): Institution => ({
  kind,
  id,
  name: `Name ${id}`,
  type,
  operator: 'öffentlich',
  bezirk: '',
  address: '',
  lon: 13.4,
  lat: 52.5,
  plrId,
  fields: {},
});
const set = (kind: Institution['kind'], items: Institution[]): InstitutionSet => ({
  kind,
  file: `${kind}.csv`,
  items,
  positions: new Float64Array(items.length * 2),
  rowsRead: items.length,
});
const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [13.3, 52.5],
      [13.4, 52.5],
      [13.4, 52.6],
      [13.3, 52.5],
    ],
  ],
};
const bzr: Areas = {
  type: 'FeatureCollection',
  features: ['011001', '022002'].map((id) => ({
    type: 'Feature',
    geometry: square,
    properties: { id, name: `Gebiet ${id}`, bez_name: id.startsWith('01') ? 'Mitte' : 'Pankow' },
  })),
};

describe('ExportPanel → export dialog input', () => {
  it('uses the filtered institutions of the visible kinds and the areas of the level', () => {
    useDataStore.setState({
      manifest: {
        datasets: [
          {
            id: 's',
            title: 'Schulen',
            kind: 'institutions',
            publisher: 'SenBJF',
            license: 'CC BY 4.0',
            vintage: '2025',
            sourceUrl: 'https://example.org',
            files: [],
          },
        ],
      } as unknown as Manifest,
      areas: { bzr },
      institutions: {
        school: set('school', [
          inst('school', '01G01', '01100101'),
          inst('school', '02G02', '02200201'),
          inst('school', '01Y03', '01100102', 'Gymnasium'),
        ]),
        youth: set('youth', [inst('youth', '0001', '01100101', 'JFE')]),
        kita: set('kita', [inst('kita', '9999', '01100101', 'Kita')]),
      },
    });
    useViewStore.setState({ level: 'bzr', layers: { areas: true, school: true, youth: true, kita: false } });
    useFilterStore.setState({ bezirke: ['01'], schularten: ['Grundschule'] });

    const p = buildExportProps('de');
    expect(p.baseName).toBe('bildungsraum-bzr');
    const [institutions, areas] = p.tables;
    // Bezirk 01 and Grundschule (Schulart only filters schools); Kitas are not on the map
    expect(institutions.table.rows.map((r) => r.id)).toEqual(['01G01', '0001']);
    expect(institutions.table.rows[0].bzr_name).toBe('Gebiet 011001');
    expect(areas.table.rows.map((r) => r.id)).toEqual(['011001', '022002']);
    expect(p.filters).toContainEqual({ label: 'Bezirk', value: 'Mitte (01)' }); // name from bez_name of the level
    expect(p.filters).toContainEqual({ label: 'Schulart', value: 'Grundschule' });
    expect(p.filters).toContainEqual({
      label: 'Einrichtungen',
      value: 'Schulen, Jugendfreizeiteinrichtungen',
    });
    expect(p.sources).toEqual([
      expect.objectContaining({ title: 'Schulen', publisher: 'SenBJF', license: 'CC BY 4.0' }),
    ]);

    // no point layer visible: only the areas table
    useViewStore.setState({ layers: { areas: true, school: false, youth: false, kita: false } });
    expect(buildExportProps('en').tables.map((t) => t.table.name)).toEqual(['gebiete-bzr']);
  });
});
