import type { AreaFeature } from '../../../src/domain/types';
import { square } from './helpers';

/**
 * A hand-made mini LOR: two Bezirke (01 west, 02 east), each one PGR / one BZR with two PLR.
 *   x 0…1: 01100101   x 1…2: 01100102   x 2…3: 02100101   x 3…4: 02100102   (all y 0…1)
 */
export const MINI_PLR: AreaFeature[] = [
  square(0, 0, 1, 1, { id: '01100101', name: 'A' }),
  square(1, 0, 2, 1, { id: '01100102', name: 'B' }),
  square(2, 0, 3, 1, { id: '02100101', name: 'C' }),
  square(3, 0, 4, 1, { id: '02100102', name: 'D' }),
];
export const MINI_BZR: AreaFeature[] = [
  square(0, 0, 2, 1, { id: '011001' }),
  square(2, 0, 4, 1, { id: '021001' }),
];
export const MINI_PGR: AreaFeature[] = [
  square(0, 0, 2, 1, { id: '0110' }),
  square(2, 0, 4, 1, { id: '0210' }),
];
export const MINI_BEZ: AreaFeature[] = [square(0, 0, 2, 1, { id: '01' }), square(2, 0, 4, 1, { id: '02' })];
