import type { AreaCollection, InstitutionKind } from '../domain/types';

/** Properties every web-sized area feature carries (see the runtime data contract). */
export interface AreaProps {
  id: string;
  name: string;
  bez_id?: string;
  bez_name?: string;
  pgr_id?: string;
  pgr_name?: string;
  bzr_id?: string;
  bzr_name?: string;
  area_m2?: number | null;
  [key: string]: unknown;
}

export type Areas = AreaCollection<AreaProps>;

/** One institution (school, youth facility or Kita) as read from the runtime CSVs. */
export interface Institution {
  kind: InstitutionKind;
  /** BSN for schools, facility number otherwise — always a string. */
  id: string;
  name: string;
  /** Human-readable type: Schulart, JFE-Art, or "Kita". */
  type: string;
  operator: string;
  bezirk: string;
  address: string;
  lon: number;
  lat: number;
  /** Planungsraum (LOR 2021) the point lies in, or null when the file left it empty. */
  plrId: string | null;
  /** All cells of the row as text, by column name (for tables, cards and exports). */
  fields: Record<string, string>;
}

/**
 * A parsed institutions file. `positions` holds [lon0, lat0, lon1, lat1, …] in row order of `items`
 * (transferred from the worker without copying, fed to deck.gl as a binary attribute).
 */
export interface InstitutionSet {
  kind: InstitutionKind;
  file: string;
  items: Institution[];
  positions: Float64Array;
  /** Rows read from the file (header excluded). */
  rowsRead: number;
}
