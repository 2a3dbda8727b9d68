import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { TEAM_ROLES, type Locale } from '#db/schema'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Field, Notice, SelectField, SubmitButton, TextareaField } from '~/components/form'
import { coverTeam, coverVolunteer, createPolicy } from '~/domain/visits/insurance.server'
import { CoverForm, CoverTeamForm, PolicyForm, TeamShiftForm, VisitPlanForm } from '~/domain/visits/schema'
import { addTeamShift, getVisit, updateVisitPlan } from '~/domain/visits/visits.server'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange } from '~/lib/dates'
import { orHttpError } from '~/lib/domain-response.server'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'visits.board.title')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  return orHttpError(getVisit(context.db, actor, id, new Date()))
}

type Intent = 'plan' | 'team' | 'policy' | 'cover' | 'coverTeam'

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const back = `/staff/visits/${id}`
  const db = context.db
  /** Parses the intent's form, runs it, and answers with the toast or the refusal. */
  async function run<S extends z.ZodType>(
    intent: Intent,
    schema: S,
    call: (value: z.output<S>) => Promise<{ key: string; params?: Record<string, number> }>,
  ) {
    const submission = parseWithZod(formData, { schema })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    try {
      return redirectWithToast(back, await call(submission.value))
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent, result }, { status })
    }
  }
  switch (formData.get('intent')) {
    case 'plan':
      return run('plan', VisitPlanForm, async (v) => {
        await updateVisitPlan(db, actor, id, v, meta)
        return { key: 'visits.plan.saved' }
      })
    case 'team':
      return run('team', TeamShiftForm, async (v) => {
        await addTeamShift(db, actor, id, v, meta)
        return { key: 'visits.team.added' }
      })
    case 'policy':
      return run('policy', PolicyForm, async (v) => {
        await createPolicy(db, actor, v, meta)
        return { key: 'visits.insurance.created' }
      })
    case 'cover':
      return run('cover', CoverForm, async (v) => ({
        key: 'visits.insurance.covered',
        params: { count: await coverVolunteer(db, actor, v.policyId, v.volunteerEmail, meta) },
      }))
    case 'coverTeam':
      return run('coverTeam', CoverTeamForm, async (v) => ({
        key: 'visits.insurance.covered',
        params: { count: await coverTeam(db, actor, v.policyId, id, meta) },
      }))
    default:
      throw new Response(null, { status: 400 })
  }
}

