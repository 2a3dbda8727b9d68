import type { Locale } from '#db/schema'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { decodeMessage } from '~/lib/form-message'
import type { action, loader } from './route'
import { translate } from './translate'

export function SignupPanel() {
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
  // One page, several small forms: the answer belongs to the form whose intent was posted.
  const errors: string[] = actionData?.initialValue?.intent === intent ? (actionData.error?.[''] ?? []) : []
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
