import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { optionalActor, sessionCookie } from '~/auth/require.server'
import { createSession } from '~/auth/session.server'
import { Checkbox, ErrorList, Field, FormCard, SubmitButton } from '~/components/form'
import { ageOn } from '~/domain/accounts/age'
import { GUARDIAN_CONSENT_AGE, PASSWORD_MIN } from '~/domain/accounts/limits'
import { registerVolunteer } from '~/domain/accounts/registration.server'
import { RegisterVolunteer } from '~/domain/accounts/schema'
import { getLocale } from '~/i18n/locale.server'
import { pageTitle } from '~/i18n/meta'
import { shanghaiDay } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.register.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await optionalActor(request, context)) throw redirect('/me')
  return { today: shanghaiDay(new Date()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: RegisterVolunteer })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  try {
    const meta = requestMeta(context)
    const { accountId } = await registerVolunteer(context.db, submission.value, getLocale(request), meta)
    const session = await createSession(context.db, { id: accountId, role: 'volunteer' }, meta.now)
    return redirect('/verify-email', { headers: { 'Set-Cookie': sessionCookie(context, session) } })
  } catch (error) {
    return replyWithDomainError(submission, error, ['password'])
  }
}

export default function Register() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterVolunteer }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const [birthDate, setBirthDate] = useState(fields.birthDate.initialValue ?? '')
  const { today } = useLoaderData<typeof loader>()
  // The guardian's fields are always in the HTML (no-JS users see them); with JS they show only when needed.
  const minor = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE : true
  return (
    <FormCard title={t('account.register.title')} intro={t('account.register.intro')}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} label={t('account.name.label')} autoComplete="name" />
        <Field
          meta={fields.phone}
          type="tel"
          label={t('account.phone.label')}
          hint={t('account.phone.hint')}
          autoComplete="tel"
          inputMode="numeric"
        />
        <Field
          meta={fields.email}
          type="email"
          label={t('account.email.label')}
          autoComplete="email"
          inputMode="email"
        />
        <Field
          meta={fields.password}
          type="password"
          label={t('account.password.label')}
          hint={t('account.password.hint', { min: PASSWORD_MIN })}
          autoComplete="new-password"
        />
        <Field
          meta={fields.birthDate}
          type="date"
          label={t('account.birthDate.label')}
          max={today}
          onChange={(e) => setBirthDate(e.currentTarget.value)}
        />
        <fieldset className={`space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 ${minor ? '' : 'hidden'}`}>
          <legend className="px-1 text-sm font-medium text-amber-900">
            {t('account.guardian.legend', { age: GUARDIAN_CONSENT_AGE })}
          </legend>
          <Field meta={fields.guardianName} label={t('account.guardian.name')} />
          <Field meta={fields.guardianRelation} label={t('account.guardian.relation')} />
          <Field meta={fields.guardianPhone} type="tel" label={t('account.guardian.phone')} inputMode="numeric" />
          <Checkbox meta={fields.guardianConsent} label={t('account.guardian.consent')} />
        </fieldset>
        {/* Honeypot: hidden from people and screen readers, filled by bots. */}
        <div aria-hidden="true" className="hidden">
          <label>
            Website
            <input type="text" name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <Checkbox
          meta={fields.privacyConsent}
          label={
            <>
              {t('account.privacy.consent')}{' '}
              <Link to="/privacy" className="text-brand-700 underline">
                {t('account.privacy.link')}
              </Link>
            </>
          }
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('account.register.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        {t('account.register.haveAccount')}{' '}
        <Link to="/login" className="text-brand-700 underline">
          {t('account.signIn.title')}
        </Link>
      </p>
    </FormCard>
  )
}
