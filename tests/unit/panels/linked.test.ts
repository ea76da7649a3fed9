import { describe, expect, it } from 'vitest';
import { INDICATOR_BY_ID } from '../../../src/indicators/catalogue';
import {
  areaNamesFrom,
  cellOf,
  fieldNumber,
  formatCell,
  formatIndicator,
  inArea,
  mssLabel,
  peerStats,
  pupilsPerTeacher,
} from '../../../src/panels/linked';
import { engineResults, PLR, school } from './linkedData';

describe('linked-view helpers', () => {
  it('names every LOR level from the Planungsraum features', () => {
    const n = areaNamesFrom(PLR);
    expect(n.ready).toBe(true);
    expect(n.name('plr', '01100102')).toBe('Beta');
    expect(n.name('bzr', '011001')).toBe('Nordregion');
    expect(n.name('pgr', '0220')).toBe('Süd');
    expect(n.name('bez', '02')).toBe('Hain');
    expect(n.name('bez', '99')).toBe('');
    expect(areaNamesFrom(undefined).ready).toBe(false);
  });

  it('reads area, Bezirk and Berlin values from the engine output, with suppression', () => {
    const r = engineResults();
    expect(cellOf(r, 'pop_total', 'plr', '01100102')).toEqual({ value: 2000, suppressed: false });
    expect(cellOf(r, 'pop_total', 'bez', '01').value).toBe(3000);
    expect(cellOf(r, 'pop_total', 'berlin', '').value).toBe(3500);
    // 2 children under 6 (< 3) → suppressed, shown as "•"
    const small = cellOf(r, 'pop_age_below_6', 'plr', '01100102');
    expect(small.suppressed).toBe(true);
    expect(formatCell('pop_age_below_6', small, 'de')).toBe('•');
    expect(cellOf(r, 'mss_status', 'plr', '01100102').value).toBe(4);
    expect(cellOf(r, 'mss_status', 'plr', '02200201').value).toBeNull();
    expect(cellOf(r, 'pop_total', 'plr', 'unknown')).toEqual({ value: null, suppressed: false });
    expect(cellOf(null, 'pop_total', 'plr', '01100101')).toEqual({ value: null, suppressed: false });
  });

  it('formats catalogue indicators de-DE (percent × 100, declared decimals)', () => {
    expect(formatIndicator(INDICATOR_BY_ID.get('pop_share_age_below_6'), 0.1234, 'de')).toBe('12,3 %');
    expect(formatIndicator(INDICATOR_BY_ID.get('pop_total'), 12345, 'de')).toBe('12.345');
    expect(formatIndicator(INDICATOR_BY_ID.get('pop_total'), 12345, 'en')).toBe('12,345');
    expect(formatIndicator(INDICATOR_BY_ID.get('pop_total'), null, 'de')).toBe('–');
    expect(mssLabel('mss_status', 4, 'de')).toBe('sehr niedrig');
    expect(mssLabel('mss_dynamics', 1, 'en')).toBe('positive');
    expect(mssLabel('mss_status', 9, 'de')).toBe('');
  });

  it('computes school figures and peer statistics', () => {
    const a = school('01G01', '01100101', {
      pupils_2024_25: '300',
      teachers_2024_25: '20',
      pupils_2023_24: '',
    });
    expect(fieldNumber(a, 'pupils_2024_25')).toBe(300);
    expect(fieldNumber(a, 'pupils_2023_24')).toBeNull();
    expect(pupilsPerTeacher(a, '2024_25')).toBe(15);
    expect(pupilsPerTeacher(a, '2023_24')).toBeNull();
    expect(inArea(a, '01')).toBe(true);
    expect(inArea(a, '011001')).toBe(true);
    expect(inArea(a, '02')).toBe(false);
    expect(inArea(school('x', null, {}), '01')).toBe(false);
    const st = peerStats([10, 12, 14, null, 20], 14);
    expect(st.n).toBe(4);
    expect(st.median).toBe(13);
    expect(st.percentBelow).toBe(50);
    expect(peerStats([], 3)).toEqual({ n: 0, median: null, percentBelow: null });
  });
});
