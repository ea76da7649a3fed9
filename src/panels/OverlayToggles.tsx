import { useId } from 'react';
import { mapMessages } from '../i18n/messages/map';
import { useMessages } from '../i18n/useMessages';
import { rgbaToCss } from '../map/colors';
import { OVERLAY_COLORS } from '../map/layers/overlays';
import { SCHULART_GROUPS, TRAEGER_COLORS } from '../map/pointStyle';
import { importedAreas } from '../state/importedAreas';
import { useImportStore } from '../state/importStore';
import { type OverlayKey, type SchoolColourBy, type SizeBy, useMapStore } from '../state/mapStore';
import { useViewStore } from '../state/viewStore';

/** Extra area layers for the level switch: Einschulbereiche and imported polygon layers. */
export function ExtraLevelOptions() {
  const m = useMessages(mapMessages);
  const special = useMapStore((s) => s.special);
  const setSpecial = useMapStore((s) => s.setSpecial);
  const datasets = useImportStore((s) => s.datasets);
  const polygons = datasets.filter((d) => importedAreas(d) !== null);
  return (
    <>
      <label className="radio-row">
        <input
          type="radio"
          name="lor-level"
          value="esb"
          data-testid="level-esb"
          checked={special === 'esb'}
          onChange={() => setSpecial('esb')}
        />
        {m.level_esb}
      </label>
      {polygons.map((d) => (
        <label key={d.id} className="radio-row">
          <input
            type="radio"
            name="lor-level"
            value={`import:${d.id}`}
            checked={special === `import:${d.id}`}
            onChange={() => setSpecial(`import:${d.id}`)}
          />
          {m.importedLayer(d.name)}
        </label>
      ))}
    </>
  );
}

/** Selecting a LOR level clears the special area layer. */
export function useSelectLorLevel() {
  const setSpecial = useMapStore((s) => s.setSpecial);
  const setLevel = useViewStore((s) => s.setLevel);
  return (l: Parameters<typeof setLevel>[0]) => {
    setSpecial(null);
    setLevel(l);
  };
}

const OVERLAY_ORDER: readonly OverlayKey[] = ['em', 'es', 'housing', 'mss', 'esbOutline', 'labels'];

function swatch(k: OverlayKey): string | null {
  switch (k) {
    case 'em':
      return rgbaToCss(OVERLAY_COLORS.em);
    case 'es':
      return rgbaToCss(OVERLAY_COLORS.es);
    case 'housing':
      return rgbaToCss(OVERLAY_COLORS.housing);
    case 'mss':
      return rgbaToCss(OVERLAY_COLORS.mss4);
    case 'esbOutline':
      return rgbaToCss(OVERLAY_COLORS.esb);
    default:
      return null;
  }
}

/** Urban-development overlays and the styling of the institution points (inside the layer panel). */
export function OverlayToggles() {
  const m = useMessages(mapMessages);
  const overlays = useMapStore((s) => s.overlays);
  const setOverlay = useMapStore((s) => s.setOverlay);
  const colourBy = useMapStore((s) => s.schoolColourBy);
  const setColourBy = useMapStore((s) => s.setSchoolColourBy);
  const sizeBy = useMapStore((s) => s.sizeBy);
  const setSizeBy = useMapStore((s) => s.setSizeBy);
  const colourId = useId();
  const sizeId = useId();
  return (
    <div className="overlay-toggles">
      <h3 className="subheading">{m.overlaysHeading}</h3>
      <ul className="layer-list">
        {OVERLAY_ORDER.map((k) => {
          const c = swatch(k);
          return (
            <li key={k}>
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={overlays[k]}
                  data-testid={`overlay-${k}`}
                  onChange={(e) => setOverlay(k, e.currentTarget.checked)}
                />
                {c && (
                  <span
                    className={k === 'housing' ? 'swatch swatch-point' : 'swatch swatch-outline'}
                    aria-hidden="true"
                    style={k === 'housing' ? { background: c } : { borderColor: c, borderStyle: 'dashed' }}
                  />
                )}
                {m[`overlay_${k}`]}
              </label>
            </li>
          );
        })}
      </ul>
      <h3 className="subheading">{m.pointsHeading}</h3>
      <label htmlFor={colourId} className="field-label">
        {m.schoolColourBy}
      </label>
      <select
        id={colourId}
        value={colourBy}
        onChange={(e) => setColourBy(e.currentTarget.value as SchoolColourBy)}
      >
        <option value="schulart">{m.colour_schulart}</option>
        <option value="traeger">{m.colour_traeger}</option>
      </select>
      <ul
        className="point-legend"
        aria-label={colourBy === 'schulart' ? m.colour_schulart : m.colour_traeger}
      >
        {colourBy === 'schulart'
          ? SCHULART_GROUPS.map((g) => (
              <li key={g.key}>
                <span
                  className="swatch swatch-point"
                  aria-hidden="true"
                  style={{ background: rgbaToCss(g.color) }}
                />
                {g.key}
              </li>
            ))
          : (['public', 'free'] as const).map((t) => (
              <li key={t}>
                <span
                  className="swatch swatch-point"
                  aria-hidden="true"
                  style={{ background: rgbaToCss(TRAEGER_COLORS[t]) }}
                />
                {m[`traeger_${t}`]}
              </li>
            ))}
      </ul>
      <label htmlFor={sizeId} className="field-label">
        {m.sizeBy}
      </label>
      <select id={sizeId} value={sizeBy} onChange={(e) => setSizeBy(e.currentTarget.value as SizeBy)}>
        <option value="none">{m.size_none}</option>
        <option value="pupils">{m.size_pupils}</option>
      </select>
    </div>
  );
}
