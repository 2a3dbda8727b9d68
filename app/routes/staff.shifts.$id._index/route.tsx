import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ATTENDANCE_STATES, type Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Notice } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { approveHours, markAttendance, overrideHours, recordRollCall } from '~/domain/planning/attendance.server'
import { findVolunteerByEmail, getRoster, messageShiftVolunteers, type Roster } from '~/domain/planning/roster.server'
import { addToShift, removeFromShift } from '~/domain/signups/signups.server'
import {
  ApproveHours,
  HandAdd,
  HandRemove,
  MarkAttendance,
  MessageVolunteers,
  OverrideHours,
  RollCall,
} from '~/domain/planning/schema'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange, inShanghai } from '~/lib/dates'
import { decodeMessage, encodeMessage } from '~/lib/form-message'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.roster.title')

function shiftIdOf(params: { id?: string }): number {
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response(null, { status: 404 })
  return id
}

function asResponse(error: unknown): never {
  if (error instanceof DomainError) throw new Response(null, { status: error.status })
  throw error
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return getRoster(context.db, actor, shiftIdOf(params), new Date()).catch(asResponse)
}

type Outcome = {
  intent: string
  signupId?: number
  ok?: string
  /** Field → encoded message (i18n key and params). */
  errors?: Record<string, string[]>
}

function failure(intent: string, error: unknown, signupId?: number) {
  if (!(error instanceof DomainError)) throw error
  const outcome: Outcome = {
    intent,
    signupId,
    errors: { [error.options.field ?? '']: [encodeMessage(error.code, error.options.params)] },
  }
  return data(outcome, { status: error.status })
}

