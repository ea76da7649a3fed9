/**
 * The companion note of an export ("Hinweise"): sources, licences, vintage, filters, export date,
 * the suppression rule, the CSV dialect, the formula-injection rule and the ID method.
 * German first, then English. Plain UTF-8 text (Markdown-compatible), written next to the data file in the
 * ZIP, as the "Hinweise" sheet of the XLSX, and offered as a separate download with a CSV.
 */
import { type Locale, pick } from '../i18n/catalog';
import { formatInteger } from '../i18n/format';
import { exportMessages } from '../i18n/messages/export';
import type { CsvProfileId } from './csv';
import type { SuppressionReport } from './suppression';
import type { ExportTable } from './table';

export interface NoteSource {
  title: string;
  publisher: string;
  license: string;
  licenseNote?: string;
  vintage: string;
  sourceUrl?: string;
}

export type NoteFileFormat = 'csv' | 'xlsx' | 'geojson';

export interface NoteFile {
  name: string;
  format: NoteFileFormat;
  profile?: CsvProfileId;
  rows?: number;
}

export interface NoteInput {
  exportedAt: Date;
  files: NoteFile[];
  tables: ExportTable[];
  filters: { label: string; value: string }[];
  sources: NoteSource[];
  suppression: SuppressionReport | null;
  /** The shareable link of the view state the export was made from. */
  appUrl?: string;
  locales?: Locale[];
}

function isoMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function dateLine(d: Date, locale: Locale): string {
  const long = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(d);
  return `${long} (Europe/Berlin; ${isoMinute(d)})`;
}

/** The note in one language, as lines. */
export function noteLinesFor(input: NoteInput, locale: Locale): string[] {
  const m = pick(exportMessages, locale);
  const L: string[] = [];
  L.push(m.noteTitle, '='.repeat(m.noteTitle.length), '');
  L.push(`${m.noteExportedAt}: ${dateLine(input.exportedAt, locale)}`);
  if (input.appUrl) L.push(`Link: ${input.appUrl}`);
  L.push('', `## ${m.noteFiles}`);
  for (const f of input.files) {
    L.push(`- ${f.name}${f.rows !== undefined ? ` (${m.noteRows(formatInteger(f.rows, locale))})` : ''}`);
  }
  L.push('', `## ${m.noteFilters}`);
  if (input.filters.length === 0) L.push(`- ${m.noteNoFilters}`);
  for (const f of input.filters) L.push(`- ${f.label}: ${f.value}`);
  L.push('', `## ${m.noteColumns}`);
  for (const t of input.tables) {
    L.push(`${t.title}:`);
    for (const c of t.columns) L.push(`- ${c.label} [${c.key}]${c.unit ? ` (${c.unit})` : ''}`);
  }
  L.push('', `## ${m.noteSources}`);
  for (const s of input.sources) {
    L.push(`- ${m.noteSourceLine(s.title, s.publisher, s.license, s.vintage)}`);
    if (s.licenseNote) L.push(`  ${s.licenseNote}`);
    if (s.sourceUrl) L.push(`  ${s.sourceUrl}`);
  }
  if (input.suppression) {
    const { rule, total } = input.suppression;
    L.push('', `## ${m.noteSuppression}`);
    L.push(m.noteSuppressionRule(formatInteger(rule.threshold, locale), rule.suppressZero === true));
    L.push(m.noteSuppressionCount(formatInteger(total, locale)));
  }
  L.push('', `## ${m.noteFormat}`);
  const formats = new Set(input.files.map((f) => (f.format === 'csv' ? `csv:${f.profile}` : f.format)));
  if (formats.has('csv:excel-de')) L.push(`- ${m.noteCsvExcelDe}`);
  if (formats.has('csv:standard')) L.push(`- ${m.noteCsvStandard}`);
  if (formats.has('xlsx')) L.push(`- ${m.noteXlsx}`);
  if (formats.has('geojson')) L.push(`- ${m.noteGeoJson}`);
  if (formats.has('csv:excel-de') || formats.has('csv:standard')) L.push(`- ${m.noteInjection}`);
  L.push(`- ${m.noteIds}`);
  L.push('', m.noteGenerated);
  return L;
}

/** The full note (all requested languages, German first) as lines. */
export function noteLines(input: NoteInput): string[] {
  const locales = input.locales ?? ['de', 'en'];
  const out: string[] = [];
  locales.forEach((l, i) => {
    if (i > 0) out.push('', '---', '');
    out.push(...noteLinesFor(input, l));
  });
  return out;
}

/** The note as text with CRLF line endings (opens cleanly in Windows Notepad too). */
export function noteText(input: NoteInput): string {
  return `${noteLines(input).join('\r\n')}\r\n`;
}
