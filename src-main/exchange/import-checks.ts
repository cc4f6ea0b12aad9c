/**
 * The checks of a received file that read all of it, on worker threads beside the merge (issue 5
 * point 7: at 100k complaints they are ~7 s of work, about as long as the merge's own; one after the
 * other they would double the import). Started as soon as the file has passed the checks that
 * keep its content from running anything (import-open.ts: header, quick_check, schema):
 *
 * - references: `foreign_key_check` — every reference points at a row of the file. The merge's
 *   connection writes without SQLite's foreign-key enforcement (it costs the merge a second per
 *   100k complaints); this check plus the merge's refusal of rows that refer to refused rows keep
 *   every reference whole. The merge commits only after it has passed.
 * - rows: every row of every table against the column rules (import-rows.ts);
 * - intake: every complaint's intake fields against the contract's intake schema.
 * One worker checks the references and then most tables' rules, the other the intake schema and
 * then the rest of the rules (RULES_BESIDE_INTAKE).
 *
 * The row checks start only when the merge will write many rows (merge.ts: most of the file's
 * complaints are new here); for a few it checks them itself, and a re-import checks nothing.
 */
import type { ExportManifest } from './manifest';
import { log } from '../lib/log';
import { exchangeErrors } from './exchange-error';
import { runTask, type TaskHandle } from './worker/run-task';
import { DANGLING_REFERENCE, type RowProblem } from './worker/worker-tasks';

export interface ReceivedFileChecks {
  /** Resolves when every reference points at a row of the file; rejects with the refusal otherwise. */
  references: Promise<void>;
  /** Start checking every row (the merge does, when it will write many). Safe to call twice. */
  checkRows: () => void;
  /** The rows that break a rule, from both workers (after `checkRows`). */
  rowProblems: () => Promise<RowProblem[]>;
  /** Stop everything (the import is over, or the merge checks its few rows itself). */
  cancel: () => void;
}

/**
 * The tables whose column rules the intake worker checks after the intake schema, so that both
 * workers take about as long (at 100k complaints: references 0.7 s + the timeline's rules 1.8 s +
 * the rest 1.1 s on one; the intake schema 2.4 s + the deadlines' rules 1.4 s on the other).
 */
const RULES_BESIDE_INTAKE: readonly string[] = ['complaint_deadlines'];

export function startReceivedFileChecks(file: string, manifest: ExportManifest, tables: readonly string[]): ReceivedFileChecks {
  const fileCheck = runTask('checkFile', { file, manifest });
  let intakeCheck: TaskHandle<RowProblem[]> | undefined;
  const references = fileCheck.milestone('references-ok').catch(async (early: Error) => {
    const error = await fileCheck.result.then(
      () => early,
      (e: Error) => e,
    );
    throw (error as { code?: string }).code === DANGLING_REFERENCE ? exchangeErrors.contentMismatch(error.message) : error;
  });
  references.catch(() => undefined); // awaited by the merge; unhandled only when the import ended before
  const started = performance.now();
  const logDone = (what: string) => () => log.info(`received file: ${what} checked ${Math.round(performance.now() - started)} ms after opening`);
  void references.then(logDone('references'), () => undefined);
  const checkRows = () => {
    if (intakeCheck) return;
    fileCheck.send('rows', tables.filter((t) => !RULES_BESIDE_INTAKE.includes(t)));
    intakeCheck = runTask('checkIntake', { file, manifest, ruleTables: tables.filter((t) => RULES_BESIDE_INTAKE.includes(t)) });
    fileCheck.result.then(logDone('references and rules'), () => undefined);
    intakeCheck.result.then(logDone('intake schema and the other rules'), () => undefined);
  };
  return {
    references,
    checkRows,
    rowProblems: async () => {
      checkRows();
      return [...(await fileCheck.result), ...(await intakeCheck!.result)];
    },
    cancel: () => {
      fileCheck.cancel();
      intakeCheck?.cancel();
    },
  };
}
