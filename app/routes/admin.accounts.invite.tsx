import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Field, FormCard, Notice, SubmitButton, singleSelectProps } from '~/components/form'
import { inviteAccount, listPartnerOrganisations } from '~/domain/accounts/administration.server'
import { INVITABLE_ROLES, Invite } from '~/domain/accounts/schema'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.invite.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireActor(request, context, ['admin'])
  return { organisations: await listPartnerOrganisations(context.db) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const submission = parseWithZod(await request.formData(), { schema: Invite })
  if (submission.status !== 'success') return submission.reply()
  try {
    await inviteAccount(context.db, actor, submission.value, requestMeta(context))
    return submission.reply({ resetForm: true })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

const selectClass = 'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base'

export default function InvitePage() {
  const { t } = useTranslation()
  const { organisations } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Invite }),
    shouldValidate: 'onBlur',
  })
  return (
    <FormCard title={t('admin.invite.title')} intro={t('admin.invite.intro')}>
      {lastResult?.status === 'success' ? <Notice tone="success">{t('admin.invite.sent')}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field meta={fields.email} type="email" label={t('account.email.label')} />
        <div>
          <label htmlFor={fields.role.id} className="block text-sm font-medium">
            {t('admin.accounts.role')}
          </label>
          <select {...singleSelectProps(fields.role)} key={fields.role.key} className={selectClass}>
            {INVITABLE_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        <div>
          <label htmlFor={fields.partnerOrganisationId.id} className="block text-sm font-medium">
            {t('admin.invite.organisation')}
          </label>
          <select
            {...singleSelectProps(fields.partnerOrganisationId)}
            key={fields.partnerOrganisationId.key}
            className={selectClass}
          >
            <option value="">{t('admin.invite.organisationNone')}</option>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
          <ErrorList id={fields.partnerOrganisationId.errorId} errors={fields.partnerOrganisationId.errors} />
        </div>
        <SubmitButton pending={navigation.state === 'submitting'}>{t('admin.invite.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/admin/accounts" className="text-brand-700 underline">
          {t('admin.accounts.title')}
        </Link>
      </p>
    </FormCard>
  )
}
