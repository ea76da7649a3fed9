/**
 * Indicator catalogue — every indicator is declared here ONCE.
 * Values of `format.percent` indicators are fractions (0…1); views multiply by 100 when formatting. Legend, table columns, area profile, tooltips
 * and exports read these declarations; the engine (compute.ts) evaluates them from named base quantities.
 *
 * Base quantities (`numerator` / `denominator` / `of`) are sums per Planungsraum, rolled up by summation:
 *   count:<kind>                 number of institutions of a kind (schools|youth|kitas|housing) after filters
 *   count:<kind>:<col>=<value>   …of which column <col> equals <value>
 *   sum:<kind>:<col>             sum of a numeric institution column (empty cells skipped)
 *   pairnum:<kind>:<num>/<den>, pairden:<kind>:<num>/<den>, paircount:<kind>:<num>/<den>
 *                                numerator / denominator summed only over institutions where both are known,
 *                                and the number of those institutions (used for small-number suppression)
 *   pop:<col>                    population table column (31.12.2024), e.g. pop:total, pop:age_below_6
 *   pop:age_6_27                 age_6_15 + age_15_18 + age_18_27
 *   area:m2, area:em_m2, area:es_m2, area:eg_m2   Planungsraum area and the part inside Erhaltungsgebiete
 *   popdist:youth, popdist:primary   Σ (residents × distance of the PLR) — for population-weighted means
 */
import type { RollupLevel } from '../spatial/rollup';

export type Polarity = 'higherIsBetter' | 'higherIsWorse' | 'neutral';
export type IndicatorKind = 'count' | 'sum' | 'ratio' | 'change' | 'category' | 'distributionShare';
export type IndicatorGroup =
  | 'institutions'
  | 'schools'
  | 'care'
  | 'population'
  | 'social'
  | 'access'
  | 'urban';

export interface Bilingual {
  de: string;
  en: string;
}

export interface IndicatorDef {
  id: string;
  group: IndicatorGroup;
  label: Bilingual;
  unit: Bilingual;
  kind: IndicatorKind;
  /** count/sum: the base quantity; ratio: numerator. */
  numerator?: string;
  /** ratio: denominator base quantity. */
  denominator?: string;
  /** ratio: factor applied to numerator/denominator (100 = per 100, 1000 = per 1,000; percent uses 1). */
  scale?: number;
  /** change: later minus earlier indicator id. */
  change?: { from: string; to: string };
  /** category / distributionShare: which categorical attribute and (for shares) which class codes. */
  category?: { attribute: 'mss_status' | 'mss_dynamics'; classes?: number[] };
  /** Base quantity whose small values (1 … threshold−1) flag this indicator for suppression. */
  suppressBy?: string;
  /** Dataset ids (as in data/sources.json / the manifest). */
  sources: string[];
  levels: RollupLevel[];
  polarity: Polarity;
  format: { decimals: number; percent?: boolean };
  /** How the figure is made — shown wherever the figure is shown. */
  method: Bilingual;
  /**
   * Einschulbereich (ESB) indicator: its values exist only on the ESB layer (`levels` stays empty).
   * `estimate`: a column of tables/esb_population.csv (residents estimated from Planungsräume by area share);
   * `schools`: number of schools of a Schultyp whose location lies in the ESB (point-in-polygon; filters apply).
   */
  esb?: { estimate: string } | { schools: string };
}

const ALL: RollupLevel[] = ['plr', 'bzr', 'pgr', 'bez', 'berlin'];
const ABOVE_PLR: RollupLevel[] = ['bzr', 'pgr', 'bez', 'berlin'];

const SCHOOLS = ['schools'];
const STATS = ['schools', 'schulstatistik_2023_24', 'schulstatistik_2024_25'];
const POP = ['population'];
const MSS = ['mss2021'];

