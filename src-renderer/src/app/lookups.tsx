import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, Category, Department, OfficeSettings, Staff } from '../../../src-preload/contract';
import { call } from '../lib/api';

/** What most screens need to show names and fill selects; loaded once, reloaded after settings change. */
export interface Lookups {
  info: AppInfo;
  settings: OfficeSettings;
  departments: Department[];
  categories: Category[];
  staff: Staff[];
}

interface LookupsState {
  lookups: Lookups | null;
  error: string | null;
  reload: () => Promise<void>;
}

const LookupsContext = createContext<LookupsState | null>(null);

export function LookupsProvider({ children }: { children: ReactNode }) {
  const [lookups, setLookups] = useState<Lookups | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const [info, settings, departments, categories, staff] = await Promise.all([
        call('app:info', {}),
        call('settings:get', {}),
        call('departments:list', { includeInactive: true }),
        call('categories:list', { includeInactive: true }),
        call('staff:list', { includeInactive: true }),
      ]);
      setLookups({ info, settings, departments, categories, staff });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const value = useMemo(() => ({ lookups, error, reload }), [lookups, error, reload]);
  return <LookupsContext.Provider value={value}>{children}</LookupsContext.Provider>;
}

export function useLookupsState(): LookupsState {
  const state = useContext(LookupsContext);
  if (!state) throw new Error('useLookups outside LookupsProvider');
  return state;
}

/** The loaded lookups; only used below the point where the app has waited for them. */
export function useLookups(): Lookups & { reload: () => Promise<void> } {
  const { lookups, reload } = useLookupsState();
  if (!lookups) throw new Error('lookups not loaded yet');
  return { ...lookups, reload };
}
