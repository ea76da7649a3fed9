/**
 * PNG export of the map: layout and drawing of title, legend, scale bar, source attribution and date
 * around a snapshot of the map canvas. Pure: it draws on an injected 2D context (an OffscreenCanvas or a
 * <canvas> context, supplied by the view), so the layout is testable without a browser.
 *
 * Getting the snapshot (view side): WebGL canvases are cleared after compositing, so either create the map
 * with `preserveDrawingBuffer: true` or call `map.once('render', () => drawMapImage(ctx, map.getCanvas(), …))`
 * right after `map.triggerRepaint()`. With deck.gl's MapLibreOverlay (interleaved) the deck layers are in the
 * same canvas.
 */
import type { Locale } from '../i18n/catalog';
import { formatNumber } from '../i18n/format';

/** Ground resolution of a Web-Mercator map (MapLibre: 512 px tiles). */
export function metersPerPixel(latitude: number, zoom: number, tileSize = 512): number {
  const earthCircumference = 40_075_016.686;
  return (earthCircumference * Math.cos((latitude * Math.PI) / 180)) / (tileSize * 2 ** zoom);
}

export interface ScaleBar {
  /** Bar length in (CSS) pixels. */
  px: number;
  meters: number;
  label: string;
}

/** The longest "nice" distance (1, 2, 5 × 10^n m) that fits in `maxPx`. */
export function scaleBar(mPerPx: number, maxPx: number, locale: Locale = 'de'): ScaleBar {
  if (!(mPerPx > 0) || !(maxPx > 0)) throw new Error('scaleBar: metres per pixel and width must be positive');
  const maxMeters = mPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxMeters));
  const nice = [5, 2, 1].map((k) => k * pow).find((v) => v <= maxMeters) ?? pow;
  const label =
    nice >= 1000
      ? `${formatNumber(nice / 1000, { decimals: 1, locale })} km`
      : `${formatNumber(nice, { decimals: 0, locale })} m`;
  return { px: nice / mPerPx, meters: nice, label };
}

export interface MapImageLegendEntry {
  hex: string;
  label: string;
}

export interface MapImageSpec {
  title: string;
  subtitle?: string;
  legendTitle?: string;
  legend: MapImageLegendEntry[];
  /** Metres per CSS pixel of the snapshot (see metersPerPixel). */
  metersPerPixel: number;
  /** e.g. ['Geobasis: © GeoBasis-DE / LGB', 'Daten: Amt für Statistik Berlin-Brandenburg'] */
  attribution: string[];
  /** e.g. 'Stand: 27.11.2026' */
  dateLabel: string;
  locale?: Locale;
  /** Device pixels per CSS pixel of the snapshot (map.getPixelRatio()). */
  pixelRatio?: number;
  /**
   * `inside`: a box over the map's lower left corner (default); `below`: a band under the map, entries in
   * columns (use it when the box would hide much of a small map); `auto`: below when the box would be
   * taller than 40 % of the map.
   */
  legendPlacement?: 'inside' | 'below' | 'auto';
}

/** The subset of CanvasRenderingContext2D / OffscreenCanvasRenderingContext2D used here. */
export interface Ctx2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  font: string;
  textBaseline: CanvasTextBaseline;
  textAlign: CanvasTextAlign;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
}

export interface MapImageLayout {
  width: number;
  height: number;
  header: number;
  footer: number;
  scale: number;
  /** Height of the legend band under the map (0 when the legend is inside the map). */
  legendBand: number;
  legendColumns: number;
}

const LEGEND_ROW = 18;
const LEGEND_COLUMN = 230;

function legendBelow(mapHeight: number, spec: MapImageSpec): boolean {
  if (spec.legend.length === 0) return false;
  const p = spec.legendPlacement ?? 'inside';
  if (p !== 'auto') return p === 'below';
  const s = spec.pixelRatio ?? 1;
  const boxH = ((spec.legendTitle ? LEGEND_ROW : 0) + spec.legend.length * LEGEND_ROW + 12) * s;
  return boxH > 0.4 * mapHeight;
}