const countOf = (
  id: string,
  base: string,
  label: Bilingual,
  sources: string[],
  group: IndicatorGroup,
  extra: Partial<IndicatorDef> = {},
): IndicatorDef => ({
  id,
  group,
  label,
  unit: { de: 'Anzahl', en: 'count' },
  kind: 'count',
  numerator: base,
  suppressBy: undefined,
  sources,
  levels: ALL,
  polarity: 'neutral',
  format: { decimals: 0 },
  method: {
    de: 'Anzahl der Standorte im Gebiet (Punkt-in-Fläche-Zuordnung zum Planungsraum, höhere Ebenen summiert); Filter wirken.',
    en: 'Number of sites in the area (point-in-polygon assignment to the Planungsraum, higher levels summed); filters apply.',
  },
  ...extra,
});

const ppt = (year: '2023_24' | '2024_25'): IndicatorDef => ({
  id: `pupils_per_teacher_${year}`,
  group: 'schools',
  label: {
    de: `Schüler:innen je Lehrkraft ${year.replace('_', '/')}`,
    en: `Pupils per teacher ${year.replace('_', '/')}`,
  },
  unit: { de: 'Schüler:innen je Lehrkraft', en: 'pupils per teacher' },
  kind: 'ratio',
  numerator: `pairnum:schools:pupils_${year}/teachers_${year}`,
  denominator: `pairden:schools:pupils_${year}/teachers_${year}`,
  scale: 1,
  suppressBy: `paircount:schools:pupils_${year}/teachers_${year}`,
  sources: STATS,
  levels: ALL,
  polarity: 'higherIsWorse',
  format: { decimals: 1 },
  method: {
    de: 'Summe der Schüler:innen ÷ Summe der Lehrkräfte, nur über Schulen mit beiden Angaben; auf jeder Ebene aus den Summen neu berechnet (nie gemittelt).',
    en: 'Sum of pupils ÷ sum of teachers over schools reporting both; recomputed from sums on every level (never averaged).',
  },
});

const pupilsOrTeachers = (what: 'pupils' | 'teachers', year: '2023_24' | '2024_25'): IndicatorDef => ({
  id: `${what}_${year}`,
  group: 'schools',
  label: {
    de: `${what === 'pupils' ? 'Schüler:innen' : 'Lehrkräfte'} ${year.replace('_', '/')}`,
    en: `${what === 'pupils' ? 'Pupils' : 'Teachers'} ${year.replace('_', '/')}`,
  },
  unit: { de: 'Personen', en: 'persons' },
  kind: 'sum',
  numerator: `sum:schools:${what}_${year}`,
  suppressBy: `sum:schools:${what}_${year}`,
  sources: STATS,
  levels: ALL,
  polarity: 'neutral',
  format: { decimals: 0 },
  method: {
    de: 'Summe über die Schulen im Gebiet laut Schulstatistik (Verknüpfung über die BSN; Schulen ohne Statistikzeile zählen nicht).',
    en: 'Sum over the schools in the area from the school statistics (joined by BSN; schools without a statistics row do not count).',
  },
});

const change = (id: string, from: string, to: string, label: Bilingual, unit: Bilingual, decimals: number) =>
  ({
    id,
    group: 'schools',
    label,
    unit,
    kind: 'change',
    change: { from, to },
    sources: STATS,
    levels: ALL,
    polarity: 'neutral',
    format: { decimals },
    method: {
      de: 'Differenz 2024/25 minus 2023/24 der jeweils auf dieser Ebene berechneten Werte.',
      en: 'Difference 2024/25 minus 2023/24 of the values computed on this level.',
    },
  }) satisfies IndicatorDef;

const AGE_GROUPS: [string, Bilingual][] = [
  ['age_below_6', { de: 'unter 6 Jahre', en: 'under 6' }],
  ['age_6_15', { de: '6 bis unter 15 Jahre', en: '6 to under 15' }],
  ['age_15_18', { de: '15 bis unter 18 Jahre', en: '15 to under 18' }],
  ['age_18_27', { de: '18 bis unter 27 Jahre', en: '18 to under 27' }],
  ['age_27_45', { de: '27 bis unter 45 Jahre', en: '27 to under 45' }],
  ['age_45_55', { de: '45 bis unter 55 Jahre', en: '45 to under 55' }],
  ['age_55_65', { de: '55 bis unter 65 Jahre', en: '55 to under 65' }],
  ['age_above_65', { de: '65 Jahre und älter', en: '65 and older' }],
];

