/**
 * Which office a head-office view shows (issue 5 point 4). A database may hold several offices'
 * records: its own, and those merged from their exports. Registers, the board and reports are
 * shown for one office or for all of them; in a database with one office, "all" is simply that
 * office and every view reads as it did before head office existed.
 */
import type { OfficeDirectory, OfficeInfo } from '../../src-preload/contract';
import { listOfficeEntries } from '../db/office-directory.repo';
import { listOffices } from '../exchange/offices';
import { invalid } from '../lib/app-error';
import type { ServiceContext } from './context';

/** What the header of an all-offices print says instead of an office's name. */
export const ALL_OFFICES_NAME = '全部服务中心';

export interface OfficeScope {
  /** The office shown; '' for every office (no filter in SQL). */
  officeCode: string;
  /** As printed in a form's header. */
  officeName: string;
  /** The `office_code` its directory rows carry ('' for this database's own); null: every office's. */
  directoryOffice: string | null;
  /** Every office of a database holding several: the reports add one row per office. */
  allOfSeveral: boolean;
  /** The offices in the database, this one first (listOffices). */
  offices: OfficeInfo[];
}

/** An office as the screens and the all-offices report name it: 阳光花园服务中心（YGHA）. */
export const officeLabel = (o: Pick<OfficeInfo, 'code' | 'name'>) => `${o.name}（${o.code}）`;

/** The scope of `officeCode` (absent or '': all offices); an office not in this database is refused. */
export function officeScope(ctx: ServiceContext, officeCode: string | undefined): OfficeScope {
  const offices = listOffices(ctx);
  if (!officeCode) {
    return offices.length > 1
      ? { officeCode: '', officeName: ALL_OFFICES_NAME, directoryOffice: null, allOfSeveral: true, offices }
      : { officeCode: '', officeName: offices[0]?.name ?? '', directoryOffice: '', allOfSeveral: false, offices };
  }
  const office = offices.find((o) => o.code === officeCode);
  if (!office) throw invalid('officeCode', 'office.unknown', { code: officeCode });
  // This database's own directory rows are marked '' whatever the office's code is.
  return { officeCode, officeName: office.name, directoryOffice: office.local ? '' : office.code, allOfSeveral: false, offices };
}

/** `offices:directory`: the departments and categories of one office, retired ones included. */
export function officeDirectory(ctx: ServiceContext, officeCode: string): OfficeDirectory {
  const { directoryOffice } = officeScope(ctx, officeCode);
  return {
    departments: listOfficeEntries(ctx.db, 'departments', directoryOffice),
    categories: listOfficeEntries(ctx.db, 'categories', directoryOffice),
  };
}
