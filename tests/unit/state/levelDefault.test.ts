import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATOR, defaultIndicatorFor } from '../../../src/state/indicatorStore';
import { indicatorAfterLevelSwitch } from '../../../src/state/wiring';

describe('default indicator per level', () => {
  it('opens the Planungsräume with the MSS status and the Einschulbereiche with estimated children', () => {
    expect(defaultIndicatorFor('plr')).toBe('mss_status');
    expect(defaultIndicatorFor('esb')).toBe('esb_pop_6_15');
    expect(defaultIndicatorFor('bzr')).toBe(DEFAULT_INDICATOR);
  });

  it('replaces a default, or an indicator without values on the level, and keeps a deliberate choice', () => {
    expect(indicatorAfterLevelSwitch(DEFAULT_INDICATOR, 'plr')).toBe('mss_status');
    expect(indicatorAfterLevelSwitch('mss_status', 'bez')).toBe(DEFAULT_INDICATOR);
    expect(indicatorAfterLevelSwitch('mss_status', 'esb')).toBe('esb_pop_6_15');
    expect(indicatorAfterLevelSwitch('esb_pop_6_15', 'bzr')).toBe(DEFAULT_INDICATOR);
    // a chosen indicator that exists on the new level stays
    expect(indicatorAfterLevelSwitch('kita_places_per_100_u6', 'plr')).toBe('kita_places_per_100_u6');
    expect(indicatorAfterLevelSwitch('esb_primary_schools', 'esb')).toBe('esb_primary_schools');
    // a LOR indicator has no values on the ESB layer
    expect(indicatorAfterLevelSwitch('kita_places_per_100_u6', 'esb')).toBe('esb_pop_6_15');
    // "no indicator" and imported layers are left alone
    expect(indicatorAfterLevelSwitch(null, 'plr')).toBeNull();
    expect(indicatorAfterLevelSwitch('pop_total', 'import:x')).toBe('pop_total');
  });
});
