import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base 32

let lastTime = -1;
let lastRandom: number[] = [];

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
    lastRandom = Array.from(randomBytes(16), (b) => b % 32);
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  return time + lastRandom.map((d) => ALPHABET[d]).join('');
}

function incrementBase32(digits: number[]): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < 31) {
      digits[i]! += 1;
      return;
    }
    digits[i] = 0;
  }
}
