import { mapMessages } from '../i18n/messages/map';
import { useMessages } from '../i18n/useMessages';
import { useUrlNoticeStore } from '../state/urlSync';

/** Notices about link parameters that were ignored (unknown or tampered); dismissible. */
export function UrlNotice() {
  const m = useMessages(mapMessages);
  const notices = useUrlNoticeStore((s) => s.notices);
  const setNotices = useUrlNoticeStore((s) => s.setNotices);
  return (
    <div role="status" className="url-notice" data-testid="url-notice" hidden={notices.length === 0}>
      {notices.length > 0 && (
        <>
          <strong>{m.urlNotice}:</strong>
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setNotices([])}>
            {m.dismiss}
          </button>
        </>
      )}
    </div>
  );
}
