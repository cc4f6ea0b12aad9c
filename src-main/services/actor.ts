import type { Staff } from '../../src-preload/contract';
import { getStaff } from '../db/directory.repo';
import { invalid } from '../lib/app-error';
import type { ServiceContext } from './context';

/** The staff member doing an edit: recorded by name on the timeline, so they must exist. */
export function requireActor(ctx: ServiceContext, actorId: string, field = 'actorId'): Staff {
  const actor = getStaff(ctx.db, actorId);
  if (!actor) throw invalid(field, 'actor.unknown');
  return actor;
}