const popCount = (col: string, label: Bilingual): IndicatorDef => ({
  id: `pop_${col}`,
  group: 'population',
  label: { de: `Einwohner:innen ${label.de}`, en: `Residents ${label.en}` },
  unit: { de: 'Personen', en: 'persons' },
  kind: 'sum',
  numerator: `pop:${col}`,
  suppressBy: `pop:${col}`,
  sources: POP,
  levels: ALL,
  polarity: 'neutral',
  format: { decimals: 0 },
  method: {
    de: 'Melderechtlich registrierte Einwohner:innen am 31.12.2024 (AfS), Planungsräume summiert.',
    en: 'Registered residents on 31 Dec 2024 (AfS), Planungsräume summed.',
  },
});

const popShare = (col: string, label: Bilingual): IndicatorDef => ({
  id: `pop_share_${col}`,
  group: 'population',
  label: { de: `Anteil ${label.de}`, en: `Share ${label.en}` },
  unit: { de: '%', en: '%' },
  kind: 'ratio',
  numerator: `pop:${col}`,
  denominator: 'pop:total',
  scale: 1,
  suppressBy: `pop:${col}`,
  sources: POP,
  levels: ALL,
  polarity: 'neutral',
  format: { decimals: 1, percent: true },
  method: {
    de: 'Einwohner:innen der Altersgruppe ÷ Einwohner:innen insgesamt (Summen je Ebene).',
    en: 'Residents of the age group ÷ all residents (sums per level).',
  },
});

const MSS_STATUS_LABELS: Record<number, Bilingual> = {
  1: { de: 'hoch', en: 'high' },
  2: { de: 'mittel', en: 'medium' },
  3: { de: 'niedrig', en: 'low' },
  4: { de: 'sehr niedrig', en: 'very low' },
};
const MSS_DYNAMICS_LABELS: Record<number, Bilingual> = {
  1: { de: 'positiv', en: 'positive' },
  3: { de: 'stabil', en: 'stable' },
  5: { de: 'negativ', en: 'negative' },
};
export const MSS_CLASS_LABELS = { mss_status: MSS_STATUS_LABELS, mss_dynamics: MSS_DYNAMICS_LABELS } as const;
export const MSS_STATUS_CLASSES = [1, 2, 3, 4] as const;
export const MSS_DYNAMICS_CLASSES = [1, 3, 5] as const;

const mssShare = (
  attribute: 'mss_status' | 'mss_dynamics',
  code: number,
  polarity: Polarity,
): IndicatorDef => {
  const l = MSS_CLASS_LABELS[attribute][code];
  const what =
    attribute === 'mss_status' ? { de: 'Status', en: 'status' } : { de: 'Dynamik', en: 'dynamics' };
  return {
    id: `${attribute}_share_${code}`,
    group: 'social',
    label: {
      de: `Anteil Einwohner:innen mit ${what.de} „${l.de}“ (MSS 2021)`,
      en: `Share of residents with ${what.en} "${l.en}" (MSS 2021)`,
    },
    unit: { de: '%', en: '%' },
    kind: 'distributionShare',
    category: { attribute, classes: [code] },
    sources: MSS,
    levels: ABOVE_PLR,
    polarity,
    format: { decimals: 1, percent: true },
    method: {
      de: 'Einwohner:innen (EW laut MSS) in Planungsräumen dieser Klasse ÷ Einwohner:innen aller gültig bewerteten Planungsräume; Planungsräume ohne Zuordnung (−9999) zählen nicht.',
      en: 'Residents (EW per MSS) in Planungsräume of this class ÷ residents of all validly rated Planungsräume; unrated ones (−9999) excluded.',
    },
  };
};

