import { useEffect, useRef, useState } from 'react';
import type { ExchangeJob, ExchangeJobKind } from '../../../../src-preload/contract';
import { call } from '../../lib/api';

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
 * Follow an export or import job in main by polling `exchange:job` (web mode has no push channel,
 * so Electron polls too: one code path). The job's id is kept in sessionStorage, so leaving the
 * page and coming back — the job runs on in main — picks it up again, outcome included.
 */
export function useExchangeJob(kind: ExchangeJobKind, onFinished?: (job: ExchangeJob) => void): ExchangeJobState {
  const storageKey = `complaint-desk.exchange-job.${kind}`;
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(storageKey));
  const [job, setJob] = useState<ExchangeJob | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sawRunning = false;
    const poll = async () => {
      try {
        const next = await call('exchange:job', { jobId });
        if (stopped) return;
        setJob(next);
        if (next.state === 'running') {
          sawRunning = true;
          timer = setTimeout(() => void poll(), POLL_MS);
        } else if (sawRunning) {
          finished.current?.(next);
        }
      } catch {
        // Main no longer knows the job (restarted, or finished long ago): nothing left to show.
        if (stopped) return;
        sessionStorage.removeItem(storageKey);
        setJobId(null);
        setJob(null);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, storageKey]);

  return {
    job,
    running: jobId !== null && (job === null || job.state === 'running'),
    start: async (begin) => {
      const { jobId: started } = await begin();
      sessionStorage.setItem(storageKey, started);
      setJob(null);
      setJobId(started);
    },
    cancel: async () => {
      if (!jobId) return;
      const next = await call('exchange:cancel', { jobId });
      setJob(next);
    },
    clear: () => {
      sessionStorage.removeItem(storageKey);
      setJobId(null);
      setJob(null);
    },
  };
}
