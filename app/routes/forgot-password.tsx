import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field, FormCard, Notice, SubmitButton } from '~/components/form'
import { requestPasswordReset } from '~/domain/accounts/password-reset.server'
import { ForgotPassword } from '~/domain/accounts/schema'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.forgot.title')

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPassword })
  if (submission.status !== 'success') return submission.reply()
  try {
    await requestPasswordReset(context.db, submission.value.email, requestMeta(context))
    // The same answer whether or not the address has an account.
    return submission.reply({ resetForm: true })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPassword }),
    shouldValidate: 'onBlur',
  })
  const sent = lastResult?.status === 'success'
  return (
    <FormCard title={t('account.forgot.title')} intro={t('account.forgot.intro')}>
      {sent ? <Notice tone="success">{t('account.forgot.sent')}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.email}
          type="email"
          label={t('account.email.label')}
          autoComplete="email"
          inputMode="email"
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('account.forgot.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/login" className="text-brand-700 underline">
          {t('account.signIn.back')}
        </Link>
      </p>
    </FormCard>
  )
}
