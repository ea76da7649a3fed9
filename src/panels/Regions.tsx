import type { ReactNode } from 'react';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';

/** Centre region holding the map (and overlays such as the data status). */
export function MapRegion({ children }: { children: ReactNode }) {
  const m = useMessages(appMessages);
  return (
    <main className="app-map" aria-label={m.mapLabel}>
      {children}
    </main>
  );
}

/**
 * Right-hand details region (area profile, institution card). Collapses when every child renders null.
 */
export function DetailsRegion({ children }: { children?: ReactNode }) {
  const m = useMessages(appMessages);
  return (
    <aside className="app-details" aria-label={m.detailsLabel}>
      {children}
    </aside>
  );
}

/** Bottom region under the map (institution table). Collapses when every child renders null. */
export function BottomRegion({ children }: { children?: ReactNode }) {
  const m = useMessages(appMessages);
  return (
    <section className="app-bottom" aria-label={m.tableLabel}>
      {children}
    </section>
  );
}
