import { hash, verify } from '@node-rs/argon2'

/** Argon2id (the library's default algorithm) at OWASP/ASVS's baseline: 19 MiB, 2 passes, 1 lane (≈13 ms per hash here). */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 }

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'))
  } catch {
    // A malformed stored hash is a failed sign-in, not a crash.
    return false
  }
}
