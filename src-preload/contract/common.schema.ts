import { z } from './zod';
import { isRealWallTime } from './wall-time';
import { keyed } from './error-texts';
import type { Term } from './terms';
import { normalisePhone } from './phone';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** ULID: 26 Crockford base-32 characters; sortable by creation time, unique across offices. */
export const idSchema = (label: Term) =>
  z.string(keyed('field.choose', { field: label })).min(1, keyed('field.choose', { field: label })).regex(ULID_PATTERN, keyed('field.invalid', { field: label }));

/** A required single line of text, trimmed, with the label in every message. */
export const requiredText = (label: Term, max: number) =>
  z
    .string(keyed('field.required', { field: label }))
    .trim()
    .min(1, keyed('field.required', { field: label }))
    .max(max, keyed('field.tooLong', { field: label, max }));

/**
 * Optional text: empty is stored as an empty string (it prints as a blank line to fill in).
 * No `.default()` here: zod 4 applies defaults inside `.partial()`, which would blank fields an
 * edit did not mention. Create schemas add their defaults explicitly.
 */
export const optionalText = (label: Term, max: number) =>
  z
    .string(keyed('field.notText', { field: label }))
    .trim()
    .max(max, keyed('field.tooLong', { field: label, max }));

export const wallTimeSchema = (label: Term) =>
  z
    .string(keyed('field.required', { field: label }))
    .trim()
    .refine(isRealWallTime, keyed('field.wallTime', { field: label, example: '2026-11-02 09:12' }));

export const optionalWallTimeSchema = (label: Term) =>
  z
    .string(keyed('field.wallTimeFormat', { field: label }))
    .trim()
    .refine((v) => v === '' || isRealWallTime(v), keyed('field.wallTime', { field: label, example: '2026-11-05 18:00' }));

export const dateOnlySchema = (label: Term) =>
  z
    .string(keyed('field.dateFormat', { field: label }))
    .regex(/^\d{4}-\d{2}-\d{2}$/, keyed('field.dateFormat', { field: label }))
    .refine((v) => isRealWallTime(`${v} 00:00`), keyed('field.notADate', { field: label }));

/**
 * Mainland mobile (11 digits from 1), landline with area code and perhaps an extension, or a local
 * number, typed any common way (spaces, dashes, brackets, +86) and stored in one form (phone.ts):
 * the form and main both get the normalised number, so the read-back shows what will be saved.
 * `overwrite`, not `transform`: the schema stays a string schema (`.default`, `.partial` as before).
 */
export const phoneSchema = z
  .string(keyed('field.notText', { field: '联系电话' }))
  .trim()
  .refine((v) => normalisePhone(v) !== undefined, keyed('phone.format'))
  .overwrite((v) => normalisePhone(v) ?? v);
