import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, type ChannelName } from './contract/channel-names';
import type { BridgeApi } from './contract/bridge-api';

/**
 * The bridge: one function per contract channel, each forwarding its single argument to main.
 * ipcRenderer itself is never exposed (Electron security checklist §20); main validates everything.
 */
const api = Object.fromEntries(
  CHANNEL_NAMES.map((name: ChannelName) => [name, (input: unknown) => ipcRenderer.invoke(name, input)]),
) as BridgeApi;

contextBridge.exposeInMainWorld('api', api);