function invalid(intent: string, fieldErrors: Record<string, string[] | null>, signupId?: number) {
  const errors = Object.fromEntries(Object.entries(fieldErrors).filter(([, v]) => v?.length)) as Record<
    string,
    string[]
  >
  return data({ intent, signupId, errors } satisfies Outcome, { status: 400 })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const shiftId = shiftIdOf(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const intent = String(formData.get('intent') ?? '')
  const db = context.db
  switch (intent) {
    case 'message': {
      const s = parseWithZod(formData, { schema: MessageVolunteers })
      if (s.status !== 'success') return invalid(intent, s.error ?? {})
      try {
        const count = await messageShiftVolunteers(db, actor, shiftId, s.value.message, meta)
        return { intent, ok: encodeMessage('planning.roster.messageSent', { count }) } satisfies Outcome
      } catch (error) {
        return failure(intent, error)
      }
    }
    case 'rollcall': {
      const s = parseWithZod(formData, { schema: RollCall })
      if (s.status !== 'success') return invalid(intent, s.error ?? {})
      try {
        const r = await recordRollCall(db, actor, shiftId, s.value.attended, meta)
        return { intent, ok: encodeMessage('planning.roster.rollCallDone', r) } satisfies Outcome
      } catch (error) {
        return failure(intent, error)
      }
    }
    case 'mark': {
      const s = parseWithZod(formData, { schema: MarkAttendance })
      const signupId = Number(formData.get('signupId')) || undefined
      if (s.status !== 'success') return invalid(intent, s.error ?? {}, signupId)
      try {
        await ensureOnShift(db, actor, shiftId, s.value.signupId)
        await markAttendance(
          db,
          actor,
          s.value.signupId,
          { attendance: s.value.attendance, checkedInAt: s.value.checkedIn, checkedOutAt: s.value.checkedOut },
          meta,
        )
        return { intent, signupId, ok: 'planning.roster.marked' } satisfies Outcome
      } catch (error) {
        return failure(intent, error, signupId)
      }
    }
    case 'override': {
      const s = parseWithZod(formData, { schema: OverrideHours })
      const signupId = Number(formData.get('signupId')) || undefined
      if (s.status !== 'success') return invalid(intent, s.error ?? {}, signupId)
      try {
        await ensureOnShift(db, actor, shiftId, s.value.signupId)
        await overrideHours(db, actor, s.value.signupId, s.value.minutes, s.value.reason, meta)
        return { intent, signupId, ok: 'planning.roster.overrideDone' } satisfies Outcome
      } catch (error) {
        return failure(intent, error, signupId)
      }
    }
    case 'approve': {
      const s = parseWithZod(formData, { schema: ApproveHours })
      if (s.status !== 'success') return invalid(intent, s.error ?? {})
      try {
        const roster = await getRoster(db, actor, shiftId, meta.now)
        const own = new Set(roster.confirmed.map((r) => r.id))
        const count = await approveHours(
          db,
          actor,
          s.value.signupIds.filter((id) => own.has(id)),
          meta,
        )
        return { intent, ok: encodeMessage('planning.roster.approved', { count }) } satisfies Outcome
      } catch (error) {
        return failure(intent, error)
      }
    }
    case 'add': {
      const s = parseWithZod(formData, { schema: HandAdd })
      if (s.status !== 'success') return invalid(intent, s.error ?? {})
      try {
        const volunteerId = await findVolunteerByEmail(db, actor, s.value.volunteerEmail)
        await addToShift(db, actor, shiftId, volunteerId, s.value.reason, meta)
        return { intent, ok: 'planning.roster.added' } satisfies Outcome
      } catch (error) {
        // The sign-up rules name the volunteer field by id; this form asks for the email.
        if (error instanceof DomainError && error.options.field === 'volunteerId') {
          return failure(intent, new DomainError(error.kind, error.code, { ...error.options, field: 'volunteerEmail' }))
        }
        return failure(intent, error)
      }
    }
    case 'remove': {
      const s = parseWithZod(formData, { schema: HandRemove })
      const signupId = Number(formData.get('signupId')) || undefined
      if (s.status !== 'success') return invalid(intent, s.error ?? {}, signupId)
      try {
        await ensureOnShift(db, actor, shiftId, s.value.signupId, true)
        await removeFromShift(db, actor, s.value.signupId, s.value.reason, meta)
        return { intent, ok: 'planning.roster.removed' } satisfies Outcome
      } catch (error) {
        return failure(intent, error, signupId)
      }
    }
    default:
      throw new Response(null, { status: 400 })
  }
}

/** A sign-up id posted to this shift's page must belong to this shift. */
async function ensureOnShift(
  db: Parameters<typeof getRoster>[0],
  actor: Parameters<typeof getRoster>[1],
  shiftId: number,
  signupId: number,
  orWaitlisted = false,
) {
  const roster = await getRoster(db, actor, shiftId, new Date())
  const rows = orWaitlisted ? [...roster.confirmed, ...roster.waitlist] : roster.confirmed
  if (!rows.some((r) => r.id === signupId)) throw new DomainError('not_found', 'errors.notFoundTitle')
}

const hhmm = (instant: string | null) => {
  if (!instant) return ''
  const d = inShanghai(instant)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

const button =
  'rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60'
const input = 'rounded-md border border-stone-300 px-2 py-1 text-sm'

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  )
}

type Row = Roster['confirmed'][number]

function RemoveForm({
  row,
  pending,
  errors,
}: {
  row: Row
  pending: boolean
  errors?: (field: string) => string[] | undefined
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="signupId" value={row.id} />
      <label className="text-sm">
        {t('planning.roster.reason')}
        <input name="reason" required className={`ml-1 ${input}`} />
      </label>
      <button type="submit" disabled={pending} className={button}>
        {t('planning.roster.removeSubmit')}
      </button>
      <ErrorList errors={errors?.('reason')} />
      <ErrorList errors={errors?.('')} />
    </Form>
  )
}

