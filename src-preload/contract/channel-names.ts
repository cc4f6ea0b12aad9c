/**
 * Every bridge channel, as plain strings. The sandboxed preload builds `window.api` from this list
 * alone (it must not bundle zod); `channels.ts` checks at compile time that it matches the contract.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'app:setup',
  'settings:get',
  'settings:update',
  'departments:list',
  'departments:save',
  'categories:list',
  'categories:save',
  'staff:list',
  'staff:save',
  'complaints:create',
  'complaints:get',
  'complaints:update',
  'complaints:list',
  'attachments:add',
  'attachments:remove',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