/** Text shortened with an ellipsis to fit `maxWidth`. */
export function fitText(ctx: Pick<Ctx2D, 'measureText'>, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Output size (device pixels) for a snapshot of `mapWidth × mapHeight` device pixels. */
export function mapImageLayout(mapWidth: number, mapHeight: number, spec: MapImageSpec): MapImageLayout {
  const s = spec.pixelRatio ?? 1;
  const header = Math.round((spec.subtitle ? 64 : 44) * s);
  const footer = Math.round((20 + 16 * Math.max(1, spec.attribution.length)) * s);
  let legendBand = 0;
  let legendColumns = 0;
  if (legendBelow(mapHeight, spec)) {
    legendColumns = Math.max(1, Math.floor((mapWidth - 24 * s) / (LEGEND_COLUMN * s)));
    const rows = Math.ceil(spec.legend.length / legendColumns);
    legendBand = Math.round(((spec.legendTitle ? LEGEND_ROW : 0) + rows * LEGEND_ROW + 16) * s);
  }
  return {
    width: mapWidth,
    height: header + mapHeight + legendBand + footer,
    header,
    footer,
    scale: s,
    legendBand,
    legendColumns,
  };
}

/** Draw the finished image. The context must be sized with mapImageLayout(). */
export function drawMapImage(
  ctx: Ctx2D,
  map: CanvasImageSource,
  mapWidth: number,
  mapHeight: number,
  spec: MapImageSpec,
): MapImageLayout {
  const L = mapImageLayout(mapWidth, mapHeight, spec);
  const s = L.scale;
  const pad = 12 * s;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, L.height);
  // title band
  ctx.fillStyle = '#1d2330';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = `bold ${18 * s}px ${FONT}`;
  ctx.fillText(fitText(ctx, spec.title, L.width - 2 * pad), pad, 10 * s);
  if (spec.subtitle) {
    ctx.font = `${13 * s}px ${FONT}`;
    ctx.fillStyle = '#525a6b';
    ctx.fillText(fitText(ctx, spec.subtitle, L.width - 2 * pad), pad, 36 * s);
  }
  // map
  ctx.drawImage(map, 0, L.header, mapWidth, mapHeight);
  ctx.strokeStyle = '#c9ced8';
  ctx.lineWidth = 1 * s;
  ctx.strokeRect(0, L.header, mapWidth, mapHeight);
  // legend band (under the map, entries in columns)
  if (L.legendBand > 0) {
    const row = LEGEND_ROW * s;
    const colW = LEGEND_COLUMN * s;
    const top = L.header + mapHeight + 8 * s;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    let y0 = top + row / 2;
    if (spec.legendTitle) {
      ctx.fillStyle = '#1d2330';
      ctx.font = `bold ${12 * s}px ${FONT}`;
      ctx.fillText(fitText(ctx, spec.legendTitle, L.width - 2 * pad), pad, y0);
      y0 += row;
    }
    ctx.font = `${12 * s}px ${FONT}`;
    ctx.strokeStyle = '#c9ced8';
    ctx.lineWidth = 1 * s;
    const rows = Math.ceil(spec.legend.length / L.legendColumns);
    spec.legend.forEach((e, i) => {
      const x = pad + Math.floor(i / rows) * colW;
      const y = y0 + (i % rows) * row;
      ctx.fillStyle = e.hex;
      ctx.fillRect(x, y - 6 * s, 16 * s, 12 * s);
      ctx.strokeRect(x, y - 6 * s, 16 * s, 12 * s);
      ctx.fillStyle = '#1d2330';
      ctx.fillText(fitText(ctx, e.label, colW - 30 * s), x + 22 * s, y);
    });
  }
  // legend box (bottom left, over the map)
  if (spec.legend.length > 0 && L.legendBand === 0) {
    const row = 18 * s;
    ctx.font = `${12 * s}px ${FONT}`;
    const titleH = spec.legendTitle ? row : 0;
    const textW = Math.max(
      ...spec.legend.map((e) => ctx.measureText(e.label).width),
      spec.legendTitle ? ctx.measureText(spec.legendTitle).width : 0,
    );
    const boxW = textW + 40 * s;
    const boxH = titleH + spec.legend.length * row + 12 * s;
    const x0 = pad;
    const y0 = L.header + mapHeight - boxH - pad;
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fillRect(x0, y0, boxW, boxH);
    ctx.strokeRect(x0, y0, boxW, boxH);
    ctx.textBaseline = 'middle';
    let y = y0 + 6 * s + row / 2;
    if (spec.legendTitle) {
      ctx.fillStyle = '#1d2330';
      ctx.font = `bold ${12 * s}px ${FONT}`;
      ctx.fillText(spec.legendTitle, x0 + 8 * s, y);
      ctx.font = `${12 * s}px ${FONT}`;
      y += row;
    }
    for (const e of spec.legend) {
      ctx.fillStyle = e.hex;
      ctx.fillRect(x0 + 8 * s, y - 6 * s, 16 * s, 12 * s);
      ctx.strokeRect(x0 + 8 * s, y - 6 * s, 16 * s, 12 * s);
      ctx.fillStyle = '#1d2330';
      ctx.fillText(e.label, x0 + 30 * s, y);
      y += row;
    }
  }
  // scale bar (bottom right, over the map); metersPerPixel is per CSS px → per device px / s
  const bar = scaleBar(spec.metersPerPixel / s, 120 * s, spec.locale);
  const bx = mapWidth - pad - bar.px;
  const by = L.header + mapHeight - pad - 6 * s;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(bx - 6 * s, by - 22 * s, bar.px + 12 * s, 30 * s);
  ctx.strokeStyle = '#1d2330';
  ctx.lineWidth = 2 * s;
  ctx.beginPath();
  ctx.moveTo(bx, by - 6 * s);
  ctx.lineTo(bx, by);
  ctx.lineTo(bx + bar.px, by);
  ctx.lineTo(bx + bar.px, by - 6 * s);
  ctx.stroke();
  ctx.fillStyle = '#1d2330';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.font = `${12 * s}px ${FONT}`;
  ctx.fillText(bar.label, bx + bar.px / 2, by - 8 * s);
  // footer: attribution lines and date
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#525a6b';
  ctx.font = `${11 * s}px ${FONT}`;
  const footTop = L.header + mapHeight + L.legendBand;
  let fy = footTop + 8 * s;
  const dateW = ctx.measureText(spec.dateLabel).width + 16 * s;
  spec.attribution.forEach((line, i) => {
    ctx.fillText(fitText(ctx, line, L.width - 2 * pad - (i === 0 ? dateW : 0)), pad, fy);
    fy += 16 * s;
  });
  ctx.textAlign = 'right';
  ctx.fillText(spec.dateLabel, L.width - pad, footTop + 8 * s);
  return L;
}