const distanceDef = (
  id: string,
  target: 'youth' | 'primary',
  label: Bilingual,
  sources: string[],
): IndicatorDef => ({
  id,
  group: 'access',
  label,
  unit: { de: 'm', en: 'm' },
  kind: 'ratio',
  numerator: `popdist:${target}`,
  denominator: 'pop:total',
  scale: 1,
  sources: [...sources, 'lor_plr', 'population'],
  levels: ALL,
  polarity: 'higherIsWorse',
  format: { decimals: 0 },
  method: {
    de: 'Luftlinie in Metern (ETRS89/UTM 33N, EPSG:25833) vom geometrischen Schwerpunkt des Planungsraums (flächengewichtet; liegt er außerhalb, ein innerer Punkt) zum nächsten Standort, unabhängig von Filtern. Oberhalb der Planungsräume: nach Einwohner:innen gewichtetes Mittel (Σ EW·Distanz ÷ Σ EW).',
    en: 'Straight-line distance in metres (ETRS89/UTM 33N, EPSG:25833) from the Planungsraum’s area-weighted centroid (an interior point if the centroid lies outside) to the nearest site, independent of filters. Above Planungsraum level: population-weighted mean (Σ residents·distance ÷ Σ residents).',
  },
});

const egShare = (id: string, base: string, label: Bilingual, sources: string[]): IndicatorDef => ({
  id,
  group: 'urban',
  label,
  unit: { de: '%', en: '%' },
  kind: 'ratio',
  numerator: base,
  denominator: 'area:m2',
  scale: 1,
  sources: [...sources, 'lor_plr'],
  levels: ALL,
  polarity: 'neutral',
  format: { decimals: 1, percent: true },
  method: {
    de: 'Fläche der Verschneidung (Turf intersect, Flächen nach Turf area) des Gebiets mit den Erhaltungsgebieten ÷ Fläche des Gebiets; auf höheren Ebenen aus Flächensummen.',
    en: 'Area of the intersection (Turf intersect, areas by Turf area) of the area with the conservation areas ÷ area; higher levels from summed areas.',
  },
});

