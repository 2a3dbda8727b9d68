import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { endSessionCookie, requireActor } from '~/auth/require.server'
import { Checkbox, ErrorList, Field, FormCard, SubmitButton } from '~/components/form'
import { MeNav } from '~/components/me-nav'
import { deleteAccount } from '~/domain/accounts/privacy.server'
import { DeleteAccount } from '~/domain/accounts/schema'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'me.privacy.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  return { role: actor.role }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const submission = parseWithZod(await request.formData(), { schema: DeleteAccount })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  try {
    await deleteAccount(context.db, actor, submission.value.password, requestMeta(context))
  } catch (error) {
    return replyWithDomainError(submission, error, ['password'])
  }
  return redirectWithToast('/', { key: 'me.privacy.deleted' }, { headers: { 'Set-Cookie': endSessionCookie(context) } })
}

export default function Privacy() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccount }),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="space-y-6">
      <MeNav />
      <FormCard title={t('me.privacy.exportTitle')} intro={t('me.privacy.exportIntro')}>
        {/* A POST, because exporting is recorded in the audit log; the answer is a JSON download. */}
        <Form method="post" action="/me/export" reloadDocument>
          <SubmitButton>{t('me.privacy.exportSubmit')}</SubmitButton>
        </Form>
      </FormCard>
      <FormCard title={t('me.privacy.deleteTitle')} intro={t('me.privacy.deleteIntro')}>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.password}
            type="password"
            label={t('account.password.current')}
            autoComplete="current-password"
          />
          <Checkbox meta={fields.confirm} label={t('me.privacy.deleteConfirm')} />
          <SubmitButton pending={navigation.state === 'submitting'}>{t('me.privacy.deleteSubmit')}</SubmitButton>
        </Form>
      </FormCard>
    </div>
  )
}
