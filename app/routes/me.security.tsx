import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, sessionCookie } from '~/auth/require.server'
import { createSession } from '~/auth/session.server'
import { ErrorList, Field, FormCard, SubmitButton } from '~/components/form'
import { MeNav } from '~/components/me-nav'
import { PASSWORD_MIN } from '~/domain/accounts/limits'
import { ChangeEmail, ChangePassword } from '~/domain/accounts/schema'
import { changePassword, requestEmailChange } from '~/domain/accounts/settings.server'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'me.security.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  return { email: actor.email }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const formData = await request.formData()
  const meta = requestMeta(context)
  if (formData.get('intent') === 'email') {
    const submission = parseWithZod(formData, { schema: ChangeEmail })
    if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
    try {
      await requestEmailChange(context.db, actor, submission.value, meta)
    } catch (error) {
      return replyWithDomainError(submission, error, ['password'])
    }
    return redirect('/verify-email')
  }
  const submission = parseWithZod(formData, { schema: ChangePassword })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['currentPassword', 'newPassword'] })
  try {
    await changePassword(context.db, actor, submission.value, meta)
  } catch (error) {
    return replyWithDomainError(submission, error, ['currentPassword', 'newPassword'])
  }
  // Every other session ended with the old password; this browser stays signed in.
  const session = await createSession(context.db, { id: actor.accountId, role: actor.role }, meta.now)
  return redirectWithToast(
    '/me/security',
    { key: 'me.security.passwordChanged' },
    {
      headers: { 'Set-Cookie': sessionCookie(context, session) },
    },
  )
}

export default function Security() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [passwordForm, passwordFields] = useForm({
    id: 'change-password',
    lastResult: actionData?.initialValue?.intent === 'password' ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePassword }),
    shouldValidate: 'onBlur',
  })
  const [emailForm, emailFields] = useForm({
    id: 'change-email',
    lastResult: actionData?.initialValue?.intent === 'email' ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmail }),
    shouldValidate: 'onBlur',
  })
  const pending = navigation.state === 'submitting'
  return (
    <div className="space-y-6">
      <MeNav />
      <FormCard title={t('me.security.passwordTitle')} intro={t('me.security.passwordIntro')}>
        <Form method="post" {...getFormProps(passwordForm)} className="space-y-4">
          <input type="hidden" name="intent" value="password" />
          <ErrorList id={passwordForm.errorId} errors={passwordForm.errors} />
          <Field
            meta={passwordFields.currentPassword}
            type="password"
            label={t('account.password.current')}
            autoComplete="current-password"
          />
          <Field
            meta={passwordFields.newPassword}
            type="password"
            label={t('account.password.new')}
            hint={t('account.password.hint', { min: PASSWORD_MIN })}
            autoComplete="new-password"
          />
          <SubmitButton pending={pending}>{t('me.security.passwordSubmit')}</SubmitButton>
        </Form>
      </FormCard>
      <FormCard title={t('me.security.emailTitle')} intro={t('me.security.emailIntro')}>
        <Form method="post" {...getFormProps(emailForm)} className="space-y-4">
          <input type="hidden" name="intent" value="email" />
          <ErrorList id={emailForm.errorId} errors={emailForm.errors} />
          <Field
            meta={emailFields.email}
            type="email"
            label={t('account.email.new')}
            autoComplete="email"
            inputMode="email"
          />
          <Field
            meta={emailFields.password}
            type="password"
            label={t('account.password.current')}
            autoComplete="current-password"
          />
          <SubmitButton pending={pending}>{t('me.security.emailSubmit')}</SubmitButton>
        </Form>
      </FormCard>
    </div>
  )
}
