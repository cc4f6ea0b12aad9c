import type { ChannelName } from './channel-names';
import type { ChannelInput, ChannelOutput } from './channels';
import type { Result } from './errors';

/** What the preload exposes as `window.api`: one async function per channel, replying a Result. */
export type BridgeApi = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
};
