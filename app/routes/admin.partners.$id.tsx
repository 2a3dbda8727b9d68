import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PARTNER_KINDS } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { Checkbox, ErrorList, Field, SelectField, SubmitButton, TextareaField } from '~/components/form'
import { ArchiveSection } from '~/components/reference'
import { DomainError } from '~/domain/errors'
import { canManageReference } from '~/domain/policy'
import { createPartner, getPartner, updatePartner } from '~/domain/reference/partners.server'
import { setArchived } from '~/domain/reference/reference.server'
import { PartnerForm } from '~/domain/reference/schema'
import { pageTitle } from '~/i18n/meta'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.partner.listTitle')

const idOf = (params: { id?: string }) => (params.id === 'new' ? null : idParam(params))

const asResponse = (error: unknown): never => {
  if (error instanceof DomainError) throw new Response(null, { status: error.status })
  throw error
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idOf(params)
  const partner = id === null ? null : await getPartner(context.db, actor, id).catch(asResponse)
  return { partner, canManage: canManageReference(actor) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const id = idOf(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const intent = formData.get('intent')
  if (id !== null && (intent === 'archive' || intent === 'restore')) {
    await setArchived(context.db, actor, 'partner_organisation', id, intent === 'archive', meta).catch(asResponse)
    return redirectWithToast(`/admin/partners/${id}`, {
      key: intent === 'archive' ? 'reference.archive.done' : 'reference.archive.restored',
    })
  }
  const submission = parseWithZod(formData, { schema: PartnerForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    if (id === null) {
      const created = await createPartner(context.db, actor, submission.value, meta)
      return redirectWithToast(`/admin/partners/${created}`, { key: 'reference.created' })
    }
    await updatePartner(context.db, actor, id, submission.value, meta)
    return redirectWithToast(`/admin/partners/${id}`, { key: 'reference.saved' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data(result, { status })
  }
}

export default function PartnerPage() {
  const { t } = useTranslation()
  const { partner, canManage } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerForm }),
    shouldValidate: 'onBlur',
    defaultValue: partner
      ? {
          name: partner.name,
          kind: partner.kind,
          address: partner.address ?? '',
          region: partner.region ?? '',
          contactName: partner.contact_name ?? '',
          contactPhone: partner.contact_phone ?? '',
          contactEmail: partner.contact_email ?? '',
          agreementSignedOn: partner.agreement_signed_on ?? '',
          agreementEndsOn: partner.agreement_ends_on ?? '',
          notes: partner.notes ?? '',
          active: partner.active ? 'on' : '',
        }
      : { kind: 'school', active: 'on' },
  })
  return (
    <div className="space-y-6">
      <Link to="/admin/partners" className="text-sm text-brand-700 underline">
        {t('reference.partner.listTitle')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{partner ? partner.name : t('reference.partner.newTitle')}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
        <fieldset disabled={!canManage} className="grid gap-4 sm:grid-cols-2">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label={t('reference.form.name')} />
          <SelectField meta={fields.kind} label={t('reference.partner.kind')}>
            {PARTNER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`reference.partner.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <Field meta={fields.address} label={t('reference.partner.address')} />
          <Field meta={fields.region} label={t('reference.partner.region')} />
          <Field meta={fields.contactName} label={t('reference.partner.contactName')} />
          <Field meta={fields.contactPhone} type="tel" label={t('reference.partner.contactPhone')} />
          <Field meta={fields.contactEmail} type="email" label={t('reference.partner.contactEmail')} />
          <Field meta={fields.agreementSignedOn} type="date" label={t('reference.partner.agreementSignedOn')} />
          <Field meta={fields.agreementEndsOn} type="date" label={t('reference.partner.agreementEndsOn')} />
          <div className="sm:col-span-2">
            <TextareaField meta={fields.notes} label={t('reference.partner.notes')} />
          </div>
          <Checkbox meta={fields.active} label={t('reference.form.active')} />
          {canManage ? <SubmitButton pending={pending}>{t('reference.form.submit')}</SubmitButton> : null}
        </fieldset>
      </Form>
      {partner && canManage ? <ArchiveSection archivedAt={partner.archived_at} /> : null}
    </div>
  )
}
