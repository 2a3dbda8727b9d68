import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { DomainError } from '~/domain/errors'
import { approveHours, markAttendance, overrideHours, recordRollCall } from '~/domain/planning/attendance.server'
import { findVolunteerByEmail, getRoster, messageShiftVolunteers } from '~/domain/planning/roster.server'
import {
  ApproveHours,
  HandAdd,
  HandRemove,
  MarkAttendance,
  MessageVolunteers,
  OverrideHours,
  RollCall,
} from '~/domain/planning/schema'
import { addToShift, removeFromShift } from '~/domain/signups/staff-actions.server'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { badRequest, idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast, type Toast } from '~/lib/toast.server'
import { AddPanel, ApprovePanel, MessagePanel, RollCallPanel, Section } from './panels'
import { useReply } from './reply'
import { ConfirmedRow, RemoveForm, Requirements } from './rows'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.roster.title')

function asResponse(error: unknown): never {
  if (error instanceof DomainError) throw new Response(null, { status: error.status })
  throw error
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return getRoster(context.db, actor, idParam(params), new Date()).catch(asResponse)
}

/** Parses one form, runs its rule, and answers: back to the roster with a toast, or the form's errors. */
async function answer<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  back: string,
  run: (value: z.output<S>) => Promise<Toast>,
) {
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    return await redirectWithToast(back, await run(submission.value))
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const shiftId = idParam(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const db = context.db
  const back = `/staff/shifts/${shiftId}`
  switch (formData.get('intent')) {
    case 'message':
      return answer(formData, MessageVolunteers, back, async ({ message }) => {
        const count = await messageShiftVolunteers(db, actor, shiftId, message, meta)
        return { key: 'planning.roster.messageSent', params: { count } }
      })
    case 'rollcall':
      return answer(formData, RollCall, back, async ({ attended }) => {
        const result = await recordRollCall(db, actor, shiftId, attended, meta)
        return { key: 'planning.roster.rollCallDone', params: result }
      })
    case 'mark':
      return answer(formData, MarkAttendance, back, async (value) => {
        await ensureOnShift(db, actor, shiftId, value.signupId)
        await markAttendance(
          db,
          actor,
          value.signupId,
          { attendance: value.attendance, checkedInAt: value.checkedIn, checkedOutAt: value.checkedOut },
          meta,
        )
        return { key: 'planning.roster.marked' }
      })
    case 'override':
      return answer(formData, OverrideHours, back, async (value) => {
        await ensureOnShift(db, actor, shiftId, value.signupId)
        await overrideHours(db, actor, value.signupId, value.minutes, value.reason, meta)
        return { key: 'planning.roster.overrideDone' }
      })
    case 'approve':
      return answer(formData, ApproveHours, back, async ({ signupIds }) => {
        const roster = await getRoster(db, actor, shiftId, meta.now)
        const own = new Set(roster.confirmed.map((r) => r.id))
        const ids = signupIds.filter((id) => own.has(id))
        const count = await approveHours(db, actor, ids, meta)
        return { key: 'planning.roster.approved', params: { count } }
      })
    case 'add':
      return answer(formData, HandAdd, back, async (value) => {
        try {
          const volunteerId = await findVolunteerByEmail(db, actor, value.volunteerEmail)
          await addToShift(db, actor, shiftId, volunteerId, value.reason, meta)
        } catch (error) {
          // The sign-up rules name the volunteer field by id; this form asks for the email.
          if (error instanceof DomainError && error.options.field === 'volunteerId') {
            throw new DomainError(error.kind, error.code, { ...error.options, field: 'volunteerEmail' })
          }
          throw error
        }
        return { key: 'planning.roster.added' }
      })
    case 'remove':
      return answer(formData, HandRemove, back, async (value) => {
        await ensureOnShift(db, actor, shiftId, value.signupId, true)
        await removeFromShift(db, actor, value.signupId, value.reason, meta)
        return { key: 'planning.roster.removed' }
      })
    default:
      return badRequest()
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

export default function RosterPage() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const roster = useLoaderData<typeof loader>()
  const reply = useReply()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  const { shift, confirmed, waitlist } = roster
  const removable = shift.status === 'open' && !roster.ended
  const pendingHours = confirmed.filter((r) => r.attendance === 'attended' && r.hours_status === 'pending')
  return (
    <div className="space-y-6">
      <Link to="/staff" className="text-sm text-brand-700 underline">
        {t('planning.home.title')}
      </Link>
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
            <ConfirmedRow key={row.id} row={row} pending={pending} removable={removable} reply={reply} />
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
                <RemoveForm row={row} pending={pending} reply={reply} />
              </li>
            ))}
          </ol>
        )}
      </Section>

      <AddPanel pending={pending} reply={reply} />
      {roster.started && confirmed.length > 0 ? (
        <RollCallPanel confirmed={confirmed} pending={pending} reply={reply} />
      ) : null}
      <ApprovePanel pendingHours={pendingHours} pending={pending} reply={reply} />
      <MessagePanel pending={pending} reply={reply} />
    </div>
  )
}
