import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N = 2^ln, block size r, parallelism p. Recorded with every hash. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and some 50–100 ms per hash. OWASP's first choice is 2^17
 * (128 MiB); 2^15 keeps a burst of sign-ins within a small server's memory. Raise it here: every
 * hash records its own parameters, so old hashes keep verifying.
 */
export const defaultScryptParams: ScryptParams = { ln: 15, r: 8, p: 1 };

const keyLength = 32;
const saltLength = 16;

/**
 * Hashes a password with scrypt and a fresh random salt, as one string that carries its
 * parameters: `scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64url), so that the cost can be raised
 * later without breaking stored hashes.
 *
 * @example await hashPassword('correct horse') // → 'scrypt$ln=15,r=8,p=1$Jq…$7f…'
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, params, keyLength);
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * Whether a password matches a stored hash, compared in constant time. A malformed hash, or
 * one whose parameters are out of bounds, never matches (and never throws).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, keyLength);
  return timingSafeEqual(key, parsed.key);
}

/** The parts of a stored hash, or undefined for a malformed one or absurd parameters. */
function parseHash(stored: string) {
  const match =
    /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(
      stored,
    );
  if (!match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (
    params.ln < 10 ||
    params.ln > 20 ||
    params.r < 1 ||
    params.r > 32 ||
    params.p < 1 ||
    params.p > 16
  )
    return undefined;
  const key = Buffer.from(match[5]!, 'base64url');
  if (key.length !== keyLength) return undefined; // a shortened key would match its own prefix
  return { params, salt: Buffer.from(match[4]!, 'base64url'), key };
}

/** scrypt without blocking the event loop; the password NFKC-normalized, so that any keyboard's form of it matches. */
function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  length: number,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.ln,
    r: params.r,
    p: params.p,
    maxmem: 256 * 2 ** params.ln * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
