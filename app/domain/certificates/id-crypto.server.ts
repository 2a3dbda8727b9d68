/**
 * ID numbers at rest: AES-256-GCM with a 96-bit random IV, the row's owner as
 * additional data (a ciphertext copied onto another volunteer's row does not
 * decrypt), stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 *
 * The key comes from CERTIFICATE_ID_KEY, or else from data/certificate-id.key,
 * which the first boot creates (mode 0600). Losing the key loses the numbers:
 * volunteers would have to enter them again; certificates stay verifiable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Env } from '~/env.server'

export const KEY_FILE = path.join('data', 'certificate-id.key')
const VERSION = 'v1'

function parseKey(text: string): Buffer {
  const value = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64')
  if (key.length !== 32) throw new Error('The certificate ID key must be 32 bytes (64 hex digits or base64)')
  return key
}

/** Reads the key file, creating it when absent; two processes booting at once agree on one key. */
function keyFromFile(file: string): Buffer {
  try {
    return parseKey(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return parseKey(fs.readFileSync(file, 'utf8'))
}

const cache = new Map<string, Buffer>()

/** The key for this environment (memoised). */
export function idNumberKey(env: Pick<Env, 'CERTIFICATE_ID_KEY'>): Buffer {
  const source = env.CERTIFICATE_ID_KEY ?? `file:${KEY_FILE}`
  let key = cache.get(source)
  if (!key) {
    key = env.CERTIFICATE_ID_KEY ? parseKey(env.CERTIFICATE_ID_KEY) : keyFromFile(KEY_FILE)
    cache.set(source, key)
  }
  return key
}

const aad = (ownerId: number) => Buffer.from(`id-number:${ownerId}`)

export function encryptIdNumber(key: Buffer, ownerId: number, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad(ownerId))
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/** Throws when the text was not made with this key for this owner. */
export function decryptIdNumber(key: Buffer, ownerId: number, stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split('.')
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unknown ID number format')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAAD(aad(ownerId))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
}
