/**
 * Printing (issue 4): a form is rendered in main, kept as a file and handed to the renderer as a
 * URL — its bytes never cross the bridge. A complaint's form is a recorded print with a version on
 * the paper and in its QR code, so the signed copy that comes back is matched to what was signed.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  COMPLAINT_FIELD_NAMES,
  printUrl,
  type ComplaintDetail,
  type ComplaintFieldName,
  type ComplaintForm,
  type FormCodes,
  type MonthlyReportInput,
  type PrintedPdf,
  type PrintForm,
  type PrintRecord,
  type RegisterPrintQuery,
} from '../../src-preload/contract';
import { deletePrint, insertPrint, listPrints, nextPrintVersion } from '../db/prints.repo';
import { mergedOfficeForms } from '../exchange/offices';
import { readSettings, writeSetting } from '../db/settings.repo';
import { refusal } from '../lib/app-error';
import { log } from '../lib/log';
import { ulid } from '../lib/ulid';
import { complaintRecordDoc } from '../pdf/complaint-record.doc';
import { handlingRecordDoc } from '../pdf/handling-record.doc';
import { blankComplaintRecordDoc, blankHandlingRecordDoc, blankMonthlyReportDoc, blankRegisterDoc } from '../pdf/blank-forms';
import { complaintRegisterDoc } from '../pdf/register.doc';
import { monthlyReportDoc } from '../pdf/monthly-report.doc';
import { monthlyReportData, registerPrintData } from './reports.service';
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

/** What a recorded print adds to the header: its version line and the text of its QR code. */
export interface PrintStamp {
  printVersion: string;
  qr: string;
}

/** The header every form shares: office, form number and revision, and (for a recorded print) its version and QR. */
export function formHeader(ctx: ServiceContext, form: PrintForm, stamp?: PrintStamp): FormHeader {
  const { code, revision } = getFormCodes(ctx)[form];
  return { officeName: getSettings(ctx).officeName, formCode: code, formVersion: revision, printVersion: stamp?.printVersion ?? '', qr: stamp?.qr ?? '' };
}

/** A complaint form's stamp: what a phone reads off the paper is which complaint, which form, which print. */
export function complaintFormStamp(ctx: ServiceContext, form: ComplaintForm, number: string, version: number, at: string, by: string): PrintStamp {
  return { printVersion: `打印版本 v${version} · ${at} · ${by}`, qr: `${number} ${getFormCodes(ctx)[form].code} v${version}` };
}

/**
 * A period's stamp (register, monthly report): the office, the form, the period and when it was
 * printed. The office is the one printed for (head office prints other offices' registers), or
 * this office, the one printing, when the print covers all offices.
 */
function periodStamp(ctx: ServiceContext, form: PrintForm, period: string, at: string, officeCode: string): PrintStamp {
  return { printVersion: `打印时间 ${at}`, qr: `${officeCode || getSettings(ctx).officeCode} ${getFormCodes(ctx)[form].code} ${period} ${at}` };
}

/** A period's form header: the office printed for (or 全部服务中心) instead of this office's name. */
function periodHeader(ctx: ServiceContext, form: PrintForm, period: string, office: { officeName: string; officeCode: string }): FormHeader {
  return { ...formHeader(ctx, form, periodStamp(ctx, form, period, wallNow(ctx), office.officeCode)), officeName: office.officeName };
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
  // Only the office's own complaint gets a recorded print version (editable is isOwnComplaint).
  if (!detail.editable) return printOfficeCopy(ctx, detail, input, actor.name);
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

  const header = formHeader(ctx, input.form, complaintFormStamp(ctx, input.form, detail.complaint.number, version, at, actor.name));
  const options = { maskPhone: !input.fullPhone };
  const doc = input.form === 'complaint_record' ? complaintRecordDoc(header, detail, options) : handlingRecordDoc(header, detail, options);
  const fileName = safeFileName(`${FORM_TITLES[input.form]}_${detail.complaint.number}_v${version}.pdf`);
  try {
    const missingGlyphs = await renderToFile(ctx, id, fileName, doc);
    return { printId: id, form: input.form, fileName, previewUrl: printUrl(id), version, printVersion: header.printVersion, missingGlyphs };
  } catch (error) {
    deletePrint(ctx.db, id);
    log.error(`printing ${input.form} of ${detail.complaint.number} failed`, error);
    throw refusal('INTERNAL', 'print.failed');
  }
}

