import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorList } from '~/components/form'
import type { Reply } from './reply'
import { button, input, type Row } from './rows'

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  )
}

/** A volunteer added by hand (a phone sign-up), by email, with a reason. */
export function AddPanel({ pending, reply }: { pending: boolean; reply: Reply }) {
  const { t } = useTranslation()
  return (
    <Section title={t('planning.roster.addTitle')}>
      <Form method="post" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="add" />
        <div>
          <label htmlFor="volunteerEmail" className="block text-sm font-medium">
            {t('planning.roster.addEmail')}
          </label>
          <input
            id="volunteerEmail"
            name="volunteerEmail"
            type="email"
            defaultValue={reply.value('add', 'volunteerEmail')}
            aria-invalid={reply.errors('add', 'volunteerEmail') ? true : undefined}
            aria-describedby="volunteerEmail-error"
            className={input}
          />
          <ErrorList id="volunteerEmail-error" errors={reply.errors('add', 'volunteerEmail')} />
        </div>
        <div>
          <label htmlFor="addReason" className="block text-sm font-medium">
            {t('planning.roster.reason')}
          </label>
          <input
            id="addReason"
            defaultValue={reply.value('add', 'reason')}
            name="reason"
            aria-invalid={reply.errors('add', 'reason') ? true : undefined}
            aria-describedby="addReason-error"
            className={input}
          />
          <ErrorList id="addReason-error" errors={reply.errors('add', 'reason')} />
        </div>
        <button type="submit" disabled={pending} className={button}>
          {t('planning.roster.addSubmit')}
        </button>
        <ErrorList errors={reply.errors('add', '')} />
      </Form>
    </Section>
  )
}

export function RollCallPanel({ confirmed, pending, reply }: { confirmed: Row[]; pending: boolean; reply: Reply }) {
  const { t } = useTranslation()
  return (
    <Section title={t('planning.roster.rollCallTitle')}>
      <p className="text-sm text-stone-700">{t('planning.roster.rollCallIntro')}</p>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="rollcall" />
        {confirmed.map((row) => (
          <label key={row.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              name="attended"
              value={row.id}
              defaultChecked={row.attendance === 'attended'}
              disabled={row.hours_status === 'approved'}
            />
            {row.name}
          </label>
        ))}
        <ErrorList errors={reply.errors('rollcall', '')} />
        <button type="submit" disabled={pending} className={button}>
          {t('planning.roster.rollCallSubmit')}
        </button>
      </Form>
    </Section>
  )
}

export function ApprovePanel({
  pendingHours,
  pending,
  reply,
}: {
  pendingHours: Row[]
  pending: boolean
  reply: Reply
}) {
  const { t } = useTranslation()
  return (
    <Section title={t('planning.roster.approveTitle')}>
      {pendingHours.length === 0 ? (
        <p className="text-stone-700">{t('planning.roster.nothingToApprove')}</p>
      ) : (
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="approve" />
          {pendingHours.map((row) => (
            <label key={row.id} className="flex items-center gap-2">
              <input type="checkbox" name="signupIds" value={row.id} defaultChecked />
              {row.name} · {t('planning.roster.minutes', { count: row.service_minutes ?? 0 })}
            </label>
          ))}
          <ErrorList errors={reply.errors('approve', '')} />
          <button type="submit" disabled={pending} className={button}>
            {t('planning.roster.approveSubmit')}
          </button>
        </Form>
      )}
    </Section>
  )
}

export function MessagePanel({ pending, reply }: { pending: boolean; reply: Reply }) {
  const { t } = useTranslation()
  return (
    <Section title={t('planning.roster.messageTitle')}>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="message" />
        <label htmlFor="message" className="block text-sm font-medium">
          {t('planning.roster.message')}
        </label>
        <textarea
          id="message"
          name="message"
          defaultValue={reply.value('message', 'message')}
          rows={3}
          aria-invalid={reply.errors('message', 'message') ? true : undefined}
          aria-describedby="message-error"
          className="block w-full rounded-md border border-stone-300 px-3 py-2"
        />
        <ErrorList id="message-error" errors={reply.errors('message', 'message')} />
        <ErrorList errors={reply.errors('message', '')} />
        <button type="submit" disabled={pending} className={button}>
          {t('planning.roster.messageSubmit')}
        </button>
      </Form>
    </Section>
  )
}
