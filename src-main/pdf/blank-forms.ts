/** The forms with nothing filled in, for offices that write by hand (FORMS.md "Blank forms"). */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { complaintRecordDoc } from './complaint-record.doc';
import { handlingRecordDoc } from './handling-record.doc';
import type { FormHeader } from './layout';
import { monthlyReportDoc } from './monthly-report.doc';
import { complaintRegisterDoc } from './register.doc';

/** 顾客投诉记录表, blank: 编号 left to write by hand, every cell at least one line of handwriting high. */
export const blankComplaintRecordDoc = (form: FormHeader): TDocumentDefinitions => complaintRecordDoc(form, null);

/** 投诉处理记录表, blank, with one handling round (later rounds go on another sheet). */
export const blankHandlingRecordDoc = (form: FormHeader): TDocumentDefinitions => handlingRecordDoc(form, null);

/** 投诉记录表 (the register), blank: one landscape page of 8 mm rows, the period and totals to fill in. */
export const blankRegisterDoc = (form: FormHeader): TDocumentDefinitions => complaintRegisterDoc(form, null);

/** 月度投诉统计报表, blank: channel and severity rows named, every figure and list left to write. */
export const blankMonthlyReportDoc = (form: FormHeader): TDocumentDefinitions => monthlyReportDoc(form, null);
