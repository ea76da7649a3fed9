/**
 * LOR 2021 ("Lebensweltlich orientierte Räume") hierarchy helpers.
 * IDs are strings with leading zeros, nested by prefix:
 * PLR `01100101` ⊂ BZR `011001` ⊂ PGR `0110` ⊂ BEZ `01`.
 */

export type LorLevel = 'bez' | 'pgr' | 'bzr' | 'plr';

export const LOR_LEVELS: readonly LorLevel[] = ['bez', 'pgr', 'bzr', 'plr'] as const;

/** Length of an ID on each level. */
export const LOR_ID_LENGTH: Record<LorLevel, number> = { bez: 2, pgr: 4, bzr: 6, plr: 8 };

/** Expected number of areas per level in LOR 2021 (Datenstand 01.01.2023). */
export const LOR_EXPECTED_COUNT: Record<LorLevel, number> = { bez: 12, pgr: 58, bzr: 143, plr: 542 };

const ID_RE: Record<LorLevel, RegExp> = {
  bez: /^\d{2}$/,
  pgr: /^\d{4}$/,
  bzr: /^\d{6}$/,
  plr: /^\d{8}$/,
};

export function isLorId(level: LorLevel, id: string): boolean {
  return ID_RE[level].test(id);
}

/** The level an ID belongs to, judged by its length, or null. */
export function lorLevelOf(id: string): LorLevel | null {
  for (const level of LOR_LEVELS) if (ID_RE[level].test(id)) return level;
  return null;
}

/** The ID of the enclosing area on a coarser level (prefix), e.g. parentId('01100101','bez') → '01'. */
export function lorAncestorId(id: string, level: LorLevel): string {
  return id.slice(0, LOR_ID_LENGTH[level]);
}

/** All four IDs of a Planungsraum. */
export function lorChain(plrId: string): Record<LorLevel, string> {
  return {
    bez: plrId.slice(0, 2),
    pgr: plrId.slice(0, 4),
    bzr: plrId.slice(0, 6),
    plr: plrId,
  };
}

/**
 * Restore leading zeros lost by a spreadsheet or number parser (`1100101` → `01100101`).
 * Returns the repaired ID and whether a repair happened, or null when the value cannot be an ID of that level.
 */
export function repairLorId(level: LorLevel, raw: string): { id: string; repaired: boolean } | null {
  const v = raw.trim();
  if (ID_RE[level].test(v)) return { id: v, repaired: false };
  if (/^\d+$/.test(v) && v.length < LOR_ID_LENGTH[level]) {
    const id = v.padStart(LOR_ID_LENGTH[level], '0');
    // Only a single lost zero is plausible for LOR (Bezirk 01–09); more would be a different number.
    if (LOR_ID_LENGTH[level] - v.length === 1 && ID_RE[level].test(id)) return { id, repaired: true };
  }
  return null;
}

export const LOR_LEVEL_LABEL_DE: Record<LorLevel, string> = {
  bez: 'Bezirk',
  pgr: 'Prognoseraum',
  bzr: 'Bezirksregion',
  plr: 'Planungsraum',
};
