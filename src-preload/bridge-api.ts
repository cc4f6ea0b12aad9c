import type { ChannelName } from './contract/channel-names';
import type { ChannelInput, ChannelOutput } from './contract/channels';
import type { Result } from './contract/errors';

/** What the preload exposes as `window.api`: one async function per channel, replying a Result. */
export type BridgeApi = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
};
