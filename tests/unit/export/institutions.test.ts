import { describe, expect, it } from 'vitest';
import type { Institution } from '../../../src/datasets/types';
import { toCsv } from '../../../src/export/csv';
import { institutionPointOf, institutionTable } from '../../../src/export/institutions';
import { applySuppression } from '../../../src/export/suppression';

const items: Institution[] = [
  {
    kind: 'school',
    id: '01B01',
    name: 'Grundschule am Testsee',
    type: 'Grundschule',
    operator: 'öffentlich',
    bezirk: 'Mitte',
    address: 'Teststraße 1, 10115 Berlin',
    lon: 13.3751234567,
    lat: 52.5101234567,
    plrId: '01100101',
    fields: { pupils_2024_25: '412', teachers_2024_25: '31', pupils_2023_24: '', teachers_2023_24: '2' },
  },
  {
    kind: 'kita',
    id: '00012345',
    name: '=Kita Test',
    type: 'Kita',
    operator: 'frei',
    bezirk: 'Mitte',
    address: 'Testweg 2',
    lon: 13.36,
    lat: 52.51,
    plrId: null,
    fields: { places: '85' },
  },
];

describe('institutions export table', () => {
  const t = institutionTable(items, {
    locale: 'de',
    level: 'bzr',
    areaOf: (plr, level) =>
      level === 'plr' ? { id: plr, name: 'PLR Test' } : { id: plr.slice(0, 6), name: 'BZR Test' },
  });

  it('joins the PLR and current-level area, parses numbers, keeps IDs as text', () => {
    const keys = t.columns.map((c) => c.key);
    expect(keys).toContain('bzr_id');
    expect(keys).toContain('places');
    expect(keys).toContain('pupils_per_teacher_2024_25');
    expect(t.rows[0]).toMatchObject({
      id: '01B01',
      kind: 'Schule',
      plr_id: '01100101',
      plr_name: 'PLR Test',
      bzr_id: '011001',
      bzr_name: 'BZR Test',
      pupils_2024_25: 412,
      teachers_2024_25: 31,
      pupils_2023_24: null,
      places: null,
    });
    expect(t.rows[1]).toMatchObject({
      id: '00012345',
      places: 85,
      plr_id: null,
      bzr_id: null,
      pupils_2024_25: null,
    });
    expect(institutionPointOf(t.rows[1])).toEqual({ type: 'Point', coordinates: [13.36, 52.51] });
  });

  it('writes a safe CSV with suppressed small teacher counts', () => {
    const csv = toCsv(applySuppression(t).table, 'standard');
    const lines = csv.split('\r\n');
    expect(lines[1]).toContain('01B01,Grundschule am Testsee,Schule,Grundschule');
    // 2023/24: pupils empty, teachers 2 suppressed; places empty for a school
    expect(lines[1]).toContain(',412,31,,,,13.3,13.375123,52.510123');
    expect(lines[2].startsWith(`00012345,"'=Kita Test",Kita`)).toBe(true);
  });
});
