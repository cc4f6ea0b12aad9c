import { registerPrintInputSchema } from './report.schema';

/**
 * The register as an Excel file (issue 5, point 5), for staff who go on working in Excel. It takes
 * exactly what the register print takes — the screen's filters and a received-date period — so the
 * file and the paper list the same complaints.
 */
export const registerExportInputSchema = registerPrintInputSchema;

/** A written .xlsx waiting in main, like a rendered PDF: the renderer gets its URL, never its bytes. */
export interface RegisterExport {
  /** Same id space as prints: `print:save` offers it in the desktop's save dialog. */
  fileId: string;
  /** e.g. `投诉登记_2026-11-01至2026-11-30.xlsx` */
  fileName: string;
  /** Same-origin URL that downloads the file (`/files/prints/<id>?download=1`). */
  downloadUrl: string;
  /** Complaints in the file (rows below the header). */
  rows: number;
}
