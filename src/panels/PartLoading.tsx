import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';

/** Visible placeholder while a part of the interface that is loaded on demand (React.lazy) arrives. */
export function PartLoading({ testId }: { testId?: string }) {
  const m = useMessages(appMessages);
  return (
    <p className="muted part-loading" role="status" aria-live="polite" data-testid={testId ?? 'part-loading'}>
      {m.partLoading}
    </p>
  );
}
