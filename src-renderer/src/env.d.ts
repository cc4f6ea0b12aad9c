/// <reference types="vite/client" />
import type { BridgeApi } from '../../src-preload/contract/bridge-api';

declare global {
  interface Window {
    /** Present in Electron (exposed by the preload); absent in web mode, where lib/api.ts uses fetch. */
    api?: BridgeApi;
  }
}
