/** Loading of the non-LOR area layers (Einschulbereiche, Erhaltungsgebiete) through the data worker. */
import { dataUrl } from '../datasets/registry';
import type { Areas } from '../datasets/types';
import { parseRuntimeNumber } from '../indicators/compute';
import { getDataClient } from '../worker/dataClient';
import type { HousingSite } from './mapStore';

export type OverlayAreaId = 'esb' | 'em' | 'es';

export const AREA_DATA_FILES: Record<OverlayAreaId, string> = {
  esb: 'areas/esb.topo.json',
  em: 'areas/em.topo.json',
  es: 'areas/es.topo.json',
};

export async function loadOverlayAreas(id: OverlayAreaId): Promise<Areas> {
  const file = AREA_DATA_FILES[id];
  const { value } = await getDataClient().loadAreas(dataUrl(file), file);
  return value;
}

const HOUSING_FILE = 'institutions/housing.csv';

/** StEP Wohnen 2040 housing sites (rows without valid coordinates are left out). */
export async function loadHousing(): Promise<HousingSite[]> {
  const client = getDataClient();
  if (!client.loadRows) return [];
  const rows = await client.loadRows(dataUrl(HOUSING_FILE), HOUSING_FILE);
  const out: HousingSite[] = [];
  for (const r of rows) {
    const lon = parseRuntimeNumber(r.lon);
    const lat = parseRuntimeNumber(r.lat);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    out.push({
      id: r.id ?? '',
      name: r.name ?? '',
      category: r.we_kat ?? '',
      status: r.leg_fertig ?? '',
      lon,
      lat,
      plrId: r.plr_id ?? '',
    });
  }
  return out;
}
