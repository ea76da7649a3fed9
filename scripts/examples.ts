/**
 * Writes example exports to docs/examples/ from the made-up TEST FIXTURES (never from Berlin data):
 * both CSV profiles for both tables, XLSX, GeoJSON, the ZIP and the companion note.
 * Deterministic (fixed export date). Run: `npx tsx scripts/examples.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExportRequest, type ExportSource, runExport } from '../src/export/run';
import {
  areaGeometries,
  areas,
  FIXTURE_EXPORT_DATE,
  fixtureFilters,
  fixtureSources,
  institutionPoint,
  institutions,
} from '../tests/unit/fixtures/export/tables';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'examples');
mkdirSync(out, { recursive: true });

const inst: ExportSource = { table: institutions, geometry: institutionPoint };
const area: ExportSource = { table: areas, geometry: (r) => areaGeometries[String(r.id)] ?? null };
const base: Omit<ExportRequest, 'format' | 'profile' | 'tables' | 'baseName'> = {
  exportedAt: FIXTURE_EXPORT_DATE,
  filters: fixtureFilters,
  sources: fixtureSources,
  appUrl: 'http://localhost:5173/#level=plr&bez=01,02,03',
};

const written: string[] = [];
function write(name: string, data: Uint8Array): void {
  writeFileSync(join(out, name), data);
  written.push(`${name} (${data.length} B)`);
}

for (const source of [inst, area]) {
  for (const profile of ['excel-de', 'standard'] as const) {
    const r = await runExport({
      ...base,
      format: 'csv',
      profile,
      tables: [source],
      baseName: `beispiel-${source.table.name}-${profile}`,
    });
    write(r.file.name, r.file.data);
  }
}
const xlsx = await runExport({
  ...base,
  format: 'xlsx',
  profile: 'excel-de',
  tables: [inst, area],
  baseName: 'beispiel',
});
write(xlsx.file.name, xlsx.file.data);
const gj = await runExport({
  ...base,
  format: 'geojson',
  profile: 'standard',
  tables: [area, inst],
  baseName: 'beispiel',
});
write(gj.file.name, gj.file.data);
const zip = await runExport({
  ...base,
  format: 'zip',
  profile: 'excel-de',
  tables: [inst, area],
  baseName: 'beispiel',
});
write(zip.file.name, zip.file.data);
write('HINWEISE.txt', zip.note.data);
console.log(`docs/examples:\n  ${written.join('\n  ')}`);
