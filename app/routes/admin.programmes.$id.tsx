import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { Checkbox, ErrorList, Field, SelectField, SubmitButton, TextareaField } from '~/components/form'
import { ArchiveSection } from '~/components/reference'
import { DomainError } from '~/domain/errors'
import { canManageReference } from '~/domain/policy'
import { createProgramme, getProgramme, listBrands, updateProgramme } from '~/domain/reference/programmes.server'
import { setArchived } from '~/domain/reference/reference.server'
import { ProgrammeForm } from '~/domain/reference/schema'
import { pageTitle } from '~/i18n/meta'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.programme.listTitle')

const idOf = (params: { id?: string }) => (params.id === 'new' ? null : idParam(params))

const asResponse = (error: unknown): never => {
  if (error instanceof DomainError) throw new Response(null, { status: error.status })
  throw error
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idOf(params)
  const [programme, brands] = await Promise.all([
    id === null ? null : getProgramme(context.db, actor, id).catch(asResponse),
    listBrands(context.db, actor),
  ])
  return { programme, brands: brands.filter((b) => b.id !== id), canManage: canManageReference(actor) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const id = idOf(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const intent = formData.get('intent')
  if (id !== null && (intent === 'archive' || intent === 'restore')) {
    await setArchived(context.db, actor, 'programme', id, intent === 'archive', meta).catch(asResponse)
    return redirectWithToast(`/admin/programmes/${id}`, {
      key: intent === 'archive' ? 'reference.archive.done' : 'reference.archive.restored',
    })
  }
  const submission = parseWithZod(formData, { schema: ProgrammeForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    if (id === null) {
      const created = await createProgramme(context.db, actor, submission.value, meta)
      return redirectWithToast(`/admin/programmes/${created}`, { key: 'reference.created' })
    }
    await updateProgramme(context.db, actor, id, submission.value, meta)
    return redirectWithToast(`/admin/programmes/${id}`, { key: 'reference.saved' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data(result, { status })
  }
}

export default function ProgrammePage() {
  const { t } = useTranslation()
  const { programme, brands, canManage } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeForm }),
    shouldValidate: 'onBlur',
    defaultValue: programme
      ? {
          name: programme.name,
          parentId: programme.parent_programme_id === null ? '' : String(programme.parent_programme_id),
          colour: programme.colour,
          description: programme.description ?? '',
          active: programme.active ? 'on' : '',
        }
      : { colour: '#b45309', active: 'on' },
  })
  return (
    <div className="space-y-6">
      <Link to="/admin/programmes" className="text-sm text-brand-700 underline">
        {t('reference.programme.listTitle')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">
        {programme ? programme.name : t('reference.programme.newTitle')}
      </h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
        <fieldset disabled={!canManage} className="space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label={t('reference.form.name')} />
          <SelectField meta={fields.parentId} label={t('reference.programme.parent')}>
            <option value="">{t('reference.programme.parentNone')}</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <Field meta={fields.colour} label={t('reference.programme.colour')} placeholder="#b45309" />
          <TextareaField meta={fields.description} label={t('reference.form.description')} />
          <Checkbox meta={fields.active} label={t('reference.form.active')} />
          {canManage ? <SubmitButton pending={pending}>{t('reference.form.submit')}</SubmitButton> : null}
        </fieldset>
      </Form>
      {programme && canManage ? <ArchiveSection archivedAt={programme.archived_at} /> : null}
    </div>
  )
}
