import { z } from './zod';
import { idSchema } from './common.schema';
import { keyed } from './error-texts';
import type { ComplaintFieldName } from './complaint.schema';

/**
 * The paper forms (shared/domain/FORMS.md). Each has a form control number and revision, set per
 * office (ISO 9001 document control), printed in its header and footer.
 */
export const PRINT_FORMS = ['complaint_record', 'handling_record', 'register', 'monthly_report'] as const;
export const printFormSchema = z.enum(PRINT_FORMS, keyed('field.choose', { field: '表单' }));
export type PrintForm = (typeof PRINT_FORMS)[number];

/** The forms printed for one complaint (the other two cover a period). */
export const COMPLAINT_FORMS = ['complaint_record', 'handling_record'] as const;
export type ComplaintForm = (typeof COMPLAINT_FORMS)[number];

export const complaintFormPrintSchema = z.object({
  complaintId: idSchema('投诉'),
  form: z.enum(COMPLAINT_FORMS, keyed('print.chooseForm')),
  actorId: idSchema('操作人'),
  /** Residents' phone numbers print masked (138****5678) unless the desk asks for the full number. */
  fullPhone: z.boolean(keyed('print.fullPhoneFlag')).default(false),
});
export type ComplaintFormPrintInput = z.input<typeof complaintFormPrintSchema>;

export const blankFormPrintSchema = z.object({ form: printFormSchema });

export const printIdSchema = z.object({ printId: idSchema('打印文件') });
export const printListSchema = z.object({ complaintId: idSchema('投诉') });

/** A rendered PDF waiting in main: the renderer previews it by URL and never sees its bytes. */
export interface PrintedPdf {
  printId: string;
  form: PrintForm;
  /** Suggested file name, e.g. `投诉处理记录表_YGHA-20261102-003_v2.pdf`. */
  fileName: string;
  /** Same-origin URL of the PDF (app:// in Electron, http://127.0.0.1 in web mode). */
  previewUrl: string;
  /** 0 for blank forms and unrecorded prints. */
  version: number;
  /** As printed in the footer: `打印版本 v2 · 2026-11-22 10:54 · 周晓雯`; '' on blank forms. */
  printVersion: string;
  /** Characters the font has no glyph for: they print blank, so the screen must say so. */
  missingGlyphs: string[];
}

/** One print of a complaint's form: the version the paper carries, and its signed copy once it is back. */
export interface PrintRecord {
  id: string;
  complaintId: string;
  form: ComplaintForm;
  version: number;
  printedAt: string;
  printedBy: string;
  /** The complaint's record version the print was made from. */
  complaintVersion: number;
  /** The attachment holding the signed scan or photo; '' until it is back. */
  signedAttachmentId: string;
  signedAt: string;
  /** The complaint fields on the paper: locked once the signed copy is back. */
  printedFields: ComplaintFieldName[];
}

/** URL of a rendered PDF, the same path in Electron (app://) and web mode; `download` asks for a file. */
export const printUrl = (printId: string, download = false): string => `/files/prints/${printId}${download ? '?download=1' : ''}`;

export const formCodeSchema = z.object({
  code: z
    .string(keyed('field.required', { field: '表单编号' }))
    .trim()
    .min(1, keyed('field.required', { field: '表单编号' }))
    .max(30, keyed('field.tooLong', { field: '表单编号', max: 30 })),
  revision: z
    .string(keyed('field.required', { field: '版本' }))
    .trim()
    .min(1, keyed('field.required', { field: '版本' }))
    .max(10, keyed('field.tooLong', { field: '版本', max: 10 })),
});
export const formCodesSchema = z.object({
  complaint_record: formCodeSchema,
  handling_record: formCodeSchema,
  register: formCodeSchema,
  monthly_report: formCodeSchema,
});
export type FormCodes = z.output<typeof formCodesSchema>;

/** Desktop only: where the PDF went (null when the user cancelled the save dialog). */
export interface SavedPdf {
  path: string | null;
}