/** Indicators of the LOR levels (Planungsraum sums rolled up). */
export const LOR_INDICATORS: readonly IndicatorDef[] = [
  // --- institutions per type and area ---
  countOf('schools_count', 'count:schools', { de: 'Schulen', en: 'Schools' }, SCHOOLS, 'institutions'),
  countOf(
    'schools_primary_count',
    'count:schools:schultyp=Grundschule',
    { de: 'Grundschulen', en: 'Primary schools' },
    SCHOOLS,
    'institutions',
  ),
  countOf(
    'schools_gymnasium_count',
    'count:schools:schultyp=Gymnasium',
    { de: 'Gymnasien', en: 'Gymnasien (academic secondary schools)' },
    SCHOOLS,
    'institutions',
  ),
  countOf(
    'schools_iss_count',
    'count:schools:schultyp=Integrierte Sekundarschule',
    { de: 'Integrierte Sekundarschulen', en: 'Integrated secondary schools' },
    SCHOOLS,
    'institutions',
  ),
  countOf(
    'schools_private_count',
    'count:schools:traeger=privat',
    { de: 'Schulen in freier Trägerschaft', en: 'Private schools' },
    SCHOOLS,
    'institutions',
  ),
  countOf(
    'youth_count',
    'count:youth',
    { de: 'Jugendfreizeiteinrichtungen', en: 'Youth facilities' },
    ['youth'],
    'institutions',
  ),
  countOf(
    'kitas_count',
    'count:kitas',
    { de: 'Kitas', en: 'Day-care centres (Kitas)' },
    ['kitas'],
    'institutions',
  ),
  countOf(
    'housing_sites_count',
    'count:housing',
    { de: 'Wohnungsbaupotenziale (StEP Wohnen 2040)', en: 'Housing-construction sites (StEP Wohnen 2040)' },
    ['housing'],
    'urban',
    {
      method: {
        de: 'Anzahl der Wohnungsbaupotenziale ≥ 200 WE des StEP Wohnen 2040 (Punktlage) im Gebiet; Filter (z. B. Realisierungshorizont) wirken.',
        en: 'Number of StEP Wohnen 2040 housing potentials ≥ 200 dwellings (point location) in the area; filters (e.g. completion horizon) apply.',
      },
    },
  ),
  countOf(
    'housing_sites_under_construction',
    'count:housing:leg_fertig=Im Bau',
    { de: 'Wohnungsbaupotenziale im Bau', en: 'Housing sites under construction' },
    ['housing'],
    'urban',
  ),
  // --- schools: pupils, teachers, pupils per teacher ---
  pupilsOrTeachers('pupils', '2023_24'),
  pupilsOrTeachers('pupils', '2024_25'),
  pupilsOrTeachers('teachers', '2023_24'),
  pupilsOrTeachers('teachers', '2024_25'),
  change(
    'pupils_change',
    'pupils_2023_24',
    'pupils_2024_25',
    { de: 'Veränderung Schüler:innen 2023/24 → 2024/25', en: 'Change in pupils 2023/24 → 2024/25' },
    { de: 'Personen', en: 'persons' },
    0,
  ),
  change(
    'teachers_change',
    'teachers_2023_24',
    'teachers_2024_25',
    { de: 'Veränderung Lehrkräfte 2023/24 → 2024/25', en: 'Change in teachers 2023/24 → 2024/25' },
    { de: 'Personen', en: 'persons' },
    0,
  ),
  ppt('2023_24'),
  ppt('2024_25'),
  {
    ...change(
      'pupils_per_teacher_change',
      'pupils_per_teacher_2023_24',
      'pupils_per_teacher_2024_25',
      { de: 'Veränderung Schüler:innen je Lehrkraft', en: 'Change in pupils per teacher' },
      { de: 'Schüler:innen je Lehrkraft', en: 'pupils per teacher' },
      2,
    ),
    polarity: 'higherIsWorse',
  },
  // --- care ---
  {
    id: 'kita_places',
    group: 'care',
    label: { de: 'Kita-Plätze', en: 'Kita places' },
    unit: { de: 'Plätze', en: 'places' },
    kind: 'sum',
    numerator: 'sum:kitas:places',
    sources: ['kitas'],
    levels: ALL,
    polarity: 'higherIsBetter',
    format: { decimals: 0 },
    method: {
      de: 'Summe der genehmigten Plätze der Kitas im Gebiet (Stand 12/2022).',
      en: 'Sum of approved places of the Kitas in the area (as of 12/2022).',
    },
  },
  {
    id: 'kita_places_per_100_u6',
    group: 'care',
    label: { de: 'Kita-Plätze je 100 Kinder unter 6', en: 'Kita places per 100 children under 6' },
    unit: { de: 'Plätze je 100 Kinder', en: 'places per 100 children' },
    kind: 'ratio',
    numerator: 'sum:kitas:places',
    denominator: 'pop:age_below_6',
    scale: 100,
    suppressBy: 'pop:age_below_6',
    sources: ['kitas', 'population'],
    levels: ALL,
    polarity: 'higherIsBetter',
    format: { decimals: 1 },
    method: {
      de: 'Genehmigte Kita-Plätze (12/2022) ÷ Kinder unter 6 Jahren (31.12.2024) × 100; Standortprinzip (Kinder besuchen auch Kitas anderer Gebiete).',
      en: 'Approved Kita places (12/2022) ÷ children under 6 (31 Dec 2024) × 100; by location (children also attend Kitas in other areas).',
    },
  },
  {
    id: 'youth_places',
    group: 'care',
    label: { de: 'Plätze in Jugendfreizeiteinrichtungen', en: 'Youth-facility places' },
    unit: { de: 'Plätze', en: 'places' },
    kind: 'sum',
    numerator: 'sum:youth:places',
    sources: ['youth'],
    levels: ALL,
    polarity: 'higherIsBetter',
    format: { decimals: 0 },
    method: {
      de: 'Summe der Plätze der Einrichtungen im Gebiet (Stand 12/2022).',
      en: 'Sum of places of the facilities in the area (as of 12/2022).',
    },
  },
  {
    id: 'youth_places_per_1000_6_27',
    group: 'care',
    label: {
      de: 'JFE-Plätze je 1.000 Einwohner:innen 6–27 Jahre',
      en: 'Youth-facility places per 1,000 residents aged 6–27',
    },
    unit: { de: 'Plätze je 1.000', en: 'places per 1,000' },
    kind: 'ratio',
    numerator: 'sum:youth:places',
    denominator: 'pop:age_6_27',
    scale: 1000,
    suppressBy: 'pop:age_6_27',
    sources: ['youth', 'population'],
    levels: ALL,
    polarity: 'higherIsBetter',
    format: { decimals: 1 },
    method: {
      de: 'Plätze in Jugendfreizeiteinrichtungen ÷ Einwohner:innen von 6 bis unter 27 Jahren (6–15 + 15–18 + 18–27) × 1.000.',
      en: 'Youth-facility places ÷ residents aged 6 to under 27 (6–15 + 15–18 + 18–27) × 1,000.',
    },
  },
  // --- population ---
  popCount('total', { de: 'insgesamt', en: 'total' }),
  ...AGE_GROUPS.map(([col, l]) => popCount(col, l)),
  ...AGE_GROUPS.map(([col, l]) => popShare(col, l)),
  // --- MSS 2021 ---
  {
    id: 'mss_status',
    group: 'social',
    label: { de: 'Status-Index (MSS 2021)', en: 'Status index (MSS 2021)' },
    unit: { de: 'Klasse', en: 'class' },
    kind: 'category',
    category: { attribute: 'mss_status', classes: [...MSS_STATUS_CLASSES] },
    sources: MSS,
    levels: ['plr'],
    polarity: 'higherIsWorse',
    format: { decimals: 0 },
    method: {
      de: 'Klasse des Planungsraums im Monitoring Soziale Stadtentwicklung 2021 (1 hoch … 4 sehr niedrig). Auf höheren Ebenen als Verteilung der Einwohner:innen auf die Klassen.',
      en: 'Class of the Planungsraum in the Monitoring Soziale Stadtentwicklung 2021 (1 high … 4 very low). On higher levels shown as the distribution of residents over the classes.',
    },
  },
  {
    id: 'mss_dynamics',
    group: 'social',
    label: { de: 'Dynamik-Index (MSS 2021)', en: 'Dynamics index (MSS 2021)' },
    unit: { de: 'Klasse', en: 'class' },
    kind: 'category',
    category: { attribute: 'mss_dynamics', classes: [...MSS_DYNAMICS_CLASSES] },
    sources: MSS,
    levels: ['plr'],
    polarity: 'higherIsWorse',
    format: { decimals: 0 },
    method: {
      de: 'Dynamik-Klasse des Planungsraums (1 positiv, 3 stabil, 5 negativ). Auf höheren Ebenen als Verteilung der Einwohner:innen.',
      en: 'Dynamics class of the Planungsraum (1 positive, 3 stable, 5 negative). On higher levels as the distribution of residents.',
    },
  },
  ...MSS_STATUS_CLASSES.map((c) => mssShare('mss_status', c, c >= 3 ? 'higherIsWorse' : 'higherIsBetter')),
  {
    ...mssShare('mss_status', 3, 'higherIsWorse'),
    id: 'mss_status_share_low',
    category: { attribute: 'mss_status', classes: [3, 4] },
    label: {
      de: 'Anteil Einwohner:innen mit Status „niedrig“ oder „sehr niedrig“ (MSS 2021)',
      en: 'Share of residents with status "low" or "very low" (MSS 2021)',
    },
  },
  ...MSS_DYNAMICS_CLASSES.map((c) =>
    mssShare('mss_dynamics', c, c === 5 ? 'higherIsWorse' : c === 1 ? 'higherIsBetter' : 'neutral'),
  ),
  // --- access ---
  distanceDef(
    'dist_youth_m',
    'youth',
    { de: 'Entfernung zur nächsten Jugendfreizeiteinrichtung', en: 'Distance to the nearest youth facility' },
    ['youth'],
  ),
  distanceDef(
    'dist_primary_m',
    'primary',
    { de: 'Entfernung zur nächsten Grundschule', en: 'Distance to the nearest primary school' },
    ['schools'],
  ),
  // --- urban development ---
  egShare(
    'eg_share',
    'area:eg_m2',
    { de: 'Flächenanteil in Erhaltungsgebieten (gesamt)', en: 'Share of area in conservation areas (any)' },
    ['em', 'es'],
  ),
  egShare(
    'em_share',
    'area:em_m2',
    {
      de: 'Flächenanteil in Milieuschutzgebieten',
      en: 'Share of area in social conservation areas (Milieuschutz)',
    },
    ['em'],
  ),
  egShare(
    'es_share',
    'area:es_m2',
    {
      de: 'Flächenanteil in städtebaulichen Erhaltungsgebieten',
      en: 'Share of area in urban-character conservation areas',
    },
    ['es'],
  ),
];

