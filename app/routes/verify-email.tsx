import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, sessionCookie } from '~/auth/require.server'
import { createSession } from '~/auth/session.server'
import { ErrorList, Field, FormCard, Notice, SubmitButton } from '~/components/form'
import { VerifyEmail } from '~/domain/accounts/schema'
import { pendingVerification, resendVerificationCode, verifyEmailCode } from '~/domain/accounts/verification.server'
import { DomainError } from '~/domain/errors'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { encodeMessage } from '~/lib/form-message'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.verification.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const pending = await pendingVerification(context.db, actor.accountId)
  if (!pending && actor.emailVerified) throw redirect('/me')
  return { email: pending?.email ?? actor.email }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const formData = await request.formData()
  const meta = requestMeta(context)
  if (formData.get('intent') === 'resend') {
    try {
      await resendVerificationCode(context.db, actor.accountId, meta)
      return { resent: true as const }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      return data({ resendError: encodeMessage(error.code, error.options.params) }, { status: error.status })
    }
  }
  const submission = parseWithZod(formData, { schema: VerifyEmail })
  if (submission.status !== 'success') return submission.reply()
  try {
    const result = await verifyEmailCode(context.db, actor.accountId, submission.value.code, meta)
    // Verification ends every session; this browser gets a new one.
    const session = await createSession(context.db, { id: actor.accountId, role: actor.role }, meta.now)
    return redirectWithToast(
      '/me',
      { key: result.emailChanged ? 'account.email.changed' : 'account.verification.done' },
      {
        headers: { 'Set-Cookie': sessionCookie(context, session) },
      },
    )
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function VerifyEmailPage() {
  const { t } = useTranslation()
  const { email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const lastResult = actionData && 'status' in actionData ? actionData : undefined
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VerifyEmail }),
    shouldValidate: 'onBlur',
  })
  return (
    <FormCard title={t('account.verification.title')} intro={t('account.verification.intro', { email })}>
      {actionData && 'resent' in actionData ? <Notice tone="success">{t('account.verification.resent')}</Notice> : null}
      {actionData && 'resendError' in actionData ? <ErrorList errors={[actionData.resendError]} /> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.code}
          label={t('account.verification.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('account.verification.submit')}</SubmitButton>
      </Form>
      <Form method="post" className="mt-6">
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="text-sm text-brand-700 underline">
          {t('account.verification.resend')}
        </button>
      </Form>
    </FormCard>
  )
}
