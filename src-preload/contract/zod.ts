import { z } from 'zod';

// Default zod messages in Simplified Chinese, for the few checks that carry no message of ours.
z.config(z.locales.zhCN());

export { z };
