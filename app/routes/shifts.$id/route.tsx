import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import type { Locale } from '#db/schema'
import { optionalActor, requireActor } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { availabilityOf } from '~/domain/shifts/availability'
import { getShiftDetail } from '~/domain/shifts/calendar.server'
import { loadEligibility } from '~/domain/signups/eligibility.server'
import { cancelSignup } from '~/domain/signups/cancel.server'
import { listMyShifts } from '~/domain/signups/my-shifts.server'
import { offerPlace, takeOffer, withdrawOffer } from '~/domain/signups/offers.server'
import { signUp } from '~/domain/signups/sign-up.server'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { IdField, idParam, notFoundPage } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'
import { SignupPanel } from './signup-panel'
import { formatInstant } from './translate'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.title')

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = idParam(params)
  const actor = await optionalActor(request, context)
  const shift = (await getShiftDetail(context.db, id, actor)) ?? notFoundPage()
  if (!actor) return { shift, signedIn: false as const }
  const now = new Date()
  const [eligibility, mine] = await Promise.all([
    loadEligibility(context.db, actor, [shift.id], now),
    actor.role === 'volunteer' ? listMyShifts(context.db, actor, now) : null,
  ])
  const answer = eligibility.get(shift.id)
  return {
    shift,
    signedIn: true as const,
    eligibility: answer
      ? { eligible: answer.eligible, reasons: answer.reasons, wouldWaitlist: answer.wouldWaitlist }
      : null,
    mySignup: mine?.upcoming.find((s) => s.shiftId === shift.id) ?? null,
    offers: mine?.availableOffers.filter((o) => o.shiftId === shift.id).map((o) => o.offerId) ?? [],
  }
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('signup') }),
  z.object({ intent: z.literal('cancel'), signupId: IdField }),
  z.object({ intent: z.literal('offer'), signupId: IdField }),
  z.object({ intent: z.literal('withdraw'), offerId: IdField }),
  z.object({ intent: z.literal('take'), offerId: IdField }),
])

