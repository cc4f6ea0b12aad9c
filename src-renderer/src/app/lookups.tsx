import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, Category, Department, OfficeSettings, Staff } from '../../../src-preload/contract';
import { useApiQuery } from '../lib/query';

/** What most screens need to show names and fill selects: cached queries, refreshed whenever they change. */
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
}

const LookupsContext = createContext<LookupsState | null>(null);

export function LookupsProvider({ children }: { children: ReactNode }) {
  const infoQuery = useApiQuery('app:info', {});
  const settingsQuery = useApiQuery('settings:get', {});
  const departmentsQuery = useApiQuery('departments:list', { includeInactive: true });
  const categoriesQuery = useApiQuery('categories:list', { includeInactive: true });
  const staffQuery = useApiQuery('staff:list', { includeInactive: true });
  const { data: info } = infoQuery;
  const { data: settings } = settingsQuery;
  const { data: departments } = departmentsQuery;
  const { data: categories } = categoriesQuery;
  const { data: staff } = staffQuery;
  const all = [infoQuery, settingsQuery, departmentsQuery, categoriesQuery, staffQuery];
  const error = all.find((q) => q.error)?.error?.message ?? null;
  const settled = all.every((q) => !q.isFetching);
  const latest = useMemo<Lookups | null>(
    () => (info && settings && departments && categories && staff ? { info, settings, departments, categories, staff } : null),
    [info, settings, departments, categories, staff],
  );
  // Screens see the five together, once none is being read again: after the first-run setup, say,
  // the intake form must not open with the office set up but the staff list (its receiver) not yet.
  const [lookups, setLookups] = useState<Lookups | null>(null);
  useEffect(() => {
    if (settled && latest) setLookups(latest);
  }, [settled, latest]);
  const value = useMemo(() => ({ lookups, error }), [lookups, error]);
  return <LookupsContext.Provider value={value}>{children}</LookupsContext.Provider>;
}

export function useLookupsState(): LookupsState {
  const state = useContext(LookupsContext);
  if (!state) throw new Error('useLookups outside LookupsProvider');
  return state;
}

/** The loaded lookups; only used below the point where the app has waited for them. */
export function useLookups(): Lookups {
  const { lookups } = useLookupsState();
  if (!lookups) throw new Error('lookups not loaded yet');
  return lookups;
}
