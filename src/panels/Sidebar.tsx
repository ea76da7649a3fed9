import { type ReactNode, useId, useState } from 'react';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';

/** The left sidebar: a column of collapsible sections. */
export function Sidebar({ children }: { children: ReactNode }) {
  const m = useMessages(appMessages);
  return (
    <aside className="app-sidebar" aria-label={m.sidebarLabel}>
      {children}
    </aside>
  );
}

export interface SidebarSectionProps {
  /** Stable id (used for test ids and anchors), e.g. "level", "layers", "sources". */
  id: string;
  title: string;
  defaultOpen?: boolean;
  children: ReactNode;
}

/** A collapsible sidebar section: a heading with a disclosure button (aria-expanded) and a body. */
export function SidebarSection({ id, title, defaultOpen = true, children }: SidebarSectionProps) {
  const [open, setOpen] = useState(defaultOpen);
  const uid = useId();
  const bodyId = `${uid}-body`;
  const headId = `${uid}-head`;
  return (
    <section className="sidebar-section" aria-labelledby={headId} data-section={id}>
      <h2 className="sidebar-section-heading">
        <button
          type="button"
          id={headId}
          aria-expanded={open}
          aria-controls={bodyId}
          data-testid={`section-${id}`}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="sidebar-section-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
      </h2>
      <div id={bodyId} className="sidebar-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
