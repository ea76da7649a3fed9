import { type FormEvent, useId, useState } from 'react';
import { securityMessages } from '../i18n/messages/security';
import { useMessages } from '../i18n/useMessages';
import { cleanAttribution, validateTileTemplate } from '../security/basemap';
import { useBasemapStore } from '../state/basemapStore';
import { SidebarSection } from './Sidebar';
import './BasemapSettings.css';

/**
 * "Hintergrundkarte": the optional online basemap (off by default). Explains that tiles — and so the
 * viewed map area — are requested from the configured host; validates the template; stores the setting
 * in localStorage and reloads, because the startup Content-Security-Policy allows only that host.
 */
export function BasemapSettings({ reload = () => window.location.reload() }: { reload?: () => void }) {
  const m = useMessages(securityMessages);
  const config = useBasemapStore((s) => s.config);
  const active = useBasemapStore((s) => s.active);
  const save = useBasemapStore((s) => s.save);
  const [enabled, setEnabled] = useState(config.enabled);
  const [template, setTemplate] = useState(config.template);
  const [attribution, setAttribution] = useState(config.attribution);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (enabled) {
      const check = validateTileTemplate(template);
      if (!check.ok) {
        setError(m[`basemapError_${check.error}`]);
        return;
      }
    }
    setError(null);
    const ok = save({ enabled, template: template.trim(), attribution: cleanAttribution(attribution) });
    if (!ok) {
      setError(m.basemapSaveFailed);
      return;
    }
    reload();
  };

  return (
    <SidebarSection id="basemap" title={m.sectionBasemap} defaultOpen={false}>
      <form className="basemap-settings" onSubmit={onSubmit} data-testid="basemap-settings" noValidate>
        <p className="muted" data-testid="basemap-status">
          {active ? m.basemapActive(new URL(active.origin).host) : m.basemapOffline}
        </p>
        <p className="basemap-privacy" id={`${id}-privacy`}>
          {m.basemapPrivacy}
        </p>
        <label className="check-row">
          <input
            type="checkbox"
            checked={enabled}
            aria-describedby={`${id}-privacy`}
            data-testid="basemap-enable"
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          {m.basemapEnable}
        </label>
        <label className="field-label" htmlFor={`${id}-tpl`}>
          {m.basemapTemplate}
        </label>
        <input
          id={`${id}-tpl`}
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={template}
          disabled={!enabled}
          aria-invalid={error !== null}
          aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
          data-testid="basemap-template"
          onChange={(e) => setTemplate(e.currentTarget.value)}
        />
        <p className="muted" id={`${id}-hint`}>
          {m.basemapTemplateHint}
        </p>
        <label className="field-label" htmlFor={`${id}-attr`}>
          {m.basemapAttribution}
        </label>
        <input
          id={`${id}-attr`}
          type="text"
          value={attribution}
          disabled={!enabled}
          data-testid="basemap-attribution"
          onChange={(e) => setAttribution(e.currentTarget.value)}
        />
        {error && (
          <p id={`${id}-err`} role="alert" className="error" data-testid="basemap-error">
            {error}
          </p>
        )}
        <p className="muted">{m.basemapReloadNote}</p>
        <button type="submit" data-testid="basemap-apply">
          {m.basemapApply}
        </button>
      </form>
    </SidebarSection>
  );
}
