import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Notice, SubmitButton } from '~/components/form'
import { RollCall } from '~/domain/planning/schema'
import { leadView, requireLeadOrStaff, takeVisitRollCall } from '~/domain/visits/lead.server'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange } from '~/lib/dates'
import { orHttpError } from '~/lib/domain-response.server'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'visits.lead.roster')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const id = idParam(params)
  return orHttpError(leadView(context.db, actor, id, new Date()))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const id = idParam(params)
  // A stranger is refused whatever they post: who may act is checked before the form is read.
  await orHttpError(requireLeadOrStaff(context.db, actor, id))
  const submission = parseWithZod(await request.formData(), { schema: RollCall })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const result = await takeVisitRollCall(context.db, actor, id, submission.value.attended, requestMeta(context))
    return redirectWithToast(`/visits/${id}/team`, { key: 'visits.lead.rollCallDone', params: result })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ result }, { status })
  }
}

export default function TeamLeadRoster() {
  const { visit, team, rollCallOpen, outcomeOpen } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  return (
    <div className="mx-auto max-w-md space-y-4">
      <header className="space-y-1">
        <h1 className="text-xl font-bold text-brand-800">{t('visits.lead.title', { title: visit.title })}</h1>
        <p className="text-sm text-stone-700">{formatTimeRange(visit.starts_at, visit.ends_at, locale)}</p>
        <p className="text-sm">{t('visits.lead.destination', { name: visit.partner_name })}</p>
        {visit.partner_address ? <p className="text-sm text-stone-700">{visit.partner_address}</p> : null}
        {visit.meeting_point ? (
          <p className="text-sm">{t('visits.lead.meetingPoint', { place: visit.meeting_point })}</p>
        ) : null}
        {visit.transport ? (
          <p className="text-sm">{t('visits.lead.transport', { transport: visit.transport })}</p>
        ) : null}
        {visit.what_to_bring ? (
          <p className="text-sm">{t('visits.lead.whatToBring', { items: visit.what_to_bring })}</p>
        ) : null}
        {visit.partner_contact_name ? (
          <p className="text-sm">
            {t('visits.lead.partnerContact', { name: visit.partner_contact_name })}{' '}
            {visit.partner_contact_phone ? (
              <a className="underline" href={`tel:${visit.partner_contact_phone}`}>
                {visit.partner_contact_phone}
              </a>
            ) : null}
          </p>
        ) : null}
        {visit.coordinator_name ? (
          <p className="text-sm">
            {t('visits.lead.coordinator', { name: visit.coordinator_name })}{' '}
            {visit.coordinator_phone ? (
              <a className="underline" href={`tel:${visit.coordinator_phone}`}>
                {visit.coordinator_phone}
              </a>
            ) : null}
          </p>
        ) : null}
      </header>

      <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t('visits.lead.rollCall')}</h2>
        <p className="text-sm text-stone-700">
          {rollCallOpen ? t('visits.lead.rollCallIntro') : t('visits.lead.rollCallNotOpen')}
        </p>
        <Form method="post" className="space-y-3">
          <ErrorList errors={actionData?.result.error?.[''] ?? undefined} />
          {team.map((shift) => (
            <fieldset key={shift.id} className="space-y-1">
              <legend className="font-medium">
                {shift.team_role ? t(`visits.role.${shift.team_role}`) : t(`shift.role.${shift.role}`)}
              </legend>
              {shift.members.map((m) => (
                <div
                  key={m.id}
                  className="flex items-center justify-between gap-2 rounded-md border border-stone-100 p-2"
                >
                  <label className="flex min-h-11 flex-1 items-center gap-3">
                    <input
                      type="checkbox"
                      name="attended"
                      value={m.id}
                      defaultChecked={m.attendance === 'attended'}
                      disabled={!rollCallOpen}
                      className="h-5 w-5"
                    />
                    <span>
                      {m.name}
                      {m.attendance !== 'pending' ? (
                        <span className="ml-1 text-xs text-stone-600">
                          ({t(m.attendance === 'attended' ? 'visits.lead.attended' : 'visits.lead.noShow')})
                        </span>
                      ) : null}
                    </span>
                  </label>
                  {m.phone ? (
                    <a className="text-brand-700 underline" href={`tel:${m.phone}`}>
                      {m.phone}
                    </a>
                  ) : (
                    <span className="text-xs text-stone-600">{t('visits.lead.noPhone')}</span>
                  )}
                </div>
              ))}
            </fieldset>
          ))}
          {rollCallOpen ? <SubmitButton pending={pending}>{t('visits.lead.rollCallSubmit')}</SubmitButton> : null}
        </Form>
      </section>

      {visit.outcome_filed_at ? (
        <Notice tone="success">{t('visits.lead.alreadyFiled')}</Notice>
      ) : outcomeOpen ? (
        <Link
          to={`/visits/${visit.id}/outcome`}
          className="block rounded-xl bg-brand-700 p-3 text-center font-medium text-white"
        >
          {t('visits.lead.outcome')}
        </Link>
      ) : (
        <p className="text-sm text-stone-700">{t('visits.lead.outcomeNotOpen')}</p>
      )}
    </div>
  )
}
