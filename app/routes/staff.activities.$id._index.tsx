import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BENEFICIARY_GROUPS, type Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Field, Notice, SubmitButton } from '~/components/form'
import { OutcomeFields } from '~/components/outcome-fields'
import { DomainError } from '~/domain/errors'
import { correctOutcome, fileOutcome, outcomeHistory } from '~/domain/activities/outcome.server'
import { cancelActivity, publishActivity } from '~/domain/activities/planning.server'
import { CancelActivityForm, CorrectOutcomeForm, OutcomeForm } from '~/domain/activities/schema'
import { getStaffActivity } from '~/domain/activities/staff.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, formatTimeRange } from '~/lib/dates'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activities.list.title')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  try {
    const [detail, history] = await Promise.all([
      getStaffActivity(context.db, actor, id),
      outcomeHistory(context.db, actor, id),
    ])
    return { ...detail, history, now: new Date().toISOString() }
  } catch (error) {
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const intent = formData.get('intent')
  const back = `/staff/activities/${id}`
  if (intent === 'publish') {
    const submission = parseWithZod(formData, { schema: CancelActivityForm })
    try {
      await publishActivity(context.db, actor, id, meta)
      return redirectWithToast(back, { key: 'activities.publish.done' })
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent: 'publish' as const, result }, { status })
    }
  }
  if (intent === 'cancel') {
    const submission = parseWithZod(formData, { schema: CancelActivityForm })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    try {
      const { shiftsCancelled } = await cancelActivity(context.db, actor, id, submission.value.reason, meta)
      return redirectWithToast(back, { key: 'activities.cancel.done', params: { count: shiftsCancelled } })
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent: 'cancel' as const, result }, { status })
    }
  }
  if (intent === 'outcome') {
    const submission = parseWithZod(formData, { schema: OutcomeForm })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    try {
      await fileOutcome(context.db, actor, id, submission.value, meta)
      return redirectWithToast(back, { key: 'activities.outcome.filed' })
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent, result }, { status })
    }
  }
  if (intent === 'correct') {
    const submission = parseWithZod(formData, { schema: CorrectOutcomeForm })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    try {
      await correctOutcome(context.db, actor, id, submission.value, meta)
      return redirectWithToast(back, { key: 'activities.outcome.corrected' })
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent, result }, { status })
    }
  }
  throw new Response(null, { status: 400 })
}

