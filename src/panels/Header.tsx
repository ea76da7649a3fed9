import { LOCALES } from '../i18n/catalog';
import { appMessages } from '../i18n/messages/app';
import { useMessages } from '../i18n/useMessages';
import { useLocaleStore } from '../state/localeStore';
import { CopyLinkButton } from './CopyLink';

/** App header: title and the DE/EN language switch. */
export function Header() {
  const m = useMessages(appMessages);
  const locale = useLocaleStore((s) => s.locale);
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <header className="app-header">
      <h1 className="app-title">
        {m.appTitle} <span className="app-subtitle">{m.appSubtitle}</span>
      </h1>
      <CopyLinkButton />
      <fieldset className="lang-switch">
        <legend className="visually-hidden">{m.language}</legend>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={locale === l}
            title={l === 'de' ? m.languageDe : m.languageEn}
            onClick={() => setLocale(l)}
          >
            {l.toUpperCase()}
          </button>
        ))}
      </fieldset>
    </header>
  );
}