const ESB_AREA_SHARE: Bilingual = {
  de: 'Geschätzt aus Planungsräumen nach Flächenanteil (areale Interpolation): jeder Planungsraum gibt seine Einwohner:innen im Verhältnis der mit dem Einschulbereich geteilten Fläche ab (Annahme gleichmäßiger Verteilung im Planungsraum; Einwohnerregister 31.12.2024).',
  en: 'Estimated from Planungsräume by area share (areal interpolation): each Planungsraum contributes its residents in proportion to the area it shares with the catchment (assumes an even spread within the Planungsraum; population register 31 Dec 2024).',
};

const esbEstimate = (id: string, column: string, label: Bilingual): IndicatorDef => ({
  id,
  group: 'population',
  label,
  unit: { de: 'Personen (geschätzt)', en: 'persons (estimate)' },
  kind: 'sum',
  sources: ['esb', 'lor_plr', 'population'],
  levels: [],
  polarity: 'neutral',
  format: { decimals: 0 },
  method: ESB_AREA_SHARE,
  esb: { estimate: column },
});

/** Einschulbereich population by areal interpolation — lives on the ESB layer (tables/esb_population.csv). */
export const ESB_POPULATION: IndicatorDef = esbEstimate('esb_pop_estimate', 'total', {
  de: 'Einwohner:innen im Einschulbereich (geschätzt)',
  en: 'Residents of the school catchment (estimate)',
});

