/**
 * Styling of the institution points: school colour by Schulart or Träger, size by pupils. Pure; results are
 * cached per InstitutionSet so deck.gl accessors read stable typed arrays.
 */
import type { InstitutionSet } from '../datasets/types';
import { traegerCategory } from '../domain/filters';
import { parseRuntimeNumber } from '../indicators/compute';
import { INSTITUTION_COLORS, type RGBA } from './colors';

/** Colour groups of Schularten (legend shows these groups). */
export const SCHULART_GROUPS: readonly { key: string; match: RegExp; color: RGBA }[] = [
  { key: 'Grundschule', match: /^Grundschule$/, color: [0, 114, 178, 255] },
  {
    key: 'Sekundarschule',
    match: /Sekundarschule|Gemeinschaftsschule|allgemein bildende/i,
    color: [86, 180, 233, 255],
  },
  { key: 'Gymnasium', match: /^Gymnasium$/, color: [204, 121, 167, 255] },
  { key: 'Förderschule', match: /Förder/i, color: [230, 159, 0, 255] },
  { key: 'Berufliche Schule', match: /beruf|Oberstufenzentrum|Fachschule/i, color: [120, 94, 70, 255] },
  { key: 'Sonstige', match: /.*/, color: [100, 100, 100, 255] },
];

export const TRAEGER_COLORS: Record<'public' | 'free', RGBA> = {
  public: [0, 114, 178, 255],
  free: [213, 94, 0, 255],
};

export function schulartGroup(type: string): number {
  const i = SCHULART_GROUPS.findIndex((g) => g.match.test(type));
  return i < 0 ? SCHULART_GROUPS.length - 1 : i;
}

const colourCache = new WeakMap<InstitutionSet, Map<string, Uint8Array>>();

/** RGBA per item; null means the kind's default colour. */
export function pointColors(set: InstitutionSet, by: 'schulart' | 'traeger' | 'kind'): Uint8Array | null {
  if (by === 'kind') return null;
  if (set.kind !== 'school' && by === 'schulart') return null;
  let m = colourCache.get(set);
  if (!m) {
    m = new Map();
    colourCache.set(set, m);
  }
  let c = m.get(by);
  if (!c) {
    c = new Uint8Array(set.items.length * 4);
    set.items.forEach((it, i) => {
      const rgba =
        by === 'schulart'
          ? SCHULART_GROUPS[schulartGroup(it.type)].color
          : TRAEGER_COLORS[traegerCategory(it)];
      c?.set(rgba, i * 4);
    });
    m.set(by, c);
  }
  return c;
}

const sizeCache = new WeakMap<InstitutionSet, Float32Array>();

/** Radius in pixels by pupils 2024/25 (area ∝ pupils, 3 … 14 px); schools without figures get 3 px. */
export function pupilRadii(set: InstitutionSet): Float32Array | null {
  if (set.kind !== 'school') return null;
  let r = sizeCache.get(set);
  if (!r) {
    const v = set.items.map((it) => parseRuntimeNumber(it.fields.pupils_2024_25));
    const max = Math.max(1, ...v.filter(Number.isFinite));
    r = Float32Array.from(v, (x) => (Number.isFinite(x) ? 3 + 11 * Math.sqrt(x / max) : 3));
    sizeCache.set(set, r);
  }
  return r;
}

export const DEFAULT_KIND_COLORS = INSTITUTION_COLORS;
