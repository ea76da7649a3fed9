import type { Layer } from '@deck.gl/core';
import type { Areas, InstitutionSet } from '../../datasets/types';
import type { InstitutionKind } from '../../domain/types';
import type { ImportedDataset } from '../../state/importStore';
import type { HousingSite } from '../../state/mapStore';
import type { LayerKey } from '../../state/viewStore';
import { declutterLabels } from '../labelDeclutter';
import { createAreaLayers } from './areaLayer';
import { importedLayers } from './importedLayer';
import { createInstitutionLayer, type InstitutionLayerState } from './institutionLayer';
import {
  housingLayer,
  type LabelPoint,
  labelLayer,
  labelPoints,
  mssFeatures,
  mssLayer,
  outlineLayer,
  polygonLayers,
  radiusLayer,
} from './overlays';
import { type SelectionShape, selectionLayers } from './selection';
import { shaderWarmUpLayers } from './warmUp';

/** Draw order of the point layers, bottom to top. */
export const POINT_ORDER: readonly InstitutionKind[] = ['kita', 'youth', 'school'];

export interface LayerInputs {
  /** LOR level, 'esb' or an imported layer id. */
  level: string;
  layers: Record<LayerKey, boolean>;
  areas: Areas | undefined;
  /**
   * Other loaded LOR levels: kept as hidden layers (one per level, stable data) so that switching back does
   * not tessellate the polygons again. When given, area layer ids are `areas-<level>`.
   */
  keptAreas?: Partial<Record<string, Areas>>;
  /**
   * Levels drawn without outlines for now (made fill first, outlined a frame later): kept levels being prepared
   * in the background, or the shown level when its layers are new.
   */
  fillOnly?: ReadonlySet<string>;
  /**
   * Style a kept level that has not been shown yet is prepared with (the choropleth it is expected to open
   * with, see MapView): when it is then shown with the same style, deck.gl only toggles its visibility.
   */
  previewStyles?: ReadonlyMap<string, { data: Areas; style: NonNullable<LayerInputs['areaStyle']> }>;
  institutions: Partial<Record<InstitutionKind, InstitutionSet>>;
  /** Choropleth / dimming of the area layer. */
  areaStyle?: {
    colors: Uint8Array | null;
    dim: Uint8Array | null;
    key: string;
    /** Changes with the dimming only (outline colours); default `key`. */
    lineKey?: string;
  };
  /**
   * Levels whose full outlines may be made (see AreaLayerState.fullOutline); without it, all. A level left
   * out keeps its coarse outlines at every zoom until its full ones are made.
   */
  fullOutlines?: ReadonlySet<string>;
  /** Filter mask, colours and sizes per point layer. */
  pointStyle?: Partial<Record<InstitutionKind, Omit<InstitutionLayerState, 'visible'>>>;
  overlays?: {
    em?: Areas;
    es?: Areas;
    esb?: Areas;
    show: { em: boolean; es: boolean; esbOutline: boolean; mss: boolean; housing: boolean; labels: boolean };
    plr?: Areas;
    mssStatus?: ReadonlyMap<string, number> | null;
    housing?: HousingSite[] | null;
    zoom?: number;
  };
  /** Imported datasets (importStore), drawn above the institutions. */
  imported?: readonly ImportedDataset[];
  /** Add the hidden warm-up layer of the next imported point layer (idle time or a running import; see importedLayer.ts). */
  warmUpImported?: boolean;
  /**
   * Add the hidden shader warm-up layers (see warmUp.ts) and the selection layers before anything is selected:
   * from the map's start on, before any data, so that their shaders are linked then.
   */
  warmUpShaders?: boolean;
  /** The selected area or institution, outlined above the data (see selection.ts); stable per selection. */
  selection?: SelectionShape | null;
  draw?: {
    radius: { lon: number; lat: number; m: number } | null;
    polygon: [number, number][] | null;
    draft: [number, number][];
  };
}

/** Data of the label layer while it is hidden: one placeholder keeps its shaders and font atlas made. */
const HIDDEN_LABELS: readonly LabelPoint[] = [{ id: '', name: 'A', position: [13.4, 52.5], priority: 0 }];

/** Labels from this zoom on, per level (coarse levels always). */
const LABEL_MIN_ZOOM: Record<string, number> = { bez: 0, pgr: 10.5, bzr: 11.5, plr: 13, esb: 12.5 };

/** True once the Einschulbereich outline has been switched on (its layer is kept from then on). */
let esbOutlineWanted = false;

/** Style each kept level was last shown with (see buildLayers). */
const lastStyle = new Map<string, { data: Areas; style: NonNullable<LayerInputs['areaStyle']> }>();

