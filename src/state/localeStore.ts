import { create } from 'zustand';
import type { Locale } from '../i18n/catalog';

interface LocaleState {
  locale: Locale;
  setLocale: (l: Locale) => void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: 'de',
  setLocale: (locale) => {
    set({ locale });
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  },
}));
