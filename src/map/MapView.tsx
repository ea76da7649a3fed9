import type { PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { bbox } from '@turf/turf';
import { AttributionControl, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { COARSE_OUTLINE_MAX_ZOOM } from '../datasets/coarseOutline';
import { findArea, findInstitution } from '../datasets/lookup';
import type { Areas } from '../datasets/types';
import type { LorLevel } from '../domain/lor';
import type { InstitutionKind } from '../domain/types';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';
import { Tooltip } from '../panels/Tooltip';
import { useBasemapStore } from '../state/basemapStore';
import { useDataStore } from '../state/dataStore';
import { useDisplayedAreas } from '../state/displayedAreas';
import { areasOutOfRange, useFilterResult, useFilterStore } from '../state/filterStore';
import { useImportStore } from '../state/importStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useLocaleStore } from '../state/localeStore';
import { useMapStore } from '../state/mapStore';
import { countDeckFrame, countSkippedDeckFrame, markTiming, setMapIdle } from '../state/perf';
import { type MapTarget, useSelectionStore } from '../state/selectionStore';
import { useViewStore } from '../state/viewStore';
import { indicatorAfterLevelSwitch } from '../state/wiring';
import { choroplethFor } from './choropleth';
import { clearHoverHighlight } from './hoverLeave';
import { isAreaLayerId, pickedAreaId } from './layers/areaLayer';
import { pointLayerCount } from './layers/importedLayer';
import { buildLayers, type LayerInputs, layersReady, onlyHiddenLayersChanged } from './layers/index';
import { kindOfLayer } from './layers/institutionLayer';
import { type SelectionShape, selectionShape } from './layers/selection';
import { registerMapHandle } from './mapHandle';
import { pointColors, pupilRadii } from './pointStyle';
import { gateOverlayRedraws, overlayDeck, RedrawGate } from './redrawGate';
import { drawsInSoftware } from './renderer';
import { BERLIN_BOUNDS, offlineStyle } from './style';

setWorkerUrl(workerUrl);

/** Turn a deck.gl picking result into a map target (area or institution), or null. */
function targetOf(info: PickingInfo, inputs: LayerInputs): MapTarget | null {
  if (!info.picked || !info.layer) return null;
  if (isAreaLayerId(info.layer.id)) {
    const id = pickedAreaId(info.object, info.index, inputs.areas);
    // ESB / imported layers are hovered like areas; the tooltip resolves them through mapStore / importStore.
    return id === null ? null : { kind: 'area', level: inputs.level as LorLevel, id };
  }
  const kind = kindOfLayer(info.layer.id);
  const item = kind ? inputs.institutions[kind]?.items[info.index] : undefined;
  return kind && item ? { kind: 'institution', institutionKind: kind, id: item.id } : null;
}

const LOR = new Set(['bez', 'pgr', 'bzr', 'plr']);

/** Levels shown so far (their layers stay, hidden, when another level is shown). */
const shownLevels = new Set<string>();
/** Levels loaded by the background prefetch: kept only once prepared (see MapView's idle handler). */
const deferredLevels = new Set<string>();

/**
 * The loaded areas whose hidden layers are kept: levels loaded otherwise (e.g. the Planungsräume at start-up),
 * prefetched levels once prepared, and every level shown so far.
 */
function keptOf(
  all: Partial<Record<string, Areas>>,
  prepared: ReadonlySet<string>,
  level: string,
): Partial<Record<string, Areas>> {
  shownLevels.add(level);
  const out: Partial<Record<string, Areas>> = {};
  for (const [l, a] of Object.entries(all))
    if (!deferredLevels.has(l) || prepared.has(l) || shownLevels.has(l)) out[l] = a;
  return out;
}

/** Levels whose area layers have been given their outlines (their layers keep them from then on). */
const strokedLevels = new Set<string>();
/** Levels made fill first: they stay without outlines until `outlined` has them. */
const fillFirstLevels = new Set<string>();

/**
 * Levels drawn without outlines for now, which get them a frame later (`outlined`): each step is then its own
 * main-thread task. Those are the levels prepared in the background, and a level shown whose layers were
 * never made (a switch before the background preparation reached it). Levels loaded otherwise (the
 * Planungsräume at start-up) get their outlines at once.
 */
function fillOnlyOf(
  prepared: ReadonlySet<string>,
  outlined: ReadonlySet<string>,
  kept: Partial<Record<string, Areas>>,
  level: string,
  areas: Areas | undefined,
): ReadonlySet<string> {
  const out = new Set<string>();
  const levels = Object.keys(kept);
  if (areas && !(level in kept)) levels.push(level);
  for (const l of levels) {
    if (strokedLevels.has(l) || outlined.has(l)) continue;
    if (prepared.has(l) || l === level || fillFirstLevels.has(l)) {
      out.add(l);
      fillFirstLevels.add(l);
    }
  }
  for (const l of levels) if (!out.has(l)) strokedLevels.add(l);
  return out;
}
const KINDS: readonly InstitutionKind[] = ['school', 'youth', 'kita'];

type AreaStyle = NonNullable<LayerInputs['areaStyle']>;
/** Styles of prefetched levels not shown yet, fixed when made (see previewStyleOf). */
const previewStyles = new Map<string, { data: Areas; style: AreaStyle }>();

/**
 * Colour a prefetched, hidden level (LOR level or Einschulbereiche) with the choropleth it would open with now
 * (the indicator a switch to it picks, the current results, classification and locale). The style is kept as
 * it is until the level is shown: if nothing changed by then, the shown level computes the same (cached)
 * choropleth, and the first switch to it only toggles the layer's visibility instead of recomputing its
 * colours. Levels with a range filter or without results yet get none (their colours are made when shown).
 */
function previewStyleOf(level: string): void {
  const data =
    level === 'esb'
      ? useMapStore.getState().overlayAreas.esb
      : useDataStore.getState().areas[level as LorLevel];
  const ind = useIndicatorStore.getState();
  if (!data || !ind.results || useFilterStore.getState().ranges.some((r) => r.level === level)) return;
  const choro = choroplethFor({
    areas: data,
    level,
    results: ind.results,
    indicatorId: indicatorAfterLevelSwitch(ind.indicatorId, level),
    classification: ind.classification,
    locale: useLocaleStore.getState().locale,
  });
  if (choro.status !== 'ok') return;
  // the same style MapView's areaStyle gives the level when it is shown without dimming
  previewStyles.set(level, {
    data,
    style: { colors: choro.colors, dim: null, key: `${choro.key}|`, lineKey: '' },
  });
}

/** Wait after an import (or a removal) before the next warm-up layer is prepared (ms, then idle time). */
const REWARM_DELAY_MS = 5000;

/** Run `fn` when the browser is idle (or soon, without requestIdleCallback); returns a cancel function. */
function requestIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const t = setTimeout(fn, 200);
  return () => clearTimeout(t);
}

/**
 * The map: MapLibre (offline background style) with a deck.gl overlay drawing the choropleth of the active
 * indicator, urban-development overlays, institution points (dimmed when filtered out), labels and the filter
 * drawing aids. Reads the stores; writes hover/selection, the camera and filter geometry.
 */
export function MapView() {
  const m = useMessages(appMessages);
  const containerRef = useRef<HTMLDivElement>(null);
  const [ctx, setCtx] = useState<{ map: MapLibreMap; overlay: MapLibreOverlay } | null>(null);
  const [zoom, setZoom] = useState(10);

  // the layer shown: the LOR level, or the Einschulbereiche / an imported layer that replaces it
  const { level, areas } = useDisplayedAreas(
    useViewStore((s) => s.level),
    useMapStore((s) => s.special),
  );
  const layers = useViewStore((s) => s.layers);
  const institutions = useDataStore((s) => s.institutions);
  const results = useIndicatorStore((s) => s.results);
  const indicatorId = useIndicatorStore((s) => s.indicatorId);
  const classification = useIndicatorStore((s) => s.classification);
  const locale = useLocaleStore((s) => s.locale);
  const filters = useFilterStore();
  const map = useMapStore();
  const plrAreas = useDataStore((s) => s.areas.plr);
  const allLorAreas = useDataStore((s) => s.areas);
  // skips the deck.gl frames of changes to hidden layers only (see redrawGate.ts)
  const [gate] = useState(() => new RedrawGate(countSkippedDeckFrame));
  // levels whose (hidden) layer is kept: set up one by one in idle time (below), plus every level shown
  const [prepared, setPrepared] = useState<ReadonlySet<string>>(() => new Set());
  // … and their outlines, one frame later (each step is its own main-thread task)
  const [outlined, setOutlined] = useState<ReadonlySet<string>>(() => new Set());
  // … and then the colours they are expected to open with (again a frame of its own; see previewStyleOf)
  const [styled, setStyled] = useState<ReadonlySet<string>>(() => new Set());
  // levels whose full outlines may be made: the shown one once the map rests at a zoom that shows them
  const [fullOutlines, setFullOutlines] = useState<ReadonlySet<string>>(() => new Set());
  const previews = useMemo(() => {
    for (const l of styled) if (!previewStyles.has(l) && !shownLevels.has(l)) previewStyleOf(l);
    return new Map(previewStyles);
  }, [styled]);

  const school = useFilterResult('school');
  const youth = useFilterResult('youth');
  const kita = useFilterResult('kita');

  const choro = choroplethFor({ areas, level, results, indicatorId, classification, locale });
  const rangeKey = filters.ranges;
  const dim = useMemo(() => {
    // range filters act on the LOR levels and the Einschulbereiche (not on imported layers)
    if (!areas || !(LOR.has(level) || level === 'esb') || !rangeKey.some((r) => r.level === level))
      return null;
    const ids = areas.features.map((f) => f.properties.id);
    return areasOutOfRange(ids, level, { ...filters, ranges: rangeKey }, results);
  }, [areas, level, rangeKey, results, filters]);

  const areaStyle = useMemo(() => {
    const dimKey = dim ? dim.join('') : '';
    return {
      colors: choro.status === 'ok' ? choro.colors : null,
      dim,
      key: `${choro.key}|${dimKey}`,
      lineKey: dimKey,
    };
  }, [choro, dim]);

  const pointStyle = useMemo(() => {
    const masks = { school, youth, kita };
    const out: LayerInputs['pointStyle'] = {};
    for (const k of KINDS) {
      const set = institutions[k];
      if (!set) continue;
      const r = masks[k];
      const mask = r.filtered.length === set.items.length ? null : r.mask;
      const colors = k === 'school' ? pointColors(set, map.schoolColourBy) : null;
      const radii = k === 'school' && map.sizeBy === 'pupils' ? pupilRadii(set) : null;
      out[k] = {
        mask,
        colors,
        radii,
        styleKey: `${r.filtered.length}|${map.schoolColourBy}|${map.sizeBy}|${r.mask.length}|${r.filtered === set.items ? 'all' : 'f'}`,
      };
    }
    return out;
  }, [institutions, school, youth, kita, map.schoolColourBy, map.sizeBy]);

  const mssValues = results?.values.mss_status?.plr;
  const mssStatus = useMemo(() => {
    if (!mssValues || !results) return null;
    const ids = results.levelIds.plr;
    const out = new Map<string, number>();
    ids.forEach((id, i) => {
      if (Number.isFinite(mssValues[i])) out.set(id, mssValues[i]);
    });
    return out;
  }, [mssValues, results]);

  // the MSS outline needs the Planungsräume
  useEffect(() => {
    if (map.overlays.mss) void useDataStore.getState().ensureAreas('plr');
  }, [map.overlays.mss]);

  const labelZoomBand = Math.floor(zoom * 2) / 2;
  const imported = useImportStore((s) => s.datasets);
  // The hidden warm-up layer of the next imported point layer (see importedLayer.ts) is added in idle time:
  // `warmSlot` is the point-layer position it was prepared for (after start-up by the background prefetch
  // below, again a while after each import). Only an import that starts before then brings it itself,
  // from the first progress report on (not in the frame of the file choice, which has its own work).
  const [warmSlot, setWarmSlot] = useState<number | null>(null);
  const pointLayers = pointLayerCount(imported);
  const importStarted = useImportStore((s) => (s.progress?.fraction ?? 0) > 0);
  const importRunning = useImportStore((s) => s.progress !== null);
  // one flag for both, so that the start of an import does not change the layer inputs once warmed
  const warmUp = importStarted || warmSlot === pointLayers;
  // the selected area or institution, outlined on the map; the same object while the selection is the same
  const selected = useSelectionStore((s) => s.selected);
  const selectedEsb = useSelectionStore((s) => s.esb);
  const lastShape = useRef<SelectionShape | null>(null);
  const selection = useMemo(() => {
    const areasByLevel = { ...allLorAreas, esb: map.overlayAreas.esb };
    const shape = selectionShape(selected, selectedEsb, areasByLevel, institutions);
    if (shape && lastShape.current?.key === shape.key) return lastShape.current;
    lastShape.current = shape;
    return shape;
  }, [selected, selectedEsb, allLorAreas, map.overlayAreas.esb, institutions]);
  const inputs = useMemo<LayerInputs>(() => {
    // loaded Einschulbereiche are kept like the LOR levels (switching back does not tessellate again)
    const kept = keptOf(
      map.overlayAreas.esb ? { ...allLorAreas, esb: map.overlayAreas.esb } : allLorAreas,
      prepared,
      level,
    );
    return {
      level,
      layers,
      areas,
      keptAreas: kept,
      fillOnly: fillOnlyOf(prepared, outlined, kept, level, areas),
      fullOutlines,
      previewStyles: previews,
      institutions,
      areaStyle,
      pointStyle,
      overlays: {
        em: map.overlayAreas.em,
        es: map.overlayAreas.es,
        esb: map.overlayAreas.esb,
        show: map.overlays,
        plr: map.overlays.mss ? plrAreas : undefined,
        mssStatus,
        housing: map.housing,
        zoom: labelZoomBand,
      },
      draw: { radius: filters.radius, polygon: filters.polygon, draft: map.draft },
      imported,
      warmUpImported: warmUp,
      selection,
      // from the map's start on: the shaders of the data and selection layers are linked before the data comes
      warmUpShaders: true,
    };
  }, [
    level,
    layers,
    areas,
    allLorAreas,
    prepared,
    outlined,
    fullOutlines,
    previews,
    institutions,
    areaStyle,
    pointStyle,
    map.overlayAreas,
    map.overlays,
    plrAreas,
    mssStatus,
    map.housing,
    labelZoomBand,
    filters.radius,
    filters.polygon,
    map.draft,
    imported,
    warmUp,
    selection,
  ]);
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;

  // Idle bookkeeping: "map idle" = MapLibre idle AND deck.gl has drawn the layers of the current inputs.
  const idle = useRef({ mapIdle: false, deckDrawn: false, ready: false });

  // The full outlines of the shown level are made when the map rests (idle) at a zoom that shows them: in a
  // task of their own, not in the frames of a zoom, a fly-to or a level switch (until then: the coarse ones)
  const wantsFullOutline = zoom >= COARSE_OUTLINE_MAX_ZOOM && !fullOutlines.has(level);
  useEffect(() => {
    if (!wantsFullOutline) return;
    let cancel = () => {};
    const attempt = () => {
      const s = idle.current;
      if (s.mapIdle && s.deckDrawn && s.ready) setFullOutlines((p) => new Set(p).add(level));
      else {
        const t = setTimeout(() => {
          cancel = requestIdle(attempt);
        }, 100);
        cancel = () => clearTimeout(t);
      }
    };
    cancel = requestIdle(attempt);
    return () => cancel();
  }, [wantsFullOutline, level]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    markTiming('mapInit');
    const requested = useMapStore.getState().requestedCamera;
    const map = new MapLibreMap({
      container,
      style: offlineStyle(useBasemapStore.getState().active), // optional online basemap, off by default
      ...(requested
        ? { center: [requested.lon, requested.lat] as [number, number], zoom: requested.zoom }
        : { bounds: BERLIN_BOUNDS, fitBoundsOptions: { padding: 16 } }),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 17,
      minZoom: 8,
    });
    if (requested) useMapStore.getState().requestCamera(null);
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(
      new AttributionControl({
        compact: true,
        customAttribution: 'Geodaten: Amt für Statistik Berlin-Brandenburg',
      }),
      'bottom-right',
    );
    let prefetched = false;
    const prefetch = () => {
      if (prefetched) return;
      prefetched = true;
      // once the first view is drawn (first map idle), load the other LOR levels in the background: their
      // layers are kept (hidden) so that a level switch only toggles visibility instead of tessellating
      // polygons. One level at a time, each step when the browser is idle and frames after the previous one,
      // so that every new layer is set up in a task of its own (the triangles come from the data worker; the
      // redraw gate skips the frames, as nothing visible changes). The Einschulbereiche too: their first
      // switch finds them ready.
      const idleSlot = () =>
        new Promise<void>((r) => {
          if (typeof requestIdleCallback === 'function') requestIdleCallback(() => r(), { timeout: 3000 });
          else setTimeout(r, 300);
        });
      const drawn = () =>
        new Promise<void>((r) =>
          setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200))), 0),
        );
      // a level the user switched to goes first: no new data-worker job while the map is not idle (the
      // switched-to level loading or being drawn), so that the two do not share the cores
      const settled = async () => {
        const busy = () => !(idle.current.mapIdle && idle.current.deckDrawn && idle.current.ready);
        while (busy()) await idleSlot();
      };
      const prepare = async (l: string) => {
        await idleSlot();
        setPrepared((p) => new Set(p).add(l));
        await drawn();
        await idleSlot();
        setOutlined((p) => new Set(p).add(l));
        await drawn();
      };
      // the colours a level not shown yet is expected to open with (see previewStyleOf), a frame of its own
      const style = async (l: string) => {
        if (shownLevels.has(l) || previewStyles.has(l)) return;
        await idleSlot();
        setStyled((p) => new Set(p).add(l));
        markTiming(`styled-${l}`);
        await drawn();
      };
      const LEVELS = ['plr', 'bez', 'pgr', 'bzr'] as const;
      // levels loaded before (e.g. the Planungsräume, for the area names) get their colours right away: a
      // user may switch to them at once (no-op while there are no results yet: tried again below)
      void (async () => {
        for (const l of LEVELS) if (useDataStore.getState().areaStatus[l] === 'ready') await style(l);
      })();
      setTimeout(async () => {
        for (const l of LEVELS) {
          if (useDataStore.getState().areaStatus[l] === 'ready') continue;
          deferredLevels.add(l);
          await settled();
          await useDataStore.getState().ensureAreas(l);
          await prepare(l);
        }
        if (!useMapStore.getState().overlayAreas.esb) {
          deferredLevels.add('esb');
          await settled();
          await useMapStore.getState().ensureOverlayAreas('esb');
          await prepare('esb');
        }
        // then their colours, one level at a time
        for (const l of LEVELS) if (useDataStore.getState().areaStatus[l] === 'ready') await style(l);
        if (useMapStore.getState().overlayAreas.esb) await style('esb');
        // the imported point layer's warm-up layer (see importedLayer.ts), also in a frame of its own
        await idleSlot();
        setWarmSlot(pointLayerCount(useImportStore.getState().datasets));
        await drawn();
        markTiming('backgroundPrefetchDone');
      }, 1500);
    };
    const check = () => {
      const s = idle.current;
      if (!(s.mapIdle && s.deckDrawn && s.ready)) return;
      setMapIdle(true);
      prefetch();
    };
    const software = drawsInSoftware(map.getCanvas());
    markTiming(software ? 'rendererSoftware' : 'rendererGpu');
    const overlay = new MapLibreOverlay({
      interleaved: false,
      // no multisampling when WebGL is drawn on the CPU (see renderer.ts)
      deviceProps: software ? { webgl: { antialias: false } } : {},
      // a flat map: layers stack in their order. With depth testing, points and areas in one plane
      // overlapped by depth-buffer rounding (without multisampling a point's edge came and went between
      // two frames of the same view)
      parameters: { depthCompare: 'always', depthWriteEnabled: false },
      layers: [],
      onHover: (info) => {
        // deck.gl has just changed the hover highlight: that frame is drawn whatever else changed
        gate.forceNext();
        if (useMapStore.getState().draw !== 'none') return;
        const target = targetOf(info, inputsRef.current);
        const c = map.getContainer();
        useSelectionStore
          .getState()
          .setHover(
            target ? { target, x: info.x, y: info.y, width: c.clientWidth, height: c.clientHeight } : null,
          );
        map.getCanvas().style.cursor = target ? 'pointer' : '';
      },
      onClick: (info) => {
        const ms = useMapStore.getState();
        if (ms.draw !== 'none' && info.coordinate) {
          const [lon, lat] = info.coordinate as [number, number];
          const pt: [number, number] = [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
          if (ms.draw === 'radius') {
            useFilterStore.getState().setFilters({ radius: { lon: pt[0], lat: pt[1], m: ms.radiusM } });
            ms.setDraw('none');
          } else ms.setDraft([...ms.draft, pt]);
          return;
        }
        const t = targetOf(info, inputsRef.current);
        // Einschulbereiche have their own profile; other non-LOR layers (imports) are not selectable
        if (t?.kind === 'area' && (t.level as string) === 'esb') {
          useSelectionStore.getState().selectEsb(t.id);
          return;
        }
        if (t?.kind === 'area' && !LOR.has(t.level)) return;
        useSelectionStore.getState().select(t);
      },
      onAfterRender: () => {
        markTiming('deckFirstRender');
        countDeckFrame();
        if (idle.current.ready && !idle.current.deckDrawn) {
          markTiming('deckDataRender');
          idle.current.deckDrawn = true;
          check();
        }
      },
    });
    map.addControl(overlay);
    gateOverlayRedraws(overlay, gate);
    // the hover highlight goes when the pointer leaves the map (deck.gl 9.4 keeps it; see hoverLeave.ts)
    map.on('mouseout', () => {
      if (clearHoverHighlight(overlayDeck(overlay))) gate.forceNext();
    });
    map.on('movestart', () => {
      idle.current.mapIdle = false;
      setMapIdle(false);
    });
    map.on('moveend', () => {
      const c = map.getCenter();
      const z = map.getZoom();
      setZoom(z);
      useMapStore.getState().setCamera({ lon: c.lng, lat: c.lat, zoom: z });
    });
    map.on('idle', () => {
      markTiming('mapFirstIdle');
      idle.current.mapIdle = true;
      check();
    });
    map.on('load', () => {
      markTiming('mapLoad');
      setZoom(map.getZoom());
    });
    setCtx({ map, overlay });
    return () => {
      setCtx(null);
      map.removeControl(overlay);
      overlay.finalize();
      map.remove();
    };
  }, [gate]);

  useEffect(() => registerMapHandle(ctx), [ctx]); // for the PNG export (src/map/mapHandle.ts)

  // The canvas is keyboard-reachable (arrow keys pan, +/- zoom); give it a name in the current language.
  useEffect(() => {
    ctx?.map.getCanvas().setAttribute('aria-label', m.mapLabel);
  }, [ctx, m.mapLabel]);

  // camera requested from outside (URL / back button)
  useEffect(() => {
    if (!ctx) return;
    return useMapStore.subscribe((s) => {
      const c = s.requestedCamera;
      if (!c) return;
      s.requestCamera(null);
      ctx.map.jumpTo({ center: [c.lon, c.lat], zoom: c.zoom });
    });
  }, [ctx]);

  // zoom to a selection (from the map, the table or the URL)
  useEffect(() => {
    if (!ctx) return;
    const go = (sel: MapTarget | null) => {
      if (!sel) return;
      if (sel.kind === 'area') {
        const f = findArea(useDataStore.getState().areas[sel.level], sel.id);
        if (!f) return;
        const [x0, y0, x1, y1] = bbox(f);
        ctx.map.fitBounds(
          [
            [x0, y0],
            [x1, y1],
          ],
          { padding: 40, maxZoom: 14, duration: 600 },
        );
      } else {
        const it = findInstitution(useDataStore.getState().institutions[sel.institutionKind], sel.id);
        if (!it || !Number.isFinite(it.lon)) return;
        ctx.map.flyTo({ center: [it.lon, it.lat], zoom: Math.max(ctx.map.getZoom(), 14), duration: 600 });
      }
    };
    return useSelectionStore.subscribe((s, prev) => {
      if (s.selected !== prev.selected) go(s.selected);
    });
  }, [ctx]);

  // crosshair cursor while drawing
  useEffect(() => {
    if (ctx) ctx.map.getCanvas().style.cursor = map.draw !== 'none' ? 'crosshair' : '';
  }, [ctx, map.draw]);

  // After an import (or a removal) the warm-up layer has been taken over or is in the wrong place: prepare
  // the next one once the result's frames (point upload, join) are over and the browser is idle.
  useEffect(() => {
    if (warmSlot === null || warmSlot === pointLayers || importRunning) return;
    let idleId: number | null = null;
    const timer = setTimeout(() => {
      const go = () => setWarmSlot(pointLayers);
      if (typeof requestIdleCallback === 'function') idleId = requestIdleCallback(go, { timeout: 3000 });
      else go();
    }, REWARM_DELAY_MS);
    return () => {
      clearTimeout(timer);
      if (idleId !== null) cancelIdleCallback(idleId);
    };
  }, [warmSlot, pointLayers, importRunning]);

  const deckLayers = useMemo(() => buildLayers(inputs), [inputs]);

  // a shown level made fill first gets its outlines once that frame is drawn
  const outlineShown = !!inputs.areas && !!inputs.fillOnly?.has(level);
  useEffect(() => {
    if (!outlineShown) return;
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => setOutlined((p) => new Set(p).add(level)));
    });
    return () => cancelAnimationFrame(id);
  }, [outlineShown, level]);

  const pushed = useRef<LayerInputs | null>(null);
  useEffect(() => {
    if (!ctx) return;
    // a change of hidden layers only (background preparation) draws no frame and leaves the idle state
    const hiddenOnly = pushed.current !== null && onlyHiddenLayersChanged(pushed.current, inputs);
    pushed.current = inputs;
    gate.layersPushed(hiddenOnly);
    ctx.overlay.setProps({ layers: deckLayers });
    if (hiddenOnly) return;
    idle.current = { mapIdle: idle.current.mapIdle, deckDrawn: false, ready: layersReady(inputs) };
    setMapIdle(false);
    // deck.gl redraws on its own canvas; the MapLibre map below is not drawn again (a software renderer
    // would spend a full-screen frame on it): the map is idle again once deck.gl has drawn (onAfterRender)
    // unless MapLibre is still moving (its 'idle' event then completes it)
  }, [ctx, deckLayers, inputs, gate]);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" data-testid="map" data-draw={map.draw} />
      <Tooltip />
    </div>
  );
}
