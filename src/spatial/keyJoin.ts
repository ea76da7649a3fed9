/**
 * Key joins: a table to areas by area ID, or to institutions by BSN (Berliner Schulnummer).
 * Keys are compared as strings after a declared normalisation; leading zeros lost by a spreadsheet or a number
 * parser are repaired and every repair is reported. Keys without a partner are listed for BOTH sides.
 */
import { type LorLevel, repairLorId } from '../domain/lor';
import type { JoinReport } from '../domain/types';

export interface KeyRepair {
  index: number;
  from: string;
  to: string;
}

export interface KeyJoinResult {
  /** For each left row: index of the matching right row, or -1. */
  rightOf: Int32Array;
  /** For each right row: index of the (first) matching left row, or -1. */
  leftOf: Int32Array;
  matched: number;
  /** Left rows that found no partner (normalised key, original raw key, row index). */
  unmatchedLeft: { index: number; key: string; raw: string }[];
  /** Right rows that no left row points to. */
  unmatchedRight: { index: number; key: string; raw: string }[];
  /** Left/right keys that could not be normalised at all (e.g. not an ID of that level). */
  invalidLeft: { index: number; raw: string }[];
  invalidRight: { index: number; raw: string }[];
  repairedLeft: KeyRepair[];
  repairedRight: KeyRepair[];
  /** Right keys occurring more than once (the first occurrence is used). */
  duplicateRight: { key: string; indices: number[] }[];
}

export type Normalise = (raw: string) => { key: string; repaired: boolean } | null;

/** Trim only; exact match otherwise. */
export const exactKey: Normalise = (raw) => {
  const key = raw.trim();
  return key === '' ? null : { key, repaired: false };
};

/** Normaliser for LOR IDs of one level (restores one lost leading zero, see `repairLorId`). */
export function lorKey(level: LorLevel): Normalise {
  return (raw) => {
    const r = repairLorId(level, raw);
    return r ? { key: r.id, repaired: r.repaired } : null;
  };
}

/**
 * BSN normaliser: trims, upper-cases the type letter(s) and restores a lost leading zero of the 2-digit Bezirk
 * part (`1B01` → `01B01`). Returns null when the value does not look like a BSN.
 */
export const bsnKey: Normalise = (raw) => {
  const v = raw.trim().toUpperCase();
  if (/^\d{2}[A-Z]{1,2}\d{2,3}$/.test(v)) return { key: v, repaired: false };
  if (/^\d[A-Z]{1,2}\d{2,3}$/.test(v)) return { key: `0${v}`, repaired: true };
  return null;
};

export function joinByKey(
  leftKeys: readonly (string | null | undefined)[],
  rightKeys: readonly (string | null | undefined)[],
  normalise: Normalise = exactKey,
  normaliseRight: Normalise = normalise,
): KeyJoinResult {
  const res: KeyJoinResult = {
    rightOf: new Int32Array(leftKeys.length).fill(-1),
    leftOf: new Int32Array(rightKeys.length).fill(-1),
    matched: 0,
    unmatchedLeft: [],
    unmatchedRight: [],
    invalidLeft: [],
    invalidRight: [],
    repairedLeft: [],
    repairedRight: [],
    duplicateRight: [],
  };
  const pos = new Map<string, number>();
  const dup = new Map<string, number[]>();
  const rightNorm: (string | null)[] = rightKeys.map((raw, i) => {
    const n = normaliseRight(raw ?? '');
    if (!n) {
      res.invalidRight.push({ index: i, raw: raw ?? '' });
      return null;
    }
    if (n.repaired) res.repairedRight.push({ index: i, from: raw ?? '', to: n.key });
    const first = pos.get(n.key);
    if (first === undefined) pos.set(n.key, i);
    else {
      const d = dup.get(n.key) ?? [first];
      d.push(i);
      dup.set(n.key, d);
    }
    return n.key;
  });
  for (const [key, indices] of dup) res.duplicateRight.push({ key, indices });
  leftKeys.forEach((raw, i) => {
    const n = normalise(raw ?? '');
    if (!n) {
      res.invalidLeft.push({ index: i, raw: raw ?? '' });
      return;
    }
    if (n.repaired) res.repairedLeft.push({ index: i, from: raw ?? '', to: n.key });
    const r = pos.get(n.key);
    if (r === undefined) {
      res.unmatchedLeft.push({ index: i, key: n.key, raw: raw ?? '' });
      return;
    }
    res.rightOf[i] = r;
    if (res.leftOf[r] === -1) res.leftOf[r] = i;
    res.matched++;
  });
  rightNorm.forEach((key, i) => {
    if (key !== null && res.leftOf[i] === -1 && pos.get(key) === i)
      res.unmatchedRight.push({ index: i, key, raw: rightKeys[i] ?? '' });
  });
  return res;
}

