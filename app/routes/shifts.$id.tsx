import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from '@remix-run/react'
import { format } from 'date-fns'
import type { ParseKeys, TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import type { Locale } from '#db/schema'
import { optionalActor, requireActor } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { availabilityOf } from '~/domain/shifts/availability'
import { getShiftDetail } from '~/domain/shifts/calendar.server'
import { loadEligibility } from '~/domain/signups/eligibility.server'
import { cancelSignup } from '~/domain/signups/cancel.server'
import { listMyShifts } from '~/domain/signups/my-shifts.server'
import { offerPlace, takeOffer, withdrawOffer } from '~/domain/signups/offers.server'
import { signUp, SignupRefusedError } from '~/domain/signups/sign-up.server'
import { pageTitle } from '~/i18n/meta'
import { formatDay, formatTimeRange, inShanghai } from '~/lib/dates'
import { decodeMessage, encodeMessage } from '~/lib/form-message'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.title')

const Id = z.coerce.number().int().positive()

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = Id.safeParse(params.id)
  if (!id.success) throw new Response(null, { status: 404 })
  const actor = await optionalActor(request, context)
  const shift = await getShiftDetail(context.db, id.data, actor)
  if (!shift) throw new Response(null, { status: 404 })
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
  z.object({ intent: z.literal('cancel'), signupId: Id }),
  z.object({ intent: z.literal('offer'), signupId: Id }),
  z.object({ intent: z.literal('withdraw'), offerId: Id }),
  z.object({ intent: z.literal('take'), offerId: Id }),
])