export async function action({ params, request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const shiftId = idParam(params)
  const submission = parseWithZod(await request.formData(), { schema: Intent })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  const meta = requestMeta(context)
  const back = (key: string, params?: { position: number }) =>
    redirectWithToast(`/shifts/${shiftId}`, { key: `signup.result.${key}`, params })
  try {
    switch (input.intent) {
      case 'signup': {
        const result = await signUp(context.db, actor, shiftId, meta)
        return back(result.status, result.position === undefined ? undefined : { position: result.position })
      }
      case 'cancel':
        await cancelSignup(context.db, actor, input.signupId, meta)
        return back('cancelled')
      case 'offer':
        await offerPlace(context.db, actor, input.signupId, meta)
        return back('offered')
      case 'withdraw':
        await withdrawOffer(context.db, actor, input.offerId, meta)
        return back('offerWithdrawn')
      case 'take':
        await takeOffer(context.db, actor, input.offerId, meta)
        return back('offerTaken')
    }
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function ShiftPage() {
  const loaderData = useLoaderData<typeof loader>()
  const { shift } = loaderData
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const availability = availabilityOf(shift.confirmed_count, shift.capacity)
  const seatsText =
    availability === 'full'
      ? t('shift.full')
      : availability === 'almost_full'
        ? t('shift.almostFull')
        : t('shift.seatsLeft', { count: shift.capacity - shift.confirmed_count })
  const requirements = [
    shift.min_age ? t('calendar.detail.minAge', { age: shift.min_age }) : null,
    shift.required_skill ? t('calendar.detail.skill', { skill: shift.required_skill }) : null,
    shift.required_training ? t('calendar.detail.training', { training: shift.required_training }) : null,
  ].filter((r): r is string => r !== null)

  return (
    <div className="space-y-6">
      <Link to="/shifts" className="text-sm text-brand-700 underline">
        ← {t('calendar.detail.back')}
      </Link>
      <article
        className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm sm:p-8"
        style={{ borderTop: `6px solid ${shift.programme_colour}` }}
        aria-labelledby="shift-title"
      >
        <h1 id="shift-title" className="text-2xl font-bold text-brand-800">
          {t(`shift.role.${shift.role}`)}
          {shift.place_name ? <span className="text-stone-700"> · {shift.place_name}</span> : null}
        </h1>
        {shift.title || shift.activity_title ? (
          <p className="mt-1 text-stone-700">{shift.title ?? shift.activity_title}</p>
        ) : null}
        {shift.status === 'cancelled' ? (
          <div className="mt-4">
            <Notice tone="error">{t('calendar.detail.cancelledShift')}</Notice>
          </div>
        ) : null}
        <dl className="mt-6 grid gap-x-6 gap-y-4 sm:grid-cols-[10rem_1fr]">
          <Item label={t('calendar.detail.when')}>{formatTimeRange(shift.starts_at, shift.ends_at, locale)}</Item>
          {shift.place_name ? <Item label={t('calendar.detail.place')}>{shift.place_name}</Item> : null}
          {shift.address ? <Item label={t('calendar.detail.address')}>{shift.address}</Item> : null}
          <Item label={t('calendar.detail.role')}>{t(`shift.role.${shift.role}`)}</Item>
          <Item label={t('calendar.detail.seats')}>
            {seatsText} ({t('shift.seatsOf', { confirmed: shift.confirmed_count, capacity: shift.capacity })})
          </Item>
          {shift.activity_title ? (
            <Item label={t('calendar.detail.activity')}>
              <p>{shift.activity_title}</p>
              {shift.activity_description ? (
                <p className="mt-1 whitespace-pre-line text-sm text-stone-600">{shift.activity_description}</p>
              ) : null}
            </Item>
          ) : null}
          {shift.programme_name ? <Item label={t('calendar.detail.programme')}>{shift.programme_name}</Item> : null}
          {shift.what_to_bring ? (
            <Item label={t('calendar.detail.whatToBring')}>
              <span className="whitespace-pre-line">{shift.what_to_bring}</span>
            </Item>
          ) : null}
          {shift.notes ? (
            <Item label={t('calendar.detail.notes')}>
              <span className="whitespace-pre-line">{shift.notes}</span>
            </Item>
          ) : null}
          {shift.contact_name ? (
            <Item label={t('calendar.detail.contact')}>
              {shift.contact_name}
              {shift.contact_phone ? (
                <>
                  {' '}
                  <a href={`tel:${shift.contact_phone.replace(/\s/g, '')}`} className="text-brand-700 underline">
                    {shift.contact_phone}
                  </a>
                </>
              ) : !loaderData.signedIn ? (
                <span className="block text-sm text-stone-500">{t('calendar.detail.phoneHidden')}</span>
              ) : null}
            </Item>
          ) : null}
          <Item label={t('calendar.detail.requirements')}>
            {requirements.length === 0 ? (
              t('calendar.detail.noRequirements')
            ) : (
              <ul className="list-inside list-disc">
                {requirements.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            <ul className="mt-1 space-y-0.5 text-sm text-stone-600">
              {shift.signup_opens_at ? (
                <li>{t('calendar.detail.signupOpens', { date: formatInstant(shift.signup_opens_at, locale) })}</li>
              ) : null}
              {shift.signup_closes_at ? (
                <li>{t('calendar.detail.signupCloses', { date: formatInstant(shift.signup_closes_at, locale) })}</li>
              ) : null}
              {shift.cancel_cutoff_hours > 0 ? (
                <li>{t('calendar.detail.cancelCutoff', { hours: shift.cancel_cutoff_hours })}</li>
              ) : null}
            </ul>
          </Item>
        </dl>
        <SignupPanel />
      </article>
    </div>
  )
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="sm:contents">
      <dt className="text-sm font-medium text-stone-500">{label}</dt>
      <dd className="text-stone-900">{children}</dd>
    </div>
  )
}
