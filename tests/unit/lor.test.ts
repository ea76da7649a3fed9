import { describe, expect, it } from 'vitest';
import { lorChain, lorLevelOf, repairLorId } from '../../src/domain/lor';

describe('LOR IDs', () => {
  it('derives the chain of a Planungsraum by prefix', () => {
    expect(lorChain('01100101')).toEqual({ bez: '01', pgr: '0110', bzr: '011001', plr: '01100101' });
  });
  it('knows the level of an ID by its length', () => {
    expect(lorLevelOf('0110')).toBe('pgr');
    expect(lorLevelOf('1100101')).toBeNull();
  });
  it('repairs a single lost leading zero and says so', () => {
    expect(repairLorId('plr', '1100101')).toEqual({ id: '01100101', repaired: true });
    expect(repairLorId('plr', '01100101')).toEqual({ id: '01100101', repaired: false });
    expect(repairLorId('plr', '100101')).toBeNull();
    expect(repairLorId('bez', '7')).toEqual({ id: '07', repaired: true });
  });
});
