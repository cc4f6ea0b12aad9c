import type { Category, Department, OfficeInfo } from '../../../../src-preload/contract';
import { useApiQuery } from '../../lib/query';
import { useLookups } from '../../app/lookups';

const NO_OFFICES: OfficeInfo[] = [];
const NO_DEPARTMENTS: Department[] = [];
const NO_CATEGORIES: Category[] = [];

/**
 * The offices whose records are in this database (issue 5 point 4): this one, and at head office
 * every office merged here. Read again after any change (an import adds offices). Without the list
 * the page stays as for one office: the filter is an extra, not a must.
 */
export function useOffices(): OfficeInfo[] {
  return useApiQuery('offices:list', {}).data ?? NO_OFFICES;
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
  const directory = useApiQuery('offices:directory', { officeCode }, { enabled: officeCode !== '' }).data;
  const several = offices.length > 1;
  if (!officeCode) {
    return several
      ? { several, departments: [], categories: [], pickOfficeFirst: true }
      : { several, departments: lookups.departments, categories: lookups.categories, pickOfficeFirst: false };
  }
  return { several, departments: directory?.departments ?? NO_DEPARTMENTS, categories: directory?.categories ?? NO_CATEGORIES, pickOfficeFirst: false };
}
