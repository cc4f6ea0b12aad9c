import type { Db } from './connection';
import { stmt } from './statements';
import type { ComplaintEvent, FieldChange } from '../../src-preload/contract';

export interface NewEvent {
  id: string;
  complaintId: string;
  at: string;
  actorId: string | null;
  actorName: string;
  kind: ComplaintEvent['kind'];
  changes: FieldChange[];
  note?: string;
}

export function insertEvent(db: Db, e: NewEvent): void {
  stmt(db, 
    'INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.id, e.complaintId, e.at, e.actorId, e.actorName, e.kind, JSON.stringify(e.changes), e.note ?? '');
}

export function listEvents(db: Db, complaintId: string): ComplaintEvent[] {
  const rows = stmt(db, 'SELECT id, at, actor_name, kind, changes, note FROM complaint_events WHERE complaint_id = ? ORDER BY at, id')
    .all(complaintId) as { id: string; at: string; actor_name: string; kind: ComplaintEvent['kind']; changes: string; note: string }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    kind: r.kind,
    changes: JSON.parse(r.changes) as FieldChange[],
    note: r.note,
  }));
}