export default function StaffActivityPage() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { activity, served, shifts, history, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const filed = activity.outcome_filed_at !== null
  const intent = filed ? 'correct' : 'outcome'
  const servedBy = Object.fromEntries(served.map((s) => [s.beneficiary_group, String(s.people_count)]))
  const [outcomeForm, outcomeFields] = useForm({
    id: `activity-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: filed ? CorrectOutcomeForm : OutcomeForm }),
    shouldValidate: 'onBlur',
    defaultValue: {
      participantCount: activity.participant_count === null ? '' : String(activity.participant_count),
      booksDelivered: activity.books_delivered === null ? '' : String(activity.books_delivered),
      materialsUsed: activity.materials_used ?? '',
      notes: activity.outcome_notes ?? '',
      followUps: activity.follow_ups ?? '',
      ...Object.fromEntries(BENEFICIARY_GROUPS.map((g) => [`served_${g}`, servedBy[g] ?? ''])),
    },
  })
  const [cancelForm, cancelFields] = useForm({
    id: 'cancel-activity',
    lastResult: actionData?.intent === 'cancel' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelActivityForm }),
  })
  const started = Date.parse(activity.starts_at) <= Date.parse(now)
  const outcomeShown = activity.status !== 'cancelled' && started
  const place = activity.partner_name ?? activity.site_name
  return (
    <div className="space-y-6">
      <Link to="/staff/activities" className="text-sm text-brand-700 underline">
        {t('activities.detail.back')}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">{activity.title}</h1>
          <p className="text-sm text-stone-700">
            {t(`activity.type.${activity.type}`)} · {t(`activities.status.${activity.status}`)}
            {activity.partner_organisation_id !== null ? ` · ${t('activities.list.outreach')}` : ''}
          </p>
        </div>
        <div className="flex gap-2">
          {activity.status !== 'cancelled' ? (
            <Link
              to={`/staff/activities/${activity.id}/edit`}
              className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100"
            >
              {t('activities.detail.edit')}
            </Link>
          ) : null}
          <Link
            to={`/activities/${activity.id}`}
            className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100"
          >
            {t('activities.detail.publicPage')}
          </Link>
          {activity.partner_organisation_id !== null ? (
            <Link
              to={`/staff/visits/${activity.id}`}
              className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100"
            >
              {t('activities.detail.visitPage')}
            </Link>
          ) : null}
          {activity.status === 'planned' ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button
                type="submit"
                disabled={pending}
                className="rounded-md bg-brand-700 px-3 py-2 text-white hover:bg-brand-800"
              >
                {t('activities.publish.submit')}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {/* Refusals of a form not shown (publish, an outcome refused after another filed it). */}
      {actionData && (actionData.intent !== intent || !outcomeShown) && actionData.intent !== 'cancel' ? (
        <ErrorList errors={actionData.result.error?.[''] ?? undefined} />
      ) : null}
      {activity.series_id !== null ? <Notice>{t('activities.detail.series')}</Notice> : null}
      {activity.status === 'cancelled' && activity.cancel_reason ? (
        <Notice tone="error">{t('activities.detail.cancelReason', { reason: activity.cancel_reason })}</Notice>
      ) : null}
      <dl className="grid gap-2 rounded-xl border border-stone-200 bg-white p-5 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium">{t('activities.detail.when')}</dt>
          <dd>
            {formatDayWithYear(activity.starts_at, locale)}{' '}
            {formatTimeRange(activity.starts_at, activity.ends_at, locale)}
          </dd>
        </div>
        <div>
          <dt className="font-medium">{t('activities.detail.where')}</dt>
          <dd>
            {activity.mode === 'online' ? t('activities.detail.online') : null} {place}
            {activity.site_archived_at ? ` ${t('activities.detail.archivedSite')}` : ''}
          </dd>
        </div>
        <div>
          <dt className="font-medium">{t('activities.detail.programme')}</dt>
          <dd>{activity.programme_name ?? t('activities.form.none')}</dd>
        </div>
        <div>
          <dt className="font-medium">{t('activities.detail.coordinator')}</dt>
          <dd>{activity.coordinator_name ?? t('activities.form.none')}</dd>
        </div>
        <div>
          <dt className="font-medium">{t('activities.detail.visibility')}</dt>
          <dd>{t(activity.is_public ? 'activities.detail.public' : 'activities.detail.internal')}</dd>
        </div>
        {activity.requires_insurance ? <p className="text-amber-800">{t('activities.detail.insurance')}</p> : null}
      </dl>
      {activity.description ? <p className="whitespace-pre-line text-stone-800">{activity.description}</p> : null}

      <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-5">
        <h2 className="text-lg font-semibold">{t('activities.detail.shifts')}</h2>
        {shifts.length === 0 ? <p className="text-sm text-stone-700">{t('activities.detail.noShifts')}</p> : null}
        <ul className="text-sm">
          {shifts.map((shift) => (
            <li key={shift.id}>
              <Link to={`/staff/shifts/${shift.id}`} className="underline">
                {formatDayWithYear(shift.starts_at, locale)} {formatTimeRange(shift.starts_at, shift.ends_at, locale)}
              </Link>{' '}
              · {t(`shift.role.${shift.role}`)}{' '}
              {shift.status === 'cancelled' ? ` · ${t('activities.status.cancelled')}` : ''}
            </li>
          ))}
        </ul>
        <Link to="/staff/shifts/new" className="text-sm text-brand-700 underline">
          {t('activities.detail.newShift')}
        </Link>
      </section>

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 className="text-lg font-semibold">{t('activities.outcome.title')}</h2>
        {filed ? (
          <p className="text-sm text-stone-700">
            {t('activities.outcome.filedBy', {
              name: activity.outcome_filed_by_name ?? '',
              at: formatDayWithYear(activity.outcome_filed_at!, locale),
            })}
          </p>
        ) : (
          <p className="text-sm text-stone-700">{t('activities.outcome.none')}</p>
        )}
        {outcomeShown ? (
          <Form method="post" {...getFormProps(outcomeForm)} className="space-y-4">
            <h3 className="font-medium">
              {t(filed ? 'activities.outcome.correctTitle' : 'activities.outcome.fileTitle')}
            </h3>
            <input type="hidden" name="intent" value={intent} />
            <ErrorList id={outcomeForm.errorId} errors={outcomeForm.errors} />
            <OutcomeFields
              fields={outcomeFields as unknown as Record<string, FieldMetadata<string | undefined>>}
              correcting={filed}
            />
            <SubmitButton pending={pending}>
              {t(filed ? 'activities.outcome.submitCorrect' : 'activities.outcome.submitFile')}
            </SubmitButton>
          </Form>
        ) : null}
        {history.length ? (
          <div>
            <h3 className="font-medium">{t('activities.outcome.history')}</h3>
            <ul className="text-sm text-stone-700">
              {history.map((h) => (
                <li key={h.id}>
                  {h.action === 'activity_outcome_filed'
                    ? t('activities.outcome.historyFiled', { at: formatDayWithYear(h.at, locale), name: h.by ?? '' })
                    : t('activities.outcome.historyCorrected', {
                        at: formatDayWithYear(h.at, locale),
                        name: h.by ?? '',
                        before: h.previousParticipants ?? '—',
                        reason: h.reason ?? '',
                      })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {activity.status === 'planned' || activity.status === 'published' ? (
        <section className="space-y-3 rounded-xl border border-red-200 bg-white p-5">
          <h2 className="text-lg font-semibold">{t('activities.cancel.title')}</h2>
          <p className="text-sm text-stone-700">{t('activities.cancel.intro')}</p>
          <Form method="post" {...getFormProps(cancelForm)} className="space-y-3">
            <input type="hidden" name="intent" value="cancel" />
            <ErrorList id={cancelForm.errorId} errors={cancelForm.errors} />
            <Field meta={cancelFields.reason} label={t('activities.cancel.reason')} />
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {t('activities.cancel.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
