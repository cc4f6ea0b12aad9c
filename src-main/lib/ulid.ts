import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base 32
const RANDOM_DIGITS = 16; // 80 bits

/**
 * Random bytes drawn 4 KB at a time: one crypto call per 256 ids instead of one each (an intake
 * makes six ids; a randomBytes call per id was a tenth of its JavaScript time).
 */
const pool = Buffer.alloc(RANDOM_DIGITS * 256);
let poolOffset = pool.length;

let lastTime = -1;
let lastTimePart = '';
const lastRandom = new Uint8Array(RANDOM_DIGITS);

/**
 * ULID (https://github.com/ulid/spec): 48-bit time + 80 random bits, 26 characters.
 * Sortable by creation time and unique across offices, so head office can merge databases.
 * Monotonic within one millisecond (the random part is incremented), so ids created in a burst
 * still sort in creation order.
 */
export function ulid(now: number = Date.now()): string {
  if (now === lastTime) {
    incrementBase32(lastRandom);
  } else {
    lastTime = now;
    lastTimePart = encodeTime(now);
    if (poolOffset + RANDOM_DIGITS > pool.length) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    // 256 is a multiple of 32: each byte's low five bits are a uniform base-32 digit.
    for (let i = 0; i < RANDOM_DIGITS; i++) lastRandom[i] = pool[poolOffset + i]! & 31;
    poolOffset += RANDOM_DIGITS;
  }
  let id = lastTimePart;
  for (let i = 0; i < RANDOM_DIGITS; i++) id += ALPHABET[lastRandom[i]!];
  return id;
}

function encodeTime(now: number): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  return time;
}

function incrementBase32(digits: Uint8Array): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < 31) {
      digits[i]! += 1;
      return;
    }
    digits[i] = 0;
  }
}
