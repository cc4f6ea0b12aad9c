/**
 * The register as an Excel file (issue 5, point 5), for staff who keep working in Excel.
 *
 * Library: ExcelJS (npm `exceljs` 4.4.0, MIT; some 18 million downloads a month, still maintained:
 * a 4.4.1 prerelease came out in 2026). It does everything this sheet needs in plain API calls —
 * frozen panes, column widths, merged title cells, autofilter, cell styles — and streams rows to
 * disk. It runs in main only (the renderer never bundles it), and it also reads .xlsx, so the tests
 * read the produced file back with it. The npm `xlsx` (SheetJS) package is stuck at 0.18.5 with
 * published advisories (prototype pollution, ReDoS); SheetJS ships fixes only from its own site,
 * which this project's installs (npm registry only) cannot reach, and its free edition writes no
 * cell styles. write-excel-file is small and current but offers no autofilter.
 *
 * The rows are the register print's own data (registerPrintData: the register screen's query over
 * every page), so the file, the paper and the screen list the same complaints.
 */
import { rmSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { printUrl, type RegisterExport, type RegisterPrintQuery } from '../../src-preload/contract';
import { ulid } from '../lib/ulid';
import { log } from '../lib/log';
import { refusal } from '../lib/app-error';
import { writeRegisterWorkbook } from '../xlsx/register-workbook';
import type { ServiceContext } from './context';
import { printFilePath } from './print-store';
import { registerPrintData, type RegisterRowLimit } from './reports.service';

/**
 * Far more than a year of any one office, and still only about 2 s and 150 MB to write; beyond it a
 * multi-year export by mistake would keep the app busy. (The paper register stops at 5,000.)
 */
export const REGISTER_XLSX_MAX_ROWS = 20_000;
const EXPORT_LIMIT: RegisterRowLimit = { maxRows: REGISTER_XLSX_MAX_ROWS, action: '导出' };

/** `投诉登记_2026-11-01至2026-11-30.xlsx`: only dates and Chinese, safe on every file system. */
export const registerXlsxFileName = (from: string, to: string) => `投诉登记_${from}至${to}.xlsx`;

/** Write the register of `query` (filters and period, phones masked unless asked) as an .xlsx file the renderer can fetch. */
export async function exportRegisterXlsx(ctx: ServiceContext, query: RegisterPrintQuery): Promise<RegisterExport> {
  const data = registerPrintData(ctx, query, EXPORT_LIMIT);
  const { from, to } = data.period;
  const fileId = ulid();
  const fileName = registerXlsxFileName(from, to);
  const path = printFilePath(ctx.dataDir, fileId, fileName);
  // Written under a dot name (never served) and renamed whole: a download can't get half a file.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeRegisterWorkbook(temp, {
      title: `${data.officeName} 投诉登记（${from} 至 ${to}）`,
      subtitle: [`筛选：${data.filters || '无'}`, `导出时间：${data.asOf}`, `共 ${data.rows.length} 件`].join('　'),
      rows: data.rows,
    });
    renameSync(temp, path);
  } catch (error) {
    rmSync(dirname(path), { recursive: true, force: true });
    log.error(`exporting the register ${from}~${to} to Excel failed`, error);
    throw refusal('INTERNAL', 'excel.failed');
  }
  return { fileId, fileName, downloadUrl: printUrl(fileId, true), rows: data.rows.length };
}
