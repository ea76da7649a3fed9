// @vitest-environment happy-dom
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Bars } from '../../../src/charts/Bars';
import { Histogram } from '../../../src/charts/Histogram';
import { Scatter } from '../../../src/charts/Scatter';
import { classify } from '../../../src/indicators/classify';
import { buildLegendModel } from '../../../src/map/legendModel';
import { paletteFor } from '../../../src/map/palettes';
import { ClassificationControls } from '../../../src/panels/ClassificationControls';
import { Legend } from '../../../src/panels/Legend';
import { cleanup, render } from './render';

afterEach(cleanup);

async function violations(container: HTMLElement): Promise<string[]> {
  const res = await axe.run(container, {
    // layout-dependent rules cannot run without a rendering engine (covered by the e2e axe run)
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('axe (structure only, happy-dom)', () => {
  it('legend, histogram, scatter and bars have no structural violations', async () => {
    const values = [1, 2, 3, 4, 5, 8, null];
    const r = classify(values, { method: 'quantile', classes: 3 });
    const { container } = render(
      <main>
        <Legend model={buildLegendModel(r, paletteFor({ classes: r.classes }))} title="Indikator" unit="%" />
        <Histogram values={values} label="Indikator" selected={[2, 4]} onBrush={() => {}} />
        <Scatter
          points={[
            { id: 'a', x: 1, y: 2, label: 'A' },
            { id: 'b', x: 2, y: 1, label: 'B', selected: true },
          ]}
          xLabel="x"
          yLabel="y"
          onSelect={() => {}}
        />
        <Bars items={[{ key: 'a', label: 'A', value: 3 }]} title="Bars" />
        <ClassificationControls
          value={{ method: 'stddev', classes: 5 }}
          onChange={() => {}}
          palette={['#ffffff']}
        />
        <ClassificationControls
          value={{ method: 'manual', classes: 3, breaks: [1, 2] }}
          onChange={() => {}}
        />
      </main>,
    );
    expect(await violations(container)).toEqual([]);
  });
});

describe('axe harness', () => {
  it('does detect problems (sanity check of the setup)', async () => {
    const { container } = render(
      <main>
        <input type="number" />
        <svg role="img" />
      </main>,
    );
    const v = await violations(container);
    expect(v.some((x) => x.startsWith('label'))).toBe(true);
    expect(v.some((x) => x.startsWith('svg-img-alt'))).toBe(true);
  });
});
