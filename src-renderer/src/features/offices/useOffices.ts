import { useEffect, useState } from 'react';
import type { Category, Department, OfficeInfo } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { onDataChanged } from '../../lib/data-events';
import { useLookups } from '../../app/lookups';

/**
 * The offices whose records are in this database (issue 5 point 4): this one, and at head office
 * every office merged here. Read again after any change (an import adds offices).
 */
export function useOffices(): OfficeInfo[] {
  const [offices, setOffices] = useState<OfficeInfo[]>([]);
  useEffect(() => {
    let current = true;
    const load = () =>
      call('offices:list', {})
        .then((list) => current && setOffices(list))
        // Without the list the page stays as for one office: the filter is an extra, not a must.
        .catch(() => undefined);
    void load();
    const unsubscribe = onDataChanged(() => void load());
    return () => {
      current = false;
      unsubscribe();
    };
  }, []);
  return offices;
}

export interface OfficeChoices {
  /** More than one office here: the pages show the office filter and column. */
  several: boolean;
  /** The department and category choices of the office chosen (this office's when there is only one). */
  departments: Department[];
  categories: Category[];
  /** All offices of several: each office has its own departments and categories, so none is offered until one is chosen. */
  pickOfficeFirst: boolean;
}

/** What the filters may offer for `officeCode` ('' = all offices). */
export function useOfficeChoices(offices: OfficeInfo[], officeCode: string): OfficeChoices {
  const lookups = useLookups();
  const [directory, setDirectory] = useState<{ officeCode: string; departments: Department[]; categories: Category[] } | null>(null);
  const several = offices.length > 1;
  useEffect(() => {
    if (!officeCode) return;
    let current = true;
    call('offices:directory', { officeCode })
      .then((d) => current && setDirectory({ officeCode, ...d }))
      .catch(() => current && setDirectory({ officeCode, departments: [], categories: [] }));
    return () => {
      current = false;
    };
  }, [officeCode]);
  if (!officeCode) {
    return several
      ? { several, departments: [], categories: [], pickOfficeFirst: true }
      : { several, departments: lookups.departments, categories: lookups.categories, pickOfficeFirst: false };
  }
  const loaded = directory?.officeCode === officeCode ? directory : null;
  return { several, departments: loaded?.departments ?? [], categories: loaded?.categories ?? [], pickOfficeFirst: false };
}
