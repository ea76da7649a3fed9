import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';
import { useDataStore } from '../state/dataStore';
import { useViewStore } from '../state/viewStore';

/** Loading and error notice over the map (live region, so screen readers hear it). */
export function DataStatus() {
  const m = useMessages(appMessages);
  const level = useViewStore((s) => s.level);
  const loading = useDataStore(
    (s) =>
      s.status === 'loading' ||
      s.areaStatus[level] === 'loading' ||
      Object.values(s.institutionStatus).some((v) => v === 'loading'),
  );
  const errors = useDataStore((s) => s.errors);
  return (
    <div className="data-status" aria-live="polite">
      {errors.length > 0 && (
        <div className="data-status-error" role="alert">
          <strong>{m.loadError}</strong>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {loading && errors.length === 0 && <div className="data-status-loading">{m.loading}</div>}
    </div>
  );
}
