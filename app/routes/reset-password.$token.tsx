import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { endSessionCookie } from '~/auth/require.server'
import { ErrorList, Field, FormCard, Notice, SubmitButton } from '~/components/form'
import { PASSWORD_MIN } from '~/domain/accounts/limits'
import { resetPassword, resetTokenIsValid } from '~/domain/accounts/password-reset.server'
import { ResetPassword } from '~/domain/accounts/schema'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.reset.title')

// The token is in the URL: keep it out of caches and of the Referer sent to other sites.
export const headers: HeadersFunction = () => ({ 'Referrer-Policy': 'strict-origin', 'Cache-Control': 'no-store' })

// Opening the link only looks; the token is spent by the POST below.
export async function loader({ params, context }: LoaderFunctionArgs) {
  return { valid: await resetTokenIsValid(context.db, params.token ?? '', new Date()) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPassword })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  try {
    await resetPassword(context.db, params.token ?? '', submission.value.password, requestMeta(context))
    return redirectWithToast(
      '/login',
      { key: 'account.reset.done' },
      { headers: { 'Set-Cookie': endSessionCookie(context) } },
    )
  } catch (error) {
    return replyWithDomainError(submission, error, ['password'])
  }
}

export default function ResetPasswordPage() {
  const { t } = useTranslation()
  const { valid } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPassword }),
    shouldValidate: 'onBlur',
  })
  if (!valid) {
    return (
      <FormCard title={t('account.reset.title')}>
        <Notice tone="error">{t('account.reset.invalidLink')}</Notice>
        <p className="mt-6 text-sm">
          <Link to="/forgot-password" className="text-brand-700 underline">
            {t('account.forgot.again')}
          </Link>
        </p>
      </FormCard>
    )
  }
  return (
    <FormCard title={t('account.reset.title')} intro={t('account.reset.intro')}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.password}
          type="password"
          label={t('account.password.new')}
          hint={t('account.password.hint', { min: PASSWORD_MIN })}
          autoComplete="new-password"
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('account.reset.submit')}</SubmitButton>
      </Form>
    </FormCard>
  )
}
