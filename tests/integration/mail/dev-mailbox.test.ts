import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderEmail } from '#emails/index'
import { newMessageId } from '~/domain/mail/outbox.server'
import { createMailTransport, listCapturedEmails } from '~/domain/mail/transport.server'
import { loader as messageLoader } from '~/routes/dev.mail.$id'
import { loader as listLoader } from '~/routes/dev.mail._index'
import { APP_ORIGIN } from './helpers'

type Context = LoaderFunctionArgs['context']

describe('dev mailbox pages (/dev/mail)', () => {
  let dir: string
  let id: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-devmail-'))
    const transport = createMailTransport({ captureDir: dir })
    const rendered = renderEmail(
      'password-reset',
      { name: 'Amy', resetUrl: `${APP_ORIGIN}/reset-password/tok`, expiresMinutes: 30 },
      { locale: 'en', appOrigin: APP_ORIGIN },
    )
    await transport.send({ to: 'amy@example.org', messageId: newMessageId(), ...rendered })
    transport.close()
    id = (await listCapturedEmails(dir))[0]!.id
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const context = (env: Record<string, string | undefined>, clientIp = '127.0.0.1') =>
    ({ env: { MAIL_DIR: dir, ...env }, clientIp }) as unknown as Context
  const args = (ctx: Context, params: Record<string, string> = {}) =>
    ({ request: new Request('http://127.0.0.1:3000/dev/mail'), params, context: ctx }) as LoaderFunctionArgs
  const status = async (promise: Promise<unknown>) => {
    try {
      await promise
      return 200
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status
      throw thrown
    }
  }

  it('lists and shows captured mail while there is no SMTP server', async () => {
    const ctx = context({ NODE_ENV: 'production', APP_ORIGIN: 'http://127.0.0.1:3000' })
    const list = await listLoader(args(ctx))
    expect(list.emails).toHaveLength(1)
    expect(list.emails[0]).toMatchObject({ id, to: 'amy@example.org', subject: 'Reset your Tongxing password' })
    expect(list.emails[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const message = await messageLoader(args(ctx, { id }))
    expect(message.email.html).toContain(`${APP_ORIGIN}/reset-password/tok`)
    expect(message.email.text).toContain(`${APP_ORIGIN}/reset-password/tok`)
  })

  it('is a 404 when SMTP is configured, in production off loopback, or for an unknown id', async () => {
    expect(
      await status(listLoader(args(context({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.org' })))),
    ).toBe(404)
    expect(
      await status(
        messageLoader(args(context({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.org' }), { id })),
      ),
    ).toBe(404)
    expect(
      await status(listLoader(args(context({ NODE_ENV: 'production', APP_ORIGIN: 'https://tongxing.example.org' })))),
    ).toBe(404)
    expect(
      await status(
        listLoader(args(context({ NODE_ENV: 'production', APP_ORIGIN: 'http://127.0.0.1:3000' }, '198.51.100.7'))),
      ),
    ).toBe(404)
    expect(await status(messageLoader(args(context({ NODE_ENV: 'development' }), { id: '../../etc/passwd' })))).toBe(
      404,
    )
    expect(
      await status(messageLoader(args(context({ NODE_ENV: 'development' }), { id: `${id.split('-')[0]}-000000` }))),
    ).toBe(404)
    expect(await status(messageLoader(args(context({ NODE_ENV: 'development' }), { id })))).toBe(200)
  })
})