/**
 * Head office's copy of another office's form (issue 13 point 13). The form is the office's: its
 * name and, as far as its export carried them, its form codes head the paper (blank when the file
 * did not carry them, rather than head office's own numbers). It is not a print version: versions,
 * and the signed copies matched to them, belong to the office (own-records.ts; a version recorded
 * here would never reach the office, whose next print would take the same number). So nothing is
 * recorded, and every page says 总部副本 and that it is not for signing; its QR code reads 副本
 * where a print reads its version.
 */
async function printOfficeCopy(ctx: ServiceContext, detail: ComplaintDetail, input: ComplaintFormPrint, actorName: string): Promise<PrintedPdf> {
  const office = mergedOfficeForms(ctx, detail.complaint.officeCode);
  const codes = office.formCodes?.[input.form];
  const printVersion = `总部副本（非打印版本，不作签字）· ${wallNow(ctx)} · ${actorName}`;
  const header: FormHeader = {
    officeName: office.name,
    formCode: codes?.code ?? '',
    formVersion: codes?.revision ?? '',
    printVersion,
    qr: [detail.complaint.number, codes?.code, '副本'].filter(Boolean).join(' '),
  };
  const options = { maskPhone: !input.fullPhone };
  const doc = input.form === 'complaint_record' ? complaintRecordDoc(header, detail, options) : handlingRecordDoc(header, detail, options);
  return printUnrecorded(ctx, input.form, `${FORM_TITLES[input.form]}_${detail.complaint.number}_总部副本.pdf`, doc, printVersion);
}

const BLANK_DOCS: Record<PrintForm, (header: FormHeader) => TDocumentDefinitions> = {
  complaint_record: blankComplaintRecordDoc,
  handling_record: blankHandlingRecordDoc,
  register: blankRegisterDoc,
  monthly_report: blankMonthlyReportDoc,
};

/** Blank forms (FORMS.md): nothing filled in, no version, no QR; for writing by hand when the PC is down. */
export async function printBlankForm(ctx: ServiceContext, form: PrintForm): Promise<PrintedPdf> {
  return printUnrecorded(ctx, form, `${FORM_TITLES[form]}_空白.pdf`, BLANK_DOCS[form](formHeader(ctx, form)), '');
}

/** A PDF that is not a recorded print of one complaint: rendered, kept for preview, not versioned. */
async function printUnrecorded(ctx: ServiceContext, form: PrintForm, name: string, doc: TDocumentDefinitions, printVersion: string): Promise<PrintedPdf> {
  const id = ulid();
  const fileName = safeFileName(name);
  const missingGlyphs = await renderToFile(ctx, id, fileName, doc);
  return { printId: id, form, fileName, previewUrl: printUrl(id), version: 0, printVersion, missingGlyphs };
}

/** 投诉记录表 for a period, landscape, filtered like the register screen. */
export async function printRegister(ctx: ServiceContext, query: RegisterPrintQuery): Promise<PrintedPdf> {
  const data = registerPrintData(ctx, query);
  const period = `${query.from}~${query.to}`;
  const header = periodHeader(ctx, 'register', period, { officeName: data.officeName, officeCode: query.officeCode ?? '' });
  const name = `${FORM_TITLES.register}${query.officeCode ? `_${query.officeCode}` : ''}_${period}.pdf`;
  return printUnrecorded(ctx, 'register', name, complaintRegisterDoc(header, data), header.printVersion);
}

/** 月度投诉统计报表 for head office: one office's, or every office's with a line per office. */
export async function printMonthlyReport(ctx: ServiceContext, input: MonthlyReportInput): Promise<PrintedPdf> {
  const report = monthlyReportData(ctx, input);
  const header = periodHeader(ctx, 'monthly_report', input.month, report);
  const name = `${FORM_TITLES.monthly_report}${report.officeCode ? `_${report.officeCode}` : ''}_${input.month}.pdf`;
  return printUnrecorded(ctx, 'monthly_report', name, monthlyReportDoc(header, report), header.printVersion);
}

export function printHistory(ctx: ServiceContext, complaintId: string): PrintRecord[] {
  return listPrints(ctx.db, complaintId);
}
