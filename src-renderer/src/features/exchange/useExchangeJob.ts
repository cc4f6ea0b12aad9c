import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExchangeJob, ExchangeJobKind } from '../../../../src-preload/contract';
import { call } from '../../lib/api';
import { useApiQuery } from '../../lib/query';

/** Often enough for a progress bar that moves smoothly, cheap over IPC and loopback HTTP alike. */
const POLL_MS = 250;

export interface ExchangeJobState {
  /** The job as last read from main; null before the first answer. */
  job: ExchangeJob | null;
  /** A job is under way (started, and not yet finished as far as we know). */
  running: boolean;
  /** Start a job (the call answers at once with its id) and follow it. */
  start: (begin: () => Promise<{ jobId: string }>) => Promise<void>;
  cancel: () => Promise<void>;
  /** Forget the finished job (its outcome leaves the screen). */
  clear: () => void;
}

/**
 * Follow an export or import job in main: the `exchange:job` query, read again every 250 ms while
 * the job runs (web mode has no push channel, so Electron polls too: one code path). The job's id
 * is kept in sessionStorage, so leaving the page and coming back — the job runs on in main — picks
 * it up again, outcome included.
 */
export function useExchangeJob(kind: ExchangeJobKind, onFinished?: (job: ExchangeJob) => void): ExchangeJobState {
  const storageKey = `complaint-desk.exchange-job.${kind}`;
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(storageKey));
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setJobId(null);
  }, [storageKey]);
  const query = useApiQuery(
    'exchange:job',
    { jobId: jobId ?? '' },
    {
      enabled: jobId !== null,
      // A job moves on by itself: asked again whenever shown, and every POLL_MS while it runs.
      staleTime: 0,
      refetchInterval: (q) => (q.state.data?.state === 'running' ? POLL_MS : false),
    },
  );
  const job = jobId !== null && query.data?.id === jobId ? query.data : null;

  // Seen running here and now finished: the page hears of it once.
  const sawRunning = useRef<string | null>(null);
  useEffect(() => {
    if (!job) return;
    if (job.state === 'running') sawRunning.current = job.id;
    else if (sawRunning.current === job.id) {
      sawRunning.current = null;
      finished.current?.(job);
    }
  }, [job]);
  // Main no longer knows the job (restarted, or finished long ago): nothing left to show.
  const lost = jobId !== null && query.isError;
  useEffect(() => {
    if (lost) clear();
  }, [lost, clear]);

  return {
    job,
    running: jobId !== null && (job === null || job.state === 'running'),
    start: async (begin) => {
      const { jobId: started } = await begin();
      sessionStorage.setItem(storageKey, started);
      setJobId(started);
    },
    cancel: async () => {
      // The job's query reads 'exchangeJobs', which cancelling changes: it is read again (lib/api.ts).
      if (jobId) await call('exchange:cancel', { jobId });
    },
    clear,
  };
}