export default function StaffVisitPage() {
  const { visit, team, totals, policies } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const pending = useNavigation().state === 'submitting'
  const actionData = useActionData<typeof action>()
  const last = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
  const [planForm, plan] = useForm({
    id: 'visit-plan',
    lastResult: last('plan'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VisitPlanForm }),
    defaultValue: {
      purpose: visit.purpose ?? '',
      whatToBring: visit.what_to_bring ?? '',
      transport: visit.transport ?? '',
      meetingPoint: visit.meeting_point ?? '',
    },
  })
  const [teamForm, role] = useForm({
    id: 'visit-team',
    lastResult: last('team'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TeamShiftForm }),
    defaultValue: { capacity: '1' },
  })
  const [policyForm, policy] = useForm({
    id: 'visit-policy',
    lastResult: last('policy'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PolicyForm }),
  })
  const [coverForm, cover] = useForm({
    id: 'visit-cover',
    lastResult: last('cover'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CoverForm }),
  })
  const open = visit.status !== 'done' && visit.status !== 'outcome_filed'
  return (
    <div className="space-y-6">
      <Link to="/staff/visits" className="text-sm text-brand-700 underline">
        {t('visits.detail.back')}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{visit.title}</h1>
        <p className="text-sm text-stone-700">
          {t(`visits.status.${visit.status}`)} · {visit.partner_name} ·{' '}
          {formatTimeRange(visit.starts_at, visit.ends_at, locale)}
        </p>
        <p className="text-sm text-stone-700">
          {t('visits.detail.coordinator')}: {visit.coordinator_name ?? '—'} ·{' '}
          <Link className="underline" to={`/staff/activities/${visit.id}`}>
            {t('visits.detail.activityPage')}
          </Link>{' '}
          ·{' '}
          <Link className="underline" to={`/visits/${visit.id}/team`}>
            {t('visits.detail.leadPages')}
          </Link>
        </p>
      </header>

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 className="text-lg font-semibold">
          {t('visits.team.title')} ·{' '}
          {t('visits.team.seats', { confirmed: totals.confirmed, capacity: totals.capacity })}
        </h2>
        {team.length === 0 ? <p className="text-sm">{t('visits.team.none')}</p> : null}
        <ul className="space-y-2">
          {team.map((shift) => (
            <li key={shift.id} className="rounded-md border border-stone-100 p-3">
              <p className="font-medium">
                {shift.team_role ? t(`visits.role.${shift.team_role}`) : t(`shift.role.${shift.role}`)} ·{' '}
                {t('visits.team.seats', { confirmed: shift.confirmed_count, capacity: shift.capacity })} ·{' '}
                {formatTimeRange(shift.starts_at, shift.ends_at, locale)} ·{' '}
                <Link className="underline" to={`/staff/shifts/${shift.id}`}>
                  {t('visits.team.signupPage')}
                </Link>
              </p>
              <ul className="text-sm text-stone-800">
                {shift.members.map((m) => (
                  <li key={m.id}>
                    {m.name} {m.phone ? `· ${m.phone}` : ''}
                    {m.status === 'waitlisted' ? ` · ${t('visits.team.waitlisted')}` : ''}
                    {visit.requires_insurance
                      ? ` · ${t(m.insured ? 'visits.team.insured' : 'visits.team.notInsured')}`
                      : ''}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        {open ? (
          <Form method="post" {...getFormProps(teamForm)} className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="team" />
            <ErrorList id={teamForm.errorId} errors={teamForm.errors} />
            <SelectField meta={role.teamRole} label={t('visits.team.role')}>
              {TEAM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`visits.role.${r}`)}
                </option>
              ))}
            </SelectField>
            <Field meta={role.capacity} type="number" min={1} label={t('visits.team.capacity')} />
            <Field meta={role.minAge} type="number" min={0} label={t('visits.team.minAge')} />
            <Field meta={role.startTime} label={t('visits.team.startTime')} placeholder="09:00" />
            <Field meta={role.endTime} label={t('visits.team.endTime')} placeholder="11:30" />
            <Field meta={role.requiredSkill} label={t('visits.team.requiredSkill')} />
            <div>
              <SubmitButton pending={pending}>{t('visits.team.add')}</SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 className="text-lg font-semibold">{t('visits.plan.title')}</h2>
        <Form method="post" {...getFormProps(planForm)} className="space-y-3">
          <input type="hidden" name="intent" value="plan" />
          <ErrorList id={planForm.errorId} errors={planForm.errors} />
          <TextareaField meta={plan.purpose} label={t('visits.plan.purpose')} rows={2} />
          <TextareaField meta={plan.whatToBring} label={t('visits.plan.whatToBring')} rows={2} />
          <Field meta={plan.transport} label={t('visits.plan.transport')} />
          <Field meta={plan.meetingPoint} label={t('visits.plan.meetingPoint')} />
          <SubmitButton pending={pending}>{t('visits.plan.save')}</SubmitButton>
        </Form>
      </section>

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 className="text-lg font-semibold">{t('visits.insurance.title')}</h2>
        {visit.requires_insurance ? <Notice>{t('visits.insurance.required')}</Notice> : null}
        <h3 className="font-medium">{t('visits.insurance.policies')}</h3>
        {policies.length === 0 ? <p className="text-sm">{t('visits.insurance.none')}</p> : null}
        <ul className="space-y-2 text-sm">
          {policies.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-2">
              <span>
                {t('visits.insurance.policy', {
                  insurer: p.insurer,
                  number: p.policy_number,
                  from: p.covers_from,
                  until: p.covers_until,
                  count: p.covered,
                })}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="coverTeam" />
                <input type="hidden" name="policyId" value={p.id} />
                <button type="submit" className="rounded-md border border-stone-300 px-2 py-1 hover:bg-stone-100">
                  {t('visits.insurance.coverTeam')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {policies.length > 0 ? (
          <Form method="post" {...getFormProps(coverForm)} className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="cover" />
            <ErrorList id={coverForm.errorId} errors={coverForm.errors} />
            <SelectField meta={cover.policyId} label={t('visits.insurance.policyNumber')}>
              {policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.policy_number}
                </option>
              ))}
            </SelectField>
            <Field meta={cover.volunteerEmail} type="email" label={t('visits.insurance.volunteerEmail')} />
            <div>
              <SubmitButton pending={pending}>{t('visits.insurance.coverOne')}</SubmitButton>
            </div>
          </Form>
        ) : null}
        <Form method="post" {...getFormProps(policyForm)} className="grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="policy" />
          <h3 className="font-medium sm:col-span-2">{t('visits.insurance.newPolicy')}</h3>
          <ErrorList id={policyForm.errorId} errors={policyForm.errors} />
          <Field meta={policy.insurer} label={t('visits.insurance.insurer')} />
          <Field meta={policy.policyNumber} label={t('visits.insurance.policyNumber')} />
          <Field meta={policy.coversFrom} type="date" label={t('visits.insurance.coversFrom')} />
          <Field meta={policy.coversUntil} type="date" label={t('visits.insurance.coversUntil')} />
          <Field meta={policy.note} label={t('visits.insurance.note')} />
          <div>
            <SubmitButton pending={pending}>{t('visits.insurance.create')}</SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  )
}
