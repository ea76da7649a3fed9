/**
 * Keeps `indicatorStore.results` in step with the filters: prepares the engine in the data worker once,
 * re-computes when an engine-relevant filter changes (ranges are applied afterwards on the main thread),
 * and fetches the Erhaltungsgebiet membership of loaded institutions when the overlay filter is used, and
 * their Einschulbereich when a range filter on the Einschulbereiche is set (schools: from the engine output).
 */
import { dataUrl } from '../datasets/registry';
import type { InstitutionFilters } from '../domain/filters';
import type { InstitutionKind } from '../domain/types';
import { getDataClient } from '../worker/dataClient';
import { useDataStore } from './dataStore';
import { type FilterValues, filterValues, useFilterStore } from './filterStore';
import { useIndicatorStore } from './indicatorStore';
import { markTiming } from './perf';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The filters the engine sees (without ranges: those never feed back into the engine). */
export function engineFilters(f: FilterValues): InstitutionFilters {
  return { ...filterValues(f), ranges: [] };
}

function sameEngineInputs(a: FilterValues, b: FilterValues): boolean {
  return (
    a.schularten === b.schularten &&
    a.traeger === b.traeger &&
    a.bezirke === b.bezirke &&
    a.overlay === b.overlay &&
    a.radius === b.radius &&
    a.polygon === b.polygon
  );
}

export function connectEngine(): () => void {
  const client = getDataClient();
  if (!client.prepareEngine || !client.computeIndicators) return () => {};
  const ind = useIndicatorStore.getState();
  let prepared = false;
  let running = false;
  let pending: InstitutionFilters | null | undefined;
  let disposed = false;

  const run = async (filters: InstitutionFilters | null) => {
    if (!prepared || !client.computeIndicators) return;
    if (running) {
      pending = filters;
      return;
    }
    running = true;
    useIndicatorStore.setState({ status: 'computing' });
    try {
      const { results, ms } = await client.computeIndicators(filters);
      if (!disposed) ind.setResults(results, 'ready', undefined, ms);
      markTiming('indicatorsReady');
    } catch (e) {
      if (!disposed) ind.setResults(useIndicatorStore.getState().results, 'error', message(e));
    } finally {
      running = false;
      if (pending !== undefined && !disposed) {
        const next = pending;
        pending = undefined;
        void run(next);
      }
    }
  };

  const current = () => engineFilters(useFilterStore.getState());

  useIndicatorStore.setState({ status: 'computing' });
  void client
    .prepareEngine(dataUrl(''))
    .then(() => {
      prepared = true;
      return run(current());
    })
    .catch((e) => {
      if (!disposed) ind.setResults(null, 'error', message(e));
    });

  // membership of loaded institution kinds when the overlay filter is on
  const fetchMembership = () => {
    const f = useFilterStore.getState();
    if (!f.overlay || !client.overlayMembership) return;
    const loaded = useDataStore.getState().institutions;
    for (const kind of Object.keys(loaded) as InstitutionKind[]) {
      if (f.membership[kind]) continue;
      void client.overlayMembership(kind).then((m) => {
        if (!disposed && !useFilterStore.getState().membership[kind])
          useFilterStore.getState().setMembership(kind, m);
      });
    }
  };

  // Einschulbereich of loaded institution kinds (not schools: theirs comes with the engine output) when a
  // range filter on the Einschulbereiche is set; asked once per kind
  const asked = new Set<InstitutionKind>();
  const fetchEsbMembership = () => {
    const f = useFilterStore.getState();
    if (!client.esbMembership || !f.ranges.some((r) => r.level === 'esb')) return;
    const loaded = useDataStore.getState().institutions;
    for (const kind of Object.keys(loaded) as InstitutionKind[]) {
      if (kind === 'school' || asked.has(kind) || f.esbMembership[kind]) continue;
      asked.add(kind);
      void client
        .esbMembership(kind)
        .then((m) => {
          if (!disposed && m) useFilterStore.getState().setEsbMembership(kind, m);
        })
        .catch(() => asked.delete(kind));
    }
  };
  fetchEsbMembership();

  const unsubFilters = useFilterStore.subscribe((s, prev) => {
    if (s.overlay && s.overlay !== prev.overlay) fetchMembership();
    if (s.ranges !== prev.ranges) fetchEsbMembership();
    if (!sameEngineInputs(s, prev)) void run(engineFilters(s));
  });
  const unsubData = useDataStore.subscribe((s, prev) => {
    if (s.institutions !== prev.institutions) {
      fetchMembership();
      fetchEsbMembership();
    }
  });
  return () => {
    disposed = true;
    unsubFilters();
    unsubData();
  };
}