/** All deck.gl layers of the map, bottom to top. Layers whose data is not loaded yet are left out. */
export function buildLayers(input: LayerInputs): Layer[] {
  const out: Layer[] = input.warmUpShaders ? shaderWarmUpLayers() : [];
  const a = input.areaStyle;
  const kept = input.keptAreas;
  if (kept) {
    if (input.areas && a) lastStyle.set(input.level, { data: input.areas, style: a });
    for (const [lvl, data] of Object.entries(kept)) {
      if (!data || lvl === input.level) continue;
      // a hidden level keeps the style it was last drawn with: unchanged props, so deck.gl does not
      // recompute its colour attributes on every switch (they are recomputed when it is shown again)
      const last = lastStyle.get(lvl) ?? input.previewStyles?.get(lvl);
      const st = last && last.data === data ? last.style : undefined;
      out.push(
        ...createAreaLayers(
          {
            level: lvl,
            visible: false,
            id: `areas-${lvl}`,
            stroked: !input.fillOnly?.has(lvl),
            zoom: input.overlays?.zoom,
            fullOutline: input.fullOutlines?.has(lvl) ?? true,
            ...(st ? { colors: st.colors, dim: st.dim, styleKey: st.key, lineKey: st.lineKey } : {}),
          },
          data,
        ),
      );
    }
  }
  if (input.areas)
    out.push(
      ...createAreaLayers(
        {
          level: input.level,
          visible: input.layers.areas,
          colors: a?.colors,
          dim: a?.dim,
          styleKey: a?.key,
          lineKey: a?.lineKey,
          ...(kept ? { id: `areas-${input.level}` } : {}),
          stroked: !input.fillOnly?.has(input.level),
          zoom: input.overlays?.zoom,
          fullOutline: input.fullOutlines?.has(input.level) ?? true,
        },
        input.areas,
      ),
    );
  const o = input.overlays;
  if (o) {
    if (o.es) out.push(outlineLayer('es', o.es, o.show.es));
    if (o.em) out.push(outlineLayer('em', o.em, o.show.em));
    // made once the outline is first asked for, then kept (hidden on the ESB level itself), so that neither
    // the first switch to the Einschulbereiche nor leaving them builds the outline layer
    if (o.esb && o.show.esbOutline) esbOutlineWanted = true;
    if (o.esb && esbOutlineWanted)
      out.push(outlineLayer('esb', o.esb, o.show.esbOutline && input.level !== 'esb'));
    if (o.plr) out.push(mssLayer(mssFeatures(o.plr, o.mssStatus ?? null), o.show.mss));
  }
  for (const kind of POINT_ORDER) {
    const set = input.institutions[kind];
    if (set)
      out.push(
        createInstitutionLayer(kind, { ...input.pointStyle?.[kind], visible: input.layers[kind] }, set),
      );
  }
  if (input.imported || input.warmUpImported)
    out.push(...importedLayers(input.imported ?? [], input.warmUpImported));
  if (o?.housing) out.push(housingLayer(o.housing, o.show.housing));
  if (input.selection || input.warmUpShaders) out.push(...selectionLayers(input.selection ?? null));
  if (o && input.areas && input.layers.areas) {
    const minZoom = LABEL_MIN_ZOOM[input.level] ?? 12;
    const visible = o.show.labels && (o.zoom ?? 0) >= minZoom;
    const size = input.level === 'bez' ? 13 : 11;
    // labels that would overlap at this zoom are left out (larger areas win); hidden labels keep one constant
    // placeholder, so that a level switch below the label zoom does not lay out hundreds of names
    const points = visible ? declutterLabels(labelPoints(input.areas), o.zoom ?? 0, size) : HIDDEN_LABELS;
    out.push(labelLayer(input.areas, visible, size, points));
  }
  const d = input.draw;
  if (d) {
    const r = radiusLayer(d.radius);
    if (r) out.push(r);
    out.push(...polygonLayers(d.draft.length ? d.draft : d.polygon, d.draft.length === 0));
  }
  return out;
}

/** Inputs that change only layers drawn hidden: the kept levels, their preparation, the warm-up layer (the
 * shown level's entry in `fillOnly` aside). */
const HIDDEN_ONLY: ReadonlySet<string> = new Set([
  'keptAreas',
  'fillOnly',
  'previewStyles',
  'warmUpImported',
  'warmUpShaders',
]);
/** Inputs that are objects made afresh with the others: compared field by field. */
const BY_FIELD: ReadonlySet<string> = new Set(['overlays', 'draw']);

function sameFields(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
}

/**
 * True when going from `prev` to `next` changes no layer that is drawn: only the hidden ones (see
 * HIDDEN_ONLY). The map then skips the frame deck.gl would draw for it (see map/redrawGate.ts).
 */
export function onlyHiddenLayersChanged(prev: LayerInputs, next: LayerInputs): boolean {
  // the shown level made fill first changes when it gets its outlines
  if (!!prev.fillOnly?.has(prev.level) !== !!next.fillOnly?.has(next.level)) return false;
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (HIDDEN_ONLY.has(k)) continue;
    if (BY_FIELD.has(k) ? !sameFields(a[k], b[k]) : a[k] !== b[k]) return false;
  }
  return true;
}

/** True when every layer that should be visible has its data. */
export function layersReady(input: LayerInputs): boolean {
  if (input.layers.areas && (!input.areas || input.fillOnly?.has(input.level))) return false;
  return POINT_ORDER.every((k) => !input.layers[k] || input.institutions[k] !== undefined);
}
