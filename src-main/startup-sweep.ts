import { sweepExchangeTemp } from './exchange/exchange-temp';
import { sweepOldPrintFiles } from './services/print-store';

/**
 * At start-up, before any call is served: remove what a crash or an old session left in the data
 * folder — rendered PDFs older than a day, and scratch files of an interrupted export or import.
 */
export function sweepScratchFiles(dataDir: string, nowMs = Date.now()): void {
  sweepOldPrintFiles(dataDir, nowMs);
  sweepExchangeTemp(dataDir);
}
