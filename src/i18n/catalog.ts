/**
 * Typed message catalogues. German is the source of truth; the English catalogue must have exactly
 * the same keys (the type checker enforces it). Each feature keeps its own small catalogue file under
 * `src/i18n/messages/`, so parallel work does not collide in one giant file.
 *
 *   export const importMessages = defineMessages({ title: 'Daten importieren', rows: (n: number) => `${n} Zeilen` },
 *                                                { title: 'Import data',       rows: (n: number) => `${n} rows` });
 */
export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

// biome-ignore lint/suspicious/noExplicitAny: message functions take any argument list
export type Message = string | ((...args: any[]) => string);
export type Messages = Record<string, Message>;

export interface Catalog<M extends Messages> {
  de: M;
  en: { [K in keyof M]: M[K] };
}

export function defineMessages<M extends Messages>(de: M, en: { [K in keyof M]: M[K] }): Catalog<M> {
  return { de, en };
}

export function pick<M extends Messages>(catalog: Catalog<M>, locale: Locale): M {
  return (locale === 'en' ? catalog.en : catalog.de) as M;
}
