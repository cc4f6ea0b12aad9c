import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type Messages } from './messages.zh-CN';
import { en } from './messages.en';
import { setTextLocale, type Locale } from '../../../src-preload/contract';

export type { Locale };
const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'complaint-desk.locale';

interface I18n {
  locale: Locale;
  m: Messages;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const stored: Locale = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
    // What is worded outside React follows it from the first render: forms' validation messages, refusals from main.
    setTextLocale(stored);
    return stored;
  });
  const value = useMemo<I18n>(
    () => ({
      locale,
      m: CATALOGUES[locale],
      setLocale: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setTextLocale(next);
        document.documentElement.lang = next;
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** Fill `{name}` placeholders: fill('编号 {number}', { number: 'X' }). */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
