import { useLocaleStore } from '../state/localeStore';
import { type Catalog, type Messages, pick } from './catalog';

/** React hook: the catalogue in the current locale. */
export function useMessages<M extends Messages>(catalog: Catalog<M>): M {
  const locale = useLocaleStore((s) => s.locale);
  return pick(catalog, locale);
}