/** Indicators of the Einschulbereich layer (values only there). */
export const ESB_INDICATORS: readonly IndicatorDef[] = [
  ESB_POPULATION,
  esbEstimate('esb_pop_6_15', 'age_6_15', {
    de: 'Kinder 6 bis unter 15 Jahre im Einschulbereich (geschätzt)',
    en: 'Children aged 6 to under 15 in the school catchment (estimate)',
  }),
  esbEstimate('esb_pop_below_6', 'age_below_6', {
    de: 'Kinder unter 6 Jahre im Einschulbereich (geschätzt)',
    en: 'Children under 6 in the school catchment (estimate)',
  }),
  {
    id: 'esb_primary_schools',
    group: 'schools',
    label: { de: 'Grundschulen im Einschulbereich', en: 'Primary schools in the school catchment' },
    unit: { de: 'Anzahl', en: 'count' },
    kind: 'count',
    sources: ['schools', 'esb'],
    levels: [],
    polarity: 'neutral',
    format: { decimals: 0 },
    method: {
      de: 'Anzahl der Grundschul-Standorte, deren Koordinate im Einschulbereich liegt (Punkt-in-Fläche); Filter wirken.',
      en: 'Number of primary-school sites whose location lies in the catchment (point-in-polygon); filters apply.',
    },
    esb: { schools: 'Grundschule' },
  },
];

/** Every indicator: LOR levels first, then the Einschulbereich layer's. */
export const INDICATORS: readonly IndicatorDef[] = [...LOR_INDICATORS, ...ESB_INDICATORS];

export const INDICATOR_BY_ID: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.id, d]));

export function getIndicator(id: string): IndicatorDef {
  const d = INDICATOR_BY_ID.get(id);
  if (!d) throw new Error(`unknown indicator "${id}"`);
  return d;
}
