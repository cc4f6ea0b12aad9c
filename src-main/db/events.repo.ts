import type { Db } from './connection';
import { stmt } from './statements';
import { NOTE_TEXTS_ZH, wordNote, type ComplaintEvent, type FieldChange, type KeyedText, type NoteKey, type TextParams } from '../../src-preload/contract';

export interface NewEvent {
  id: string;
  complaintId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: ComplaintEvent['kind'];
  changes: FieldChange[];
  /** Chinese, as printed. A note main composes comes with its key too (`keyedNote`). */
  note?: string;
  noteText?: KeyedText<NoteKey>;
}

/** A note main composes: its Chinese (stored, printed) and its key, so the timeline can word it in the user's language. */
export const keyedNote = (text: KeyedText<NoteKey>) => ({ note: wordNote('zh-CN', text), noteText: text });

export function insertEvent(db: Db, e: NewEvent): void {
  stmt(db, 
    'INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note, note_key, note_params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.id, e.complaintId, e.at, e.actorId, e.actorName, e.kind, JSON.stringify(e.changes), e.note ?? '', e.noteText?.key ?? '', JSON.stringify(e.noteText?.params ?? {}));
}

export function listEvents(db: Db, complaintId: string): ComplaintEvent[] {
  const rows = stmt(db, 'SELECT id, at, actor_name, kind, changes, note, note_key, note_params FROM complaint_events WHERE complaint_id = ? ORDER BY at, id')
    .all(complaintId) as { id: string; at: string; actor_name: string; kind: ComplaintEvent['kind']; changes: string; note: string; note_key: string; note_params: string }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    kind: r.kind,
    changes: JSON.parse(r.changes) as FieldChange[],
    note: r.note,
    // A key this version does not know (a newer office's export) shows the Chinese note instead.
    ...(Object.hasOwn(NOTE_TEXTS_ZH, r.note_key) && { noteText: { key: r.note_key as NoteKey, params: JSON.parse(r.note_params) as TextParams } }),
  }));
}
