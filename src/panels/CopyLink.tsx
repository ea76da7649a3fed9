/**
 * "Link kopieren" (share the current URL state) — in the header, so it is part of the first render, while the
 * export dialog that also shows it is loaded on demand.
 */
import { useEffect, useRef, useState } from 'react';
import { exportMessages } from '../i18n/messages/export';
import { useMessages } from '../i18n/useMessages';
import './ExportDialog.css';

/** Copy text: async Clipboard API, then the legacy execCommand path; false if both fail. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission denied or insecure context: try the fallback
  }
  try {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  } catch {
    return false;
  }
}

/** "Link kopieren": copies the current URL (the shareable view state). */
export function CopyLinkButton({ url }: { url?: string }) {
  const m = useMessages(exportMessages);
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  // read the URL at click time: the URL sync replaces it without re-rendering this button
  const current = () => url ?? (typeof window !== 'undefined' ? window.location.href : '');
  const [href, setHref] = useState(current);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state === 'manual') inputRef.current?.select();
  }, [state]);
  return (
    <div className="copy-link">
      <button
        type="button"
        onClick={async () => {
          const link = current();
          setHref(link);
          setState((await copyText(link)) ? 'copied' : 'manual');
        }}
        data-testid="copy-link"
      >
        {m.copyLink}
      </button>
      <span role="status" aria-live="polite" className="copy-link-status">
        {state === 'copied' ? m.linkCopied : ''}
      </span>
      {state === 'manual' && (
        <label className="copy-link-manual">
          {m.linkCopyManual}
          <input ref={inputRef} type="text" readOnly value={href} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
