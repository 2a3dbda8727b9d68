import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SITE_KINDS } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Checkbox, Field, SelectField, SubmitButton } from '~/components/form'
import { ArchiveSection } from '~/components/reference'
import { DomainError } from '~/domain/errors'
import { canManageReference } from '~/domain/policy'
import { setArchived } from '~/domain/reference/reference.server'
import { SiteForm } from '~/domain/reference/schema'
import { createSite, getSite, updateSite } from '~/domain/reference/sites.server'
import { pageTitle } from '~/i18n/meta'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.site.listTitle')

/** `/admin/sites/new` creates; `/admin/sites/:id` edits (and archives). */
const idOf = (params: { id?: string }) => (params.id === 'new' ? null : idParam(params))

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idOf(params)
  const site =
    id === null
      ? null
      : await getSite(context.db, actor, id).catch((error: unknown) => {
          if (error instanceof DomainError) throw new Response(null, { status: error.status })
          throw error
        })
  return { site, canManage: canManageReference(actor) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const id = idOf(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const intent = formData.get('intent')
  if (id !== null && (intent === 'archive' || intent === 'restore')) {
    await setArchived(context.db, actor, 'site', id, intent === 'archive', meta).catch((error: unknown) => {
      if (error instanceof DomainError) throw new Response(null, { status: error.status })
      throw error
    })
    return redirectWithToast(`/admin/sites/${id}`, {
      key: intent === 'archive' ? 'reference.archive.done' : 'reference.archive.restored',
    })
  }
  const submission = parseWithZod(formData, { schema: SiteForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    if (id === null) {
      const created = await createSite(context.db, actor, submission.value, meta)
      return redirectWithToast(`/admin/sites/${created}`, { key: 'reference.created' })
    }
    await updateSite(context.db, actor, id, submission.value, meta)
    return redirectWithToast(`/admin/sites/${id}`, { key: 'reference.saved' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data(result, { status })
  }
}

export default function SitePage() {
  const { t } = useTranslation()
  const { site, canManage } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SiteForm }),
    shouldValidate: 'onBlur',
    defaultValue: site
      ? {
          name: site.name,
          kind: site.kind,
          address: site.address ?? '',
          openingHours: site.opening_hours ?? '',
          openedOn: site.opened_on ?? '',
          active: site.active ? 'on' : '',
        }
      : { kind: 'reading_point', active: 'on' },
  })
  return (
    <div className="space-y-6">
      <Link to="/admin/sites" className="text-sm text-brand-700 underline">
        {t('reference.site.listTitle')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{site ? site.name : t('reference.site.newTitle')}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
        <fieldset disabled={!canManage} className="space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label={t('reference.form.name')} />
          <SelectField meta={fields.kind} label={t('reference.site.kind')}>
            {SITE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`reference.site.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <Field meta={fields.address} label={t('reference.site.address')} />
          <Field meta={fields.openingHours} label={t('reference.site.openingHours')} />
          <Field meta={fields.openedOn} type="date" label={t('reference.site.openedOn')} />
          <Checkbox meta={fields.active} label={t('reference.form.active')} />
          {canManage ? <SubmitButton pending={pending}>{t('reference.form.submit')}</SubmitButton> : null}
        </fieldset>
      </Form>
      {site && canManage ? <ArchiveSection archivedAt={site.archived_at} /> : null}
    </div>
  )
}
