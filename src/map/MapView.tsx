import type { PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { AttributionControl, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';
import { Tooltip } from '../panels/Tooltip';
import { useDataStore } from '../state/dataStore';
import { countDeckFrame, markTiming, setMapIdle } from '../state/perf';
import { type MapTarget, useSelectionStore } from '../state/selectionStore';
import { useViewStore } from '../state/viewStore';
import { AREA_LAYER_ID, pickedAreaId } from './layers/areaLayer';
import { buildLayers, type LayerInputs, layersReady } from './layers/index';
import { kindOfLayer } from './layers/institutionLayer';
import { registerMapHandle } from './mapHandle';
import { BERLIN_BOUNDS, offlineStyle } from './style';

setWorkerUrl(workerUrl);

/** Turn a deck.gl picking result into a map target (area or institution), or null. */
function targetOf(info: PickingInfo, inputs: LayerInputs): MapTarget | null {
  if (!info.picked || !info.layer) return null;
  if (info.layer.id === AREA_LAYER_ID) {
    const id = pickedAreaId(info.object);
    return id === null ? null : { kind: 'area', level: inputs.level, id };
  }
  const kind = kindOfLayer(info.layer.id);
  const item = kind ? inputs.institutions[kind]?.items[info.index] : undefined;
  return kind && item ? { kind: 'institution', institutionKind: kind, id: item.id } : null;
}

/**
 * The map: MapLibre (offline background style) with a deck.gl overlay drawing the LOR areas of the
 * selected level and the institution points. Reads the view and data stores; writes hover/selection.
 */
export function MapView() {
  const m = useMessages(appMessages);
  const containerRef = useRef<HTMLDivElement>(null);
  const [ctx, setCtx] = useState<{ map: MapLibreMap; overlay: MapLibreOverlay } | null>(null);

  const level = useViewStore((s) => s.level);
  const layers = useViewStore((s) => s.layers);
  const areas = useDataStore((s) => s.areas[level]);
  const institutions = useDataStore((s) => s.institutions);

  const inputs = useMemo<LayerInputs>(
    () => ({ level, layers, areas, institutions }),
    [level, layers, areas, institutions],
  );
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;

  // Idle bookkeeping: "map idle" = MapLibre idle AND deck.gl has drawn the layers of the current inputs.
  const idle = useRef({ mapIdle: false, deckDrawn: false, ready: false });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    markTiming('mapInit');
    const map = new MapLibreMap({
      container,
      style: offlineStyle(),
      bounds: BERLIN_BOUNDS,
      fitBoundsOptions: { padding: 16 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 17,
      minZoom: 8,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(
      new AttributionControl({
        compact: true,
        customAttribution: 'Geodaten: Amt für Statistik Berlin-Brandenburg',
      }),
      'bottom-right',
    );
    const check = () => {
      const s = idle.current;
      if (s.mapIdle && s.deckDrawn && s.ready) setMapIdle(true);
    };
    const overlay = new MapLibreOverlay({
      interleaved: false,
      layers: [],
      onHover: (info) => {
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
        useSelectionStore.getState().select(targetOf(info, inputsRef.current));
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
    map.on('movestart', () => {
      idle.current.mapIdle = false;
      setMapIdle(false);
    });
    map.on('idle', () => {
      markTiming('mapFirstIdle');
      idle.current.mapIdle = true;
      check();
    });
    map.on('load', () => markTiming('mapLoad'));
    setCtx({ map, overlay });
    return () => {
      setCtx(null);
      map.removeControl(overlay);
      overlay.finalize();
      map.remove();
    };
  }, []);

  useEffect(() => registerMapHandle(ctx), [ctx]); // for the PNG export (src/map/mapHandle.ts)

  // The canvas is keyboard-reachable (arrow keys pan, +/- zoom); give it a name in the current language.
  useEffect(() => {
    ctx?.map.getCanvas().setAttribute('aria-label', m.mapLabel);
  }, [ctx, m.mapLabel]);

  const deckLayers = useMemo(() => buildLayers(inputs), [inputs]);

  useEffect(() => {
    if (!ctx) return;
    const ready = layersReady(inputs);
    idle.current = { mapIdle: idle.current.mapIdle, deckDrawn: false, ready };
    setMapIdle(false);
    ctx.overlay.setProps({ layers: deckLayers });
    // deck.gl redraws on its own; make sure MapLibre reports idle again after the change.
    ctx.map.triggerRepaint();
  }, [ctx, deckLayers, inputs]);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" data-testid="map" />
      <Tooltip />
    </div>
  );
}
