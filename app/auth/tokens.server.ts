import { sha256 } from '@oslojs/crypto/sha2'
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

const random: RandomReader = {
  read(bytes) {
    crypto.getRandomValues(bytes)
  },
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789' // no l, o, 0, 1

/** 24 characters of a 32-letter alphabet: 120 bits. */
export function generateId(): string {
  return generateRandomString(random, ID_ALPHABET, 24)
}

/** 32 random bytes as lower-case base32 (52 chars): 256 bits. */
export function generateSecret(): string {
  const bytes = new Uint8Array(32)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** An 8-digit code, uniform (rejection sampling, no modulo bias). */
export function generateNumericCode(): string {
  const buffer = new Uint32Array(1)
  for (;;) {
    crypto.getRandomValues(buffer)
    const value = buffer[0]! >>> 5 // 27 bits
    if (value < 100_000_000) return value.toString().padStart(8, '0')
  }
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)))
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const enc = new TextEncoder()
  const left = enc.encode(a)
  const right = enc.encode(b)
  return left.length === right.length && constantTimeEqual(left, right)
}