/** Join table rows to areas of one LOR level by area ID (lost leading zeros repaired on the table side). */
export function joinToAreas(
  tableKeys: readonly (string | null | undefined)[],
  areaIds: readonly string[],
  level: LorLevel,
): KeyJoinResult {
  return joinByKey(tableKeys, areaIds, lorKey(level), exactKey);
}

/** Join rows to institutions by BSN (both sides normalised with `bsnKey`). */
export function joinToSchools(
  tableBsn: readonly (string | null | undefined)[],
  schoolBsn: readonly (string | null | undefined)[],
): KeyJoinResult {
  return joinByKey(tableBsn, schoolBsn, bsnKey, bsnKey);
}

/** Turn a key-join result into the join-report entries shown in the app and written to the manifest. */
export function keyJoinReports(
  res: KeyJoinResult,
  opts: {
    id: string;
    leftLabel: string;
    rightLabel: string;
    leftName?: (i: number) => string | undefined;
    rightName?: (i: number) => string | undefined;
  },
): JoinReport[] {
  const out: JoinReport[] = [];
  const push = (suffix: string, title: string, items: JoinReport['items']): void => {
    out.push({ id: `${opts.id}-${suffix}`, title, count: items.length, items });
  };
  push(
    'unmatched-left',
    `${opts.leftLabel}: Schlüssel ohne Partner in ${opts.rightLabel}`,
    res.unmatchedLeft.map((u) => ({
      key: u.key,
      name: opts.leftName?.(u.index),
      detail: `Zeile ${u.index + 1}`,
    })),
  );
  push(
    'unmatched-right',
    `${opts.rightLabel}: Schlüssel ohne Partner in ${opts.leftLabel}`,
    res.unmatchedRight.map((u) => ({
      key: u.key,
      name: opts.rightName?.(u.index),
      detail: `Zeile ${u.index + 1}`,
    })),
  );
  const repaired = [
    ...res.repairedLeft.map((r) => ({ ...r, side: opts.leftLabel })),
    ...res.repairedRight.map((r) => ({ ...r, side: opts.rightLabel })),
  ];
  push(
    'repaired',
    'Führende Nullen ergänzt',
    repaired.map((r) => ({ key: r.to, detail: `${r.side}, Zeile ${r.index + 1}: „${r.from}“ → „${r.to}“` })),
  );
  const invalid = [
    ...res.invalidLeft.map((r) => ({ ...r, side: opts.leftLabel })),
    ...res.invalidRight.map((r) => ({ ...r, side: opts.rightLabel })),
  ];
  push(
    'invalid',
    'Ungültige Schlüssel',
    invalid.map((r) => ({ key: r.raw, detail: `${r.side}, Zeile ${r.index + 1}` })),
  );
  if (res.duplicateRight.length)
    push(
      'duplicate',
      `${opts.rightLabel}: doppelte Schlüssel (erster Eintrag verwendet)`,
      res.duplicateRight.map((d) => ({
        key: d.key,
        detail: `Zeilen ${d.indices.map((i) => i + 1).join(', ')}`,
      })),
    );
  return out;
}
