import { z } from './zod';
import { idSchema, requiredText } from './common.schema';
import { keyed } from './error-texts';

/** Photos and scanned letters (procedure §3). Checked against the file's own bytes in main. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;

export const attachmentAddSchema = z.object({
  complaintId: idSchema('投诉'),
  actorId: idSchema('操作人'),
  fileName: requiredText('文件名', 120),
  /** The file's bytes, base64. One transport for IPC and HTTP alike; size is capped in main. */
  dataBase64: z
    .string(keyed('attachment.contentInvalid'))
    .min(1, keyed('attachment.empty'))
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, keyed('attachment.notBase64')),
  /** The print this file is the signed copy of (scan or photo): its printed fields are locked from then on. */
  signedPrintId: idSchema('打印版本').optional(),
});
export type AttachmentAddInput = z.input<typeof attachmentAddSchema>;

export const attachmentRemoveSchema = z.object({
  complaintId: idSchema('投诉'),
  attachmentId: idSchema('附件'),
  actorId: idSchema('操作人'),
});

/** URL of an attachment's bytes, the same in Electron (app://) and web mode (http://). */
export const attachmentUrl = (sha256: string): string => `/files/attachments/${sha256}`;
