import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { feature } from 'topojson-client';
import { estimateEsbPopulation } from '../../../src/spatial/esbPopulation';
const topo = (p: string) => { const t = JSON.parse(readFileSync(p, 'utf8')); return (feature(t, t.objects.areas) as any).features; };
const plr = topo('public/data/areas/plr.topo.json');
const esb = topo('public/data/areas/esb.topo.json');
const pop = Papa.parse<Record<string,string>>(readFileSync('public/data/tables/population.csv','utf8'),{header:true,skipEmptyLines:true}).data;
const full = Papa.parse<Record<string,string>>(readFileSync('public/data/tables/esb_population.csv','utf8'),{header:true,skipEmptyLines:true}).data;
const nv = (fs: any[]) => fs.reduce((s, f) => s + JSON.stringify(f.geometry).split('],[').length, 0);
console.log('web vertices plr', nv(plr), 'esb', nv(esb));
const t0 = performance.now();
const { rows } = estimateEsbPopulation({ plr, esb, population: pop, columns: ['total', 'age_6_15'] });
console.log('web overlay ms', (performance.now() - t0).toFixed(0));
const byId = new Map(full.map((r) => [r.esb_id, r]));
let maxRel = 0, maxAbs = 0, sum = 0;
for (const r of rows) { const f = Number(byId.get(r.esb_id)?.total); const d = Math.abs(r.values.total - f); sum += r.values.total; maxAbs = Math.max(maxAbs, d); if (f > 1000) maxRel = Math.max(maxRel, d / f); }
console.log('max abs diff', maxAbs.toFixed(1), 'max rel diff (ESB>1000 residents)', (maxRel*100).toFixed(2), '%', 'sum', sum.toFixed(0));
