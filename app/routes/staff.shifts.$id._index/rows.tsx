import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ATTENDANCE_STATES } from '#db/schema'
import { ErrorList } from '~/components/form'
import type { Roster } from '~/domain/planning/roster.server'
import { inShanghai } from '~/lib/dates'
import type { Reply } from './reply'

export type Row = Roster['confirmed'][number]

const hhmm = (instant: string | null) => {
  if (!instant) return ''
  const d = inShanghai(instant)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export const button =
  'rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60'
export const input = 'rounded-md border border-stone-300 px-2 py-1 text-sm'

export function RemoveForm({ row, pending, reply }: { row: Row; pending: boolean; reply: Reply }) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="signupId" value={row.id} />
      <label className="text-sm">
        {t('planning.roster.reason')}
        <input
          name="reason"
          required
          defaultValue={reply.value('remove', 'reason', row.id)}
          className={`ml-1 ${input}`}
        />
      </label>
      <button type="submit" disabled={pending} className={button}>
        {t('planning.roster.removeSubmit')}
      </button>
      <ErrorList errors={reply.errors('remove', 'reason', row.id)} />
      <ErrorList errors={reply.errors('remove', '', row.id)} />
    </Form>
  )
}

export function Requirements({ row }: { row: Row }) {
  const { t } = useTranslation()
  const checks = [
    ['planning.roster.reqAge', row.requirements.age],
    ['planning.roster.reqSkill', row.requirements.skill],
    ['planning.roster.reqTraining', row.requirements.training],
  ] as const
  const shown = checks.filter(([, value]) => value !== null)
  if (shown.length === 0) return <span className="text-stone-600">{t('planning.roster.meetsAll')}</span>
  return (
    <ul className="text-sm">
      {shown.map(([key, value]) => (
        <li key={key} className={value ? 'text-green-800' : 'text-red-700'}>
          {t(value ? 'planning.roster.reqMet' : 'planning.roster.reqNotMet', { requirement: t(key) })}
        </li>
      ))}
    </ul>
  )
}

/** A confirmed volunteer: contact, requirements, attendance and hours, and the forms to correct them. */
export function ConfirmedRow({
  row,
  pending,
  removable,
  reply,
}: {
  row: Row
  pending: boolean
  removable: boolean
  reply: Reply
}) {
  const { t } = useTranslation()
  const typed = (intent: string, field: string) => reply.value(intent, field, row.id)
  return (
    <li className="space-y-2 py-3" aria-label={row.name}>
      <div className="flex flex-wrap justify-between gap-2">
        <div>
          <p className="font-medium">{row.name}</p>
          <p className="text-sm text-stone-700">
            {t('planning.roster.phone')}: {row.phone ?? '—'}
          </p>
          {row.added_reason ? (
            <p className="text-sm text-stone-600">{t('planning.roster.addedByHand', { reason: row.added_reason })}</p>
          ) : null}
        </div>
        <Requirements row={row} />
        <div className="text-sm">
          <p>
            {t('planning.roster.attendance')}: {t(`planning.attendance.${row.attendance}`)}
          </p>
          <p>
            {t('planning.roster.hours')}:{' '}
            {row.service_minutes === null ? '—' : t('planning.roster.minutes', { count: row.service_minutes })} ·{' '}
            {t(`planning.hours.${row.hours_status}`)}
          </p>
          {row.hours_override_reason ? (
            <p>{t('planning.roster.overridden', { reason: row.hours_override_reason })}</p>
          ) : null}
          {row.approved_by_name ? <p>{t('planning.roster.approvedBy', { name: row.approved_by_name })}</p> : null}
        </div>
      </div>
      {row.hours_status !== 'approved' ? (
        <div className="flex flex-wrap gap-4">
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="mark" />
            <input type="hidden" name="signupId" value={row.id} />
            <label className="text-sm">
              {t('planning.roster.attendance')}
              <select
                name="attendance"
                defaultValue={typed('mark', 'attendance') ?? row.attendance}
                className={`ml-1 ${input}`}
              >
                {ATTENDANCE_STATES.map((state) => (
                  <option key={state} value={state}>
                    {t(`planning.attendance.${state}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t('planning.roster.checkedIn')}
              <input
                name="checkedIn"
                defaultValue={typed('mark', 'checkedIn') ?? hhmm(row.checked_in_at)}
                placeholder="09:00"
                size={5}
                className={`ml-1 ${input}`}
              />
            </label>
            <label className="text-sm">
              {t('planning.roster.checkedOut')}
              <input
                name="checkedOut"
                defaultValue={typed('mark', 'checkedOut') ?? hhmm(row.checked_out_at)}
                placeholder="12:00"
                size={5}
                className={`ml-1 ${input}`}
              />
            </label>
            <button type="submit" disabled={pending} className={button}>
              {t('planning.roster.markSubmit')}
            </button>
            <ErrorList errors={reply.errors('mark', 'checkedIn', row.id)} />
            <ErrorList errors={reply.errors('mark', 'checkedOut', row.id)} />
            <ErrorList errors={reply.errors('mark', '', row.id)} />
          </Form>
          {row.attendance === 'attended' ? (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="override" />
              <input type="hidden" name="signupId" value={row.id} />
              <label className="text-sm">
                {t('planning.roster.overrideMinutes')}
                <input
                  name="minutes"
                  type="number"
                  min={0}
                  defaultValue={typed('override', 'minutes')}
                  className={`ml-1 w-20 ${input}`}
                />
              </label>
              <label className="text-sm">
                {t('planning.roster.reason')}
                <input name="reason" defaultValue={typed('override', 'reason')} className={`ml-1 ${input}`} />
              </label>
              <button type="submit" disabled={pending} className={button}>
                {t('planning.roster.overrideSubmit')}
              </button>
              <ErrorList errors={reply.errors('override', 'minutes', row.id)} />
              <ErrorList errors={reply.errors('override', 'reason', row.id)} />
              <ErrorList errors={reply.errors('override', '', row.id)} />
            </Form>
          ) : null}
        </div>
      ) : null}
      {removable ? <RemoveForm row={row} pending={pending} reply={reply} /> : null}
    </li>
  )
}