export async function action({ params, request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const shiftId = Id.safeParse(params.id)
  if (!shiftId.success) throw new Response(null, { status: 404 })
  const form = Intent.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response(null, { status: 400 })
  const input = form.data
  const meta = requestMeta(context)
  const back = (done: string, position?: number) =>
    redirect(`/shifts/${shiftId.data}?done=${done}${position ? `&position=${position}` : ''}`)
  try {
    switch (input.intent) {
      case 'signup': {
        const result = await signUp(context.db, actor, shiftId.data, meta)
        return back(result.status, result.position)
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
    if (!(error instanceof DomainError)) throw error
    const reasons =
      error instanceof SignupRefusedError
        ? error.reasons.map((r) => encodeMessage(r.code, r.params))
        : [encodeMessage(error.code, error.options.params)]
    return data({ intent: input.intent, errors: reasons }, { status: error.status })
  }
}

// ---------------------------------------------------------------------------

const DONE = ['confirmed', 'waitlisted', 'cancelled', 'offered', 'offerWithdrawn', 'offerTaken'] as const

function formatInstant(instant: string, locale: Locale) {
  return `${formatDay(instant, locale)} ${format(inShanghai(instant), 'HH:mm')}`
}

/** Translates a reason or error key; its instants (`date`, `…At`) are formatted in the reader's locale first. */
function translate(t: TFunction, locale: Locale, key: string, params: Record<string, string | number> = {}) {
  const formatted = Object.fromEntries(
    Object.entries(params).map(([name, value]) =>
      (name === 'date' || name.endsWith('At')) && typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? [name, formatInstant(value, locale)]
        : [name, value],
    ),
  )
  return t(key as ParseKeys, { ...formatted, defaultValue: t('form.invalid') })
}

export default function ShiftPage() {
  const loaderData = useLoaderData<typeof loader>()
  const { shift } = loaderData
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const [search] = useSearchParams()
  const done = search.get('done')
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
      {done && (DONE as readonly string[]).includes(done) ? (
        <Notice tone="success">
          {t(`signup.result.${done as (typeof DONE)[number]}`, { position: search.get('position') ?? '' })}
        </Notice>
      ) : null}
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

function SignupPanel() {
  const loaderData = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const location = useLocation()
  const { shift } = loaderData
  if (shift.status === 'cancelled') return null
  return (
    <section aria-labelledby="signup-heading" className="mt-8 border-t border-stone-200 pt-6">
      <h2 id="signup-heading" className="text-lg font-semibold">
        {t('signup.title')}
      </h2>
      <div className="mt-3 space-y-3">
        {!loaderData.signedIn ? (
          <Link
            to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}
            className="inline-block rounded-md bg-brand-700 px-4 py-2.5 text-white hover:bg-brand-800"
          >
            {t('calendar.detail.signInToSignUp')}
          </Link>
        ) : (
          <SignedInActions />
        )}
      </div>
    </section>
  )
}

function SignedInActions() {
  const loaderData = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  if (!loaderData.signedIn) return null
  const { mySignup, offers, eligibility } = loaderData
  if (mySignup) {
    return (
      <>
        <p className="font-medium text-emerald-800">
          {mySignup.status === 'confirmed'
            ? t('signup.status.confirmed')
            : t('signup.status.waitlisted', { position: mySignup.waitlistRank ?? '' })}
        </p>
        {mySignup.openOfferId ? <p className="text-sm text-stone-700">{t('calendar.detail.offerOpen')}</p> : null}
        <div className="flex flex-wrap gap-3">
          <ActionButton intent="cancel" fields={{ signupId: mySignup.signupId }} tone="secondary">
            {t('signup.action.cancel')}
          </ActionButton>
          {mySignup.status === 'confirmed' && !mySignup.openOfferId ? (
            <ActionButton intent="offer" fields={{ signupId: mySignup.signupId }} tone="secondary">
              {t('signup.action.offer')}
            </ActionButton>
          ) : null}
          {mySignup.openOfferId ? (
            <ActionButton intent="withdraw" fields={{ offerId: mySignup.openOfferId }} tone="secondary">
              {t('signup.action.withdrawOffer')}
            </ActionButton>
          ) : null}
        </div>
      </>
    )
  }
  return (
    <>
      {offers.length > 0 ? (
        <div>
          <p className="text-sm text-stone-700">{t('calendar.detail.offersIntro')}</p>
          <ActionButton intent="take" fields={{ offerId: offers[0]! }}>
            {t('signup.action.takeOffer')}
          </ActionButton>
        </div>
      ) : null}
      {eligibility?.eligible ? (
        <>
          {eligibility.wouldWaitlist ? (
            <p className="text-sm text-stone-700">{t('signup.reason.wouldWaitlist')}</p>
          ) : null}
          <ActionButton intent="signup" fields={{}}>
            {eligibility.wouldWaitlist ? t('signup.action.joinWaitlist') : t('signup.action.signUp')}
          </ActionButton>
        </>
      ) : eligibility && offers.length === 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p>{t('calendar.detail.notEligible')}</p>
          <ul className="mt-1 list-inside list-disc">
            {eligibility.reasons.map((reason) => (
              <li key={reason.code}>{translate(t, locale, reason.code, reason.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  )
}

function ActionButton({
  intent,
  fields,
  children,
  tone = 'primary',
}: {
  intent: string
  fields: Record<string, number>
  children: React.ReactNode
  tone?: 'primary' | 'secondary'
}) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const errors = actionData?.intent === intent ? actionData.errors : []
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  const errorId = `${intent}-errors`
  return (
    <Form method="post" className="inline-block">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={busy}
        aria-describedby={errors.length ? errorId : undefined}
        className={
          tone === 'primary'
            ? 'rounded-md bg-brand-700 px-5 py-2.5 text-base font-medium text-white hover:bg-brand-800 disabled:opacity-60'
            : 'rounded-md border border-stone-300 bg-white px-4 py-2 text-base text-stone-800 hover:bg-stone-100 disabled:opacity-60'
        }
      >
        {children}
      </button>
      {errors.length ? (
        <ul id={errorId} role="alert" className="mt-2 space-y-0.5 text-sm text-red-700">
          {errors.map((message) => {
            const { key, params } = decodeMessage(message)
            return <li key={message}>{translate(t, locale, key, params)}</li>
          })}
        </ul>
      ) : null}
    </Form>
  )
}
