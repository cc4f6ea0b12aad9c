import { CHANNELS, COMPLAINT_SORT_KEYS, SEVERITIES, STATUSES, type ComplaintListQuery, type ComplaintSortKey } from '../../../../src-preload/contract';

/**
 * What the register shows (filters, search, page, sort), kept in the URL after `#/register?` so
 * that coming back from a complaint, back/forward and a reload restore the same view:
 * `#/register?text=张伟&status=registered,dispatched&page=2&sort=complainantName&dir=asc`.
 * Only values that differ from the defaults are written; anything unknown in the URL is ignored.
 */
export interface RegisterFilters {
  /** Several statuses at once ([] = every status). */
  status: ComplaintStatusValue[];
  departmentId: string;
  categoryId: string;
  channel: string;
  severity: string;
  receivedFrom: string;
  receivedTo: string;
  text: string;
  /** Head office: one office's complaints ('' = every office). */
  officeCode: string;
}
type ComplaintStatusValue = (typeof STATUSES)[number];
export type SortDirection = 'asc' | 'desc';

export interface RegisterView {
  filters: RegisterFilters;
  page: number;
  sort: ComplaintSortKey;
  direction: SortDirection;
}

export const NO_FILTERS: RegisterFilters = { status: [], departmentId: '', categoryId: '', channel: '', severity: '', receivedFrom: '', receivedTo: '', text: '', officeCode: '' };
/** Newest first, as main lists by default. */
export const DEFAULT_VIEW: RegisterView = { filters: NO_FILTERS, page: 1, sort: 'receivedAt', direction: 'desc' };

/** The URL parameter of each single-valued filter (short names: the URL is shown and shared). */
const PARAM: Record<Exclude<keyof RegisterFilters, 'status'>, string> = {
  text: 'text',
  departmentId: 'department',
  categoryId: 'category',
  channel: 'channel',
  severity: 'severity',
  receivedFrom: 'from',
  receivedTo: 'to',
  officeCode: 'office',
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((v) => v === value);

/** The register's view from the query part of the hash ('' or 'text=…&page=2'). */
export function parseRegisterView(query: string): RegisterView {
  const params = new URLSearchParams(query);
  const get = (name: string) => params.get(name) ?? '';
  const filters: RegisterFilters = {
    ...NO_FILTERS,
    text: get(PARAM.text),
    departmentId: get(PARAM.departmentId),
    categoryId: get(PARAM.categoryId),
    officeCode: get(PARAM.officeCode),
    channel: oneOf(CHANNELS, params.get(PARAM.channel)) ?? '',
    severity: oneOf(SEVERITIES, params.get(PARAM.severity)) ?? '',
    receivedFrom: DATE.test(get(PARAM.receivedFrom)) ? get(PARAM.receivedFrom) : '',
    receivedTo: DATE.test(get(PARAM.receivedTo)) ? get(PARAM.receivedTo) : '',
    status: get('status')
      .split(',')
      .flatMap((s) => oneOf(STATUSES, s) ?? []),
  };
  const page = Number.parseInt(get('page'), 10);
  return {
    filters,
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    sort: oneOf(COMPLAINT_SORT_KEYS, params.get('sort')) ?? DEFAULT_VIEW.sort,
    direction: oneOf(['asc', 'desc'] as const, params.get('dir')) ?? DEFAULT_VIEW.direction,
  };
}

/** The hash that shows this view: '#/register' for the default one. */
export function registerViewHash(view: RegisterView): string {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    if (view.filters[key]) params.set(name, view.filters[key]);
  }
  if (view.filters.status.length) params.set('status', view.filters.status.join(','));
  if (view.page !== 1) params.set('page', String(view.page));
  if (view.sort !== DEFAULT_VIEW.sort || view.direction !== DEFAULT_VIEW.direction) {
    params.set('sort', view.sort);
    params.set('dir', view.direction);
  }
  const query = params.toString();
  return query ? `#/register?${query}` : '#/register';
}

/** The register's query for main: only the filters that are set (empty means "all"). */
export function toListQuery(view: RegisterView, text: string, pageSize: number): ComplaintListQuery {
  const f = view.filters;
  return {
    page: view.page,
    pageSize,
    sort: view.sort,
    direction: view.direction,
    ...(f.status.length > 0 && { status: f.status }),
    ...(f.departmentId && { departmentId: f.departmentId }),
    ...(f.categoryId && { categoryId: f.categoryId }),
    ...(f.channel && { channel: f.channel as ComplaintListQuery['channel'] }),
    ...(f.severity && { severity: f.severity as ComplaintListQuery['severity'] }),
    ...(f.receivedFrom && { receivedFrom: f.receivedFrom }),
    ...(f.receivedTo && { receivedTo: f.receivedTo }),
    ...(text.trim() && { text: text.trim() }),
    ...(f.officeCode && { officeCode: f.officeCode }),
  };
}

/** A click on a column header: the same column flips its direction; another starts A→Z (time: newest first). */
export function sortBy(view: RegisterView, key: ComplaintSortKey): RegisterView {
  const direction: SortDirection = view.sort === key ? (view.direction === 'asc' ? 'desc' : 'asc') : key === 'receivedAt' ? 'desc' : 'asc';
  return { ...view, sort: key, direction, page: 1 };
}
