/** The two forms with nothing filled in, for offices that write by hand (FORMS.md "Blank forms"). */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { complaintRecordDoc } from './complaint-record.doc';
import { handlingRecordDoc } from './handling-record.doc';
import type { FormHeader } from './layout';

/** 顾客投诉记录表, blank: 编号 left to write by hand, every cell at least one line of handwriting high. */
export const blankComplaintRecordDoc = (form: FormHeader): TDocumentDefinitions => complaintRecordDoc(form, null);

/** 投诉处理记录表, blank, with one handling round (later rounds go on another sheet). */
export const blankHandlingRecordDoc = (form: FormHeader): TDocumentDefinitions => handlingRecordDoc(form, null);
