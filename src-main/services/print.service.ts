/**
 * Printing (issue 4): a form is rendered in main, kept as a file and handed to the renderer as a
 * URL — its bytes never cross the bridge. A complaint's form is a recorded print with a version on
 * the paper and in its QR code, so the signed copy that comes back is matched to what was signed.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  COMPLAINT_FIELD_NAMES,
  printUrl,
  type ComplaintFieldName,
  type ComplaintForm,
  type FormCodes,
  type PrintedPdf,
  type PrintForm,
  type PrintRecord,
} from '../../src-preload/contract';
import { deletePrint, insertPrint, listPrints, nextPrintVersion } from '../db/prints.repo';
import { readSettings, writeSetting } from '../db/settings.repo';
import { AppError } from '../lib/app-error';
import { log } from '../lib/log';
import { ulid } from '../lib/ulid';
import { complaintRecordDoc } from '../pdf/complaint-record.doc';
import { handlingRecordDoc } from '../pdf/handling-record.doc';
import { blankComplaintRecordDoc, blankHandlingRecordDoc } from '../pdf/blank-forms';
import type { FormHeader } from '../pdf/layout';
import { renderPdf } from '../pdf/render';
import { requireActor } from './actor';
import { getComplaintDetail } from './complaints.service';
import type { ServiceContext } from './context';
import { wallNow } from './deadlines.service';
import { storePrintFile } from './print-store';
import { getSettings } from './settings.service';

/** Paper titles, also the start of the file names. */
export const FORM_TITLES: Record<PrintForm, string> = {
  complaint_record: '顾客投诉记录表',
  handling_record: '投诉处理记录表',
  register: '投诉记录表',
  monthly_report: '月度投诉统计报表',
};

/** FORMS.md's example numbers; each office sets its own in 设置. */
export const DEFAULT_FORM_CODES: FormCodes = {
  register: { code: 'WY-KF-JL-003', revision: 'A/0' },
  complaint_record: { code: 'WY-KF-JL-004', revision: 'A/0' },
  handling_record: { code: 'WY-KF-JL-005', revision: 'A/0' },
  monthly_report: { code: 'WY-KF-JL-006', revision: 'A/0' },
};

const FORM_CODES_KEY = 'formCodes';

export function getFormCodes(ctx: ServiceContext): FormCodes {
  return { ...DEFAULT_FORM_CODES, ...(readSettings(ctx.db)[FORM_CODES_KEY] as Partial<FormCodes> | undefined) };
}

export function updateFormCodes(ctx: ServiceContext, codes: FormCodes): FormCodes {
  ctx.db.transaction(() => writeSetting(ctx.db, FORM_CODES_KEY, codes)).immediate();
  return getFormCodes(ctx);
}

/**
 * The complaint fields each form puts on paper: once a signed copy of that print is back, these
 * are what the signatures vouch for, so they are locked.
 */
export const PRINTED_FIELDS: Record<ComplaintForm, readonly ComplaintFieldName[]> = {
  complaint_record: COMPLAINT_FIELD_NAMES,
  handling_record: ['complainantName', 'building', 'unit', 'room', 'phone', 'contactOther', 'receivedAt', 'categoryId', 'severity', 'description', 'request', 'requestedReplyAt', 'receiverId'],
};

/** The header every form shares: office, form number and revision, and (for a recorded print) its version and QR. */
export function formHeader(ctx: ServiceContext, form: PrintForm, printed?: { version: number; at: string; by: string; qrSubject: string }): FormHeader {
  const { code, revision } = getFormCodes(ctx)[form];
  return {
    officeName: getSettings(ctx).officeName,
    formCode: code,
    formVersion: revision,
    printVersion: printed ? `打印版本 v${printed.version} · ${printed.at} · ${printed.by}` : '',
    // What a phone reads off the paper: which complaint, which form, which print.
    qr: printed ? `${printed.qrSubject} ${code} v${printed.version}` : '',
  };
}

/** Characters outside the file systems' safe set (Windows is the strictest) become `_`. */
const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_');

async function renderToFile(ctx: ServiceContext, printId: string, fileName: string, doc: TDocumentDefinitions) {
  const { bytes, missing } = await renderPdf(doc);
  storePrintFile(ctx.dataDir, printId, fileName, bytes);
  return missing;
}

export interface ComplaintFormPrint {
  complaintId: string;
  form: ComplaintForm;
  actorId: string;
  fullPhone: boolean;
}

/**
 * Print one complaint's form as a new version. The version is taken in a transaction before the
 * (slow) rendering, so two prints never share a number; if rendering fails it is given back.
 */
export async function printComplaintForm(ctx: ServiceContext, input: ComplaintFormPrint): Promise<PrintedPdf> {
  const actor = requireActor(ctx, input.actorId);
  const detail = getComplaintDetail(ctx, input.complaintId);
  const id = ulid();
  const at = wallNow(ctx);
  const version = ctx.db
    .transaction(() => {
      const next = nextPrintVersion(ctx.db, input.complaintId, input.form);
      insertPrint(ctx.db, {
        id,
        complaintId: input.complaintId,
        form: input.form,
        version: next,
        printedAt: at,
        printedBy: actor.name,
        complaintVersion: detail.complaint.version,
        printedFields: PRINTED_FIELDS[input.form],
      });
      return next;
    })
    .immediate();

  const header = formHeader(ctx, input.form, { version, at, by: actor.name, qrSubject: detail.complaint.number });
  const options = { maskPhone: !input.fullPhone };
  const doc = input.form === 'complaint_record' ? complaintRecordDoc(header, detail, options) : handlingRecordDoc(header, detail, options);
  const fileName = safeFileName(`${FORM_TITLES[input.form]}_${detail.complaint.number}_v${version}.pdf`);
  try {
    const missingGlyphs = await renderToFile(ctx, id, fileName, doc);
    return { printId: id, form: input.form, fileName, previewUrl: printUrl(id), version, printVersion: header.printVersion, missingGlyphs };
  } catch (error) {
    deletePrint(ctx.db, id);
    log.error(`printing ${input.form} of ${detail.complaint.number} failed`, error);
    throw new AppError('INTERNAL', 'PDF 生成失败，未记录本次打印。详情已记录在日志中。');
  }
}

const BLANK_DOCS: Partial<Record<PrintForm, (header: FormHeader) => TDocumentDefinitions>> = {
  complaint_record: blankComplaintRecordDoc,
  handling_record: blankHandlingRecordDoc,
};

/** Blank forms (FORMS.md): nothing filled in, no version, no QR; for writing by hand when the PC is down. */
export async function printBlankForm(ctx: ServiceContext, form: PrintForm): Promise<PrintedPdf> {
  const blankDoc = BLANK_DOCS[form];
  if (!blankDoc) throw new AppError('VALIDATION', '该表单暂无空白版', 'form');
  const id = ulid();
  const fileName = safeFileName(`${FORM_TITLES[form]}_空白.pdf`);
  const missingGlyphs = await renderToFile(ctx, id, fileName, blankDoc(formHeader(ctx, form)));
  return { printId: id, form, fileName, previewUrl: printUrl(id), version: 0, printVersion: '', missingGlyphs };
}

export function printHistory(ctx: ServiceContext, complaintId: string): PrintRecord[] {
  return listPrints(ctx.db, complaintId);
}
