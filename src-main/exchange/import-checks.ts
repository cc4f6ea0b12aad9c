/**
 * The checks of a received file that read all of it, on worker threads beside the merge (issue 5
 * point 7: at 100k complaints they are ~8 s of work, as long as the merge's own; one after the
 * other they would double the import). Started as soon as the file has passed the checks that
 * keep its content from running anything (import-open.ts: header, quick_check, schema):
 *
 * - references: `foreign_key_check` — every reference points at a row of the file. The merge's
 *   connection writes without SQLite's foreign-key enforcement (it costs the merge a second per
 *   100k complaints); this check plus the merge's refusal of rows that refer to refused rows keep
 *   every reference whole. The merge commits only after it has passed.
 * - rows: every row of every table against the column rules (import-rows.ts);
 * - intake: every complaint's intake fields against the contract's intake schema.
 *
 * The merge waits for the row problems only when it writes many rows (merge.ts); for a few it
 * checks them itself and stops these.
 */
import type { ExportManifest } from './manifest';
import { exchangeErrors } from './exchange-error';
import { runTask } from './worker/run-task';
import { DANGLING_REFERENCE, type RowProblem } from './worker/worker-tasks';

export interface ReceivedFileChecks {
  /** Resolves when every reference points at a row of the file; rejects with the refusal otherwise. */
  references: Promise<void>;
  /** The rows that break a rule, from both workers. */
  rowProblems: () => Promise<RowProblem[]>;
  /** Stop the row checks (the merge checks its few rows itself); `references` still settles. */
  skipRowChecks: () => void;
  /** Stop everything (the import is over). */
  cancel: () => void;
}

export function startReceivedFileChecks(file: string, manifest: ExportManifest, tables: readonly string[]): ReceivedFileChecks {
  const fileCheck = runTask('checkFile', { file, manifest, tables });
  const intakeCheck = runTask('checkIntake', { file });
  const references = fileCheck.milestone('references-ok').catch(async (early: Error) => {
    const error = await fileCheck.result.then(
      () => early,
      (e: Error & { code?: string }) => e,
    );
    throw (error as { code?: string }).code === DANGLING_REFERENCE ? exchangeErrors.contentMismatch('有记录引用了不存在的记录') : error;
  });
  references.catch(() => undefined); // awaited by the merge; unhandled only when the import ended before
  return {
    references,
    rowProblems: async () => [...(await fileCheck.result), ...(await intakeCheck.result)],
    skipRowChecks: () => {
      intakeCheck.cancel();
      void references.then(fileCheck.cancel, fileCheck.cancel); // its rows part comes after the references
    },
    cancel: () => {
      fileCheck.cancel();
      intakeCheck.cancel();
    },
  };
}
