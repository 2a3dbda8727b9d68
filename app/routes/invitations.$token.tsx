import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { sessionCookie } from '~/auth/require.server'
import { ErrorList, Field, FormCard, Notice, SubmitButton } from '~/components/form'
import { acceptInvitation, findOpenInvitation } from '~/domain/accounts/administration.server'
import { PASSWORD_MIN } from '~/domain/accounts/limits'
import { AcceptInvitation } from '~/domain/accounts/schema'
import { getLocale } from '~/i18n/locale.server'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'invitation.title')

// The token is in the URL: keep it out of caches and of the Referer sent to other sites.
export const headers: HeadersFunction = () => ({ 'Referrer-Policy': 'strict-origin', 'Cache-Control': 'no-store' })

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(context.db, params.token ?? '', new Date())
  return {
    invitation: invitation
      ? { email: invitation.email, role: invitation.role, organisation: invitation.organisation_name }
      : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: AcceptInvitation })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  try {
    const session = await acceptInvitation(
      context.db,
      params.token ?? '',
      submission.value,
      getLocale(request),
      requestMeta(context),
    )
    return redirect('/me', { headers: { 'Set-Cookie': sessionCookie(context, session) } })
  } catch (error) {
    return replyWithDomainError(submission, error, ['password'])
  }
}

export default function InvitationPage() {
  const { t } = useTranslation()
  const { invitation } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitation }),
    shouldValidate: 'onBlur',
  })
  if (!invitation) {
    return (
      <FormCard title={t('invitation.title')}>
        <Notice tone="error">{t('invitation.invalid')}</Notice>
      </FormCard>
    )
  }
  return (
    <FormCard
      title={t('invitation.title')}
      intro={t('invitation.intro', {
        email: invitation.email,
        role: t(`role.${invitation.role}`),
        organisation: invitation.organisation ?? '',
      })}
    >
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} label={t('account.name.label')} autoComplete="name" />
        <Field
          meta={fields.phone}
          type="tel"
          label={t('account.phone.labelOptional')}
          autoComplete="tel"
          inputMode="numeric"
        />
        <Field
          meta={fields.password}
          type="password"
          label={t('account.password.label')}
          hint={t('account.password.hint', { min: PASSWORD_MIN })}
          autoComplete="new-password"
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('invitation.submit')}</SubmitButton>
      </Form>
    </FormCard>
  )
}