function Requirements({ row }: { row: Row }) {
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

export default function RosterPage() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const roster = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>() as Outcome | undefined
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const pending = navigation.state === 'submitting'
  const { shift, confirmed, waitlist } = roster
  const errorsFor = (intent: string, field: string, signupId?: number) =>
    outcome?.intent === intent && outcome.signupId === signupId ? outcome.errors?.[field] : undefined
  const okFor = (intent: string, signupId?: number) =>
    outcome?.intent === intent && outcome.signupId === signupId && outcome.ok ? (
      <Notice tone="success">
        <OkText message={outcome.ok} />
      </Notice>
    ) : null
  const pendingHours = confirmed.filter((r) => r.attendance === 'attended' && r.hours_status === 'pending')
  return (
    <div className="space-y-6">
      <Link to="/staff" className="text-sm text-brand-700 underline">
        {t('planning.home.title')}
      </Link>
      {params.get('notice') === 'created' ? <Notice tone="success">{t('planning.form.created')}</Notice> : null}
      {params.get('notice') === 'saved' ? <Notice tone="success">{t('planning.form.saved')}</Notice> : null}
      <div>
        <h1 className="text-2xl font-bold text-brand-800">
          {t('planning.roster.title')} · {shift.title ?? t(`shift.role.${shift.role}`)}
        </h1>
        <p className="text-stone-700">
          {formatTimeRange(shift.starts_at, shift.ends_at, locale)}
          {shift.place ? ` · ${shift.place}` : ''}
        </p>
        {shift.status === 'cancelled' ? (
          <p className="font-semibold text-red-700">{t('planning.roster.statusCancelled')}</p>
        ) : null}
        <p className="mt-2 flex gap-4 text-sm">
          <Link to={`/staff/shifts/${shift.id}/edit`} className="text-brand-700 underline">
            {t('planning.roster.edit')}
          </Link>
          <Link to={`/staff/shifts/${shift.id}/qr`} className="text-brand-700 underline">
            {t('planning.roster.qr')}
          </Link>
        </p>
      </div>

      <Section title={t('planning.roster.confirmed', { count: confirmed.length, capacity: shift.capacity })}>
        {confirmed.length === 0 ? <p className="text-stone-700">{t('planning.roster.noConfirmed')}</p> : null}
        <ul className="divide-y divide-stone-100">
          {confirmed.map((row) => (
            <li key={row.id} className="space-y-2 py-3" aria-label={row.name}>
              <div className="flex flex-wrap justify-between gap-2">
                <div>
                  <p className="font-medium">{row.name}</p>
                  <p className="text-sm text-stone-700">
                    {t('planning.roster.phone')}: {row.phone ?? '—'}
                  </p>
                  {row.added_reason ? (
                    <p className="text-sm text-stone-600">
                      {t('planning.roster.addedByHand', { reason: row.added_reason })}
                    </p>
                  ) : null}
                </div>
                <Requirements row={row} />
                <div className="text-sm">
                  <p>
                    {t('planning.roster.attendance')}: {t(`planning.attendance.${row.attendance}`)}
                  </p>
                  <p>
                    {t('planning.roster.hours')}:{' '}
                    {row.service_minutes === null ? '—' : t('planning.roster.minutes', { count: row.service_minutes })}{' '}
                    · {t(`planning.hours.${row.hours_status}`)}
                  </p>
                  {row.hours_override_reason ? (
                    <p>{t('planning.roster.overridden', { reason: row.hours_override_reason })}</p>
                  ) : null}
                  {row.approved_by_name ? (
                    <p>{t('planning.roster.approvedBy', { name: row.approved_by_name })}</p>
                  ) : null}
                </div>
              </div>
              {row.hours_status !== 'approved' ? (
                <div className="flex flex-wrap gap-4">
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="mark" />
                    <input type="hidden" name="signupId" value={row.id} />
                    <label className="text-sm">
                      {t('planning.roster.attendance')}
                      <select name="attendance" defaultValue={row.attendance} className={`ml-1 ${input}`}>
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
                        defaultValue={hhmm(row.checked_in_at)}
                        placeholder="09:00"
                        size={5}
                        className={`ml-1 ${input}`}
                      />
                    </label>
                    <label className="text-sm">
                      {t('planning.roster.checkedOut')}
                      <input
                        name="checkedOut"
                        defaultValue={hhmm(row.checked_out_at)}
                        placeholder="12:00"
                        size={5}
                        className={`ml-1 ${input}`}
                      />
                    </label>
                    <button type="submit" disabled={pending} className={button}>
                      {t('planning.roster.markSubmit')}
                    </button>
                    <ErrorList errors={errorsFor('mark', 'checkedIn', row.id)} />
                    <ErrorList errors={errorsFor('mark', 'checkedOut', row.id)} />
                    <ErrorList errors={errorsFor('mark', '', row.id)} />
                  </Form>
                  {row.attendance === 'attended' ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="override" />
                      <input type="hidden" name="signupId" value={row.id} />
                      <label className="text-sm">
                        {t('planning.roster.overrideMinutes')}
                        <input name="minutes" type="number" min={0} className={`ml-1 w-20 ${input}`} />
                      </label>
                      <label className="text-sm">
                        {t('planning.roster.reason')}
                        <input name="reason" className={`ml-1 ${input}`} />
                      </label>
                      <button type="submit" disabled={pending} className={button}>
                        {t('planning.roster.overrideSubmit')}
                      </button>
                      <ErrorList errors={errorsFor('override', 'minutes', row.id)} />
                      <ErrorList errors={errorsFor('override', 'reason', row.id)} />
                      <ErrorList errors={errorsFor('override', '', row.id)} />
                    </Form>
                  ) : null}
                </div>
              ) : null}
              {shift.status === 'open' && !roster.ended ? (
                <RemoveForm row={row} pending={pending} errors={(field) => errorsFor('remove', field, row.id)} />
              ) : null}
              {okFor('mark', row.id)}
              {okFor('override', row.id)}
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t('planning.roster.waitlist')}>
        {waitlist.length === 0 ? (
          <p className="text-stone-700">{t('planning.roster.noWaitlist')}</p>
        ) : (
          <ol className="list-decimal pl-6">
            {waitlist.map((row, index) => (
              <li key={row.id} className="py-1">
                {row.name} · {row.phone ?? '—'} · {t('planning.roster.position', { position: index + 1 })}
                <Requirements row={row} />
                <RemoveForm row={row} pending={pending} errors={(field) => errorsFor('remove', field, row.id)} />
              </li>
            ))}
          </ol>
        )}
        {okFor('remove')}
      </Section>

      <Section title={t('planning.roster.addTitle')}>
        {okFor('add')}
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
              aria-invalid={errorsFor('add', 'volunteerEmail') ? true : undefined}
              aria-describedby="volunteerEmail-error"
              className={input}
            />
            <ErrorList id="volunteerEmail-error" errors={errorsFor('add', 'volunteerEmail')} />
          </div>
          <div>
            <label htmlFor="addReason" className="block text-sm font-medium">
              {t('planning.roster.reason')}
            </label>
            <input
              id="addReason"
              name="reason"
              aria-invalid={errorsFor('add', 'reason') ? true : undefined}
              aria-describedby="addReason-error"
              className={input}
            />
            <ErrorList id="addReason-error" errors={errorsFor('add', 'reason')} />
          </div>
          <button type="submit" disabled={pending} className={button}>
            {t('planning.roster.addSubmit')}
          </button>
          <ErrorList errors={errorsFor('add', '')} />
        </Form>
      </Section>

      {roster.started && confirmed.length > 0 ? (
        <Section title={t('planning.roster.rollCallTitle')}>
          <p className="text-sm text-stone-700">{t('planning.roster.rollCallIntro')}</p>
          {okFor('rollcall')}
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
            <ErrorList errors={errorsFor('rollcall', '')} />
            <button type="submit" disabled={pending} className={button}>
              {t('planning.roster.rollCallSubmit')}
            </button>
          </Form>
        </Section>
      ) : null}

      <Section title={t('planning.roster.approveTitle')}>
        {okFor('approve')}
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
            <ErrorList errors={errorsFor('approve', '')} />
            <button type="submit" disabled={pending} className={button}>
              {t('planning.roster.approveSubmit')}
            </button>
          </Form>
        )}
      </Section>

      <Section title={t('planning.roster.messageTitle')}>
        {okFor('message')}
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="message" />
          <label htmlFor="message" className="block text-sm font-medium">
            {t('planning.roster.message')}
          </label>
          <textarea
            id="message"
            name="message"
            rows={3}
            aria-invalid={errorsFor('message', 'message') ? true : undefined}
            aria-describedby="message-error"
            className="block w-full rounded-md border border-stone-300 px-3 py-2"
          />
          <ErrorList id="message-error" errors={errorsFor('message', 'message')} />
          <ErrorList errors={errorsFor('message', '')} />
          <button type="submit" disabled={pending} className={button}>
            {t('planning.roster.messageSubmit')}
          </button>
        </Form>
      </Section>
    </div>
  )
}

function OkText({ message }: { message: string }) {
  const { t } = useTranslation()
  const { key, params } = decodeMessage(message)
  return <>{t(key as 'planning.roster.marked', params ?? {})}</>
}
