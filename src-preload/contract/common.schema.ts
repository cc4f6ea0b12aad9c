import { z } from './zod';
import { isRealWallTime } from './wall-time';
import { normalisePhone } from './phone';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** ULID: 26 Crockford base-32 characters; sortable by creation time, unique across offices. */
export const idSchema = (label: string) =>
  z.string({ error: `请选择${label}` }).min(1, `请选择${label}`).regex(ULID_PATTERN, `${label}无效`);

/** A required single line of text, trimmed, with the label in every message. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

/**
 * Optional text: empty is stored as an empty string (it prints as a blank line to fill in).
 * No `.default()` here: zod 4 applies defaults inside `.partial()`, which would blank fields an
 * edit did not mention. Create schemas add their defaults explicitly.
 */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`);

export const wallTimeSchema = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isRealWallTime, `${label}格式应为 YYYY-MM-DD HH:mm，例如 2026-11-02 09:12`);

export const optionalWallTimeSchema = (label: string) =>
  z
    .string({ error: `${label}格式应为 YYYY-MM-DD HH:mm` })
    .trim()
    .refine((v) => v === '' || isRealWallTime(v), `${label}格式应为 YYYY-MM-DD HH:mm，例如 2026-11-05 18:00`);

export const dateOnlySchema = (label: string) =>
  z
    .string({ error: `${label}格式应为 YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((v) => isRealWallTime(`${v} 00:00`), `${label}不是有效日期`);

/**
 * Mainland mobile (11 digits from 1), landline with area code and perhaps an extension, or a local
 * number, typed any common way (spaces, dashes, brackets, +86) and stored in one form (phone.ts):
 * the form and main both get the normalised number, so the read-back shows what will be saved.
 * `overwrite`, not `transform`: the schema stays a string schema (`.default`, `.partial` as before).
 */
export const phoneSchema = z
  .string({ error: '联系电话必须是文字' })
  .trim()
  .refine((v) => normalisePhone(v) !== undefined, '联系电话格式不正确（手机 11 位，或座机如 0571-88886666）')
  .overwrite((v) => normalisePhone(v) ?? v);
