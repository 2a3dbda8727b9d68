import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Field, SubmitButton, useErrorText } from '~/components/form'
import { Card, inputClass } from '~/components/partner-ui'
import { DomainError } from '~/domain/errors'
import { submitCardRequest } from '~/domain/partners/card-requests.server'
import { parseClassList, type RowError } from '~/domain/partners/class-list'
import { uploadedClassListText } from '~/domain/partners/class-list-upload.server'
import { CARD_LIMITS, UPLOAD_LIMITS } from '~/domain/partners/limits'
import { CardRequestForm } from '~/domain/partners/schema'
import { pageTitle } from '~/i18n/meta'
import { domainErrorResult } from '~/lib/form-errors.server'
import { encodeMessage } from '~/lib/form-message'
import { readSmallUploadForm } from '~/lib/multipart.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.cards.newTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireActor(request, context, ['partner_contact'])
  return { limits: CARD_LIMITS }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  const { formData, tooLarge } = await readSmallUploadForm(request, UPLOAD_LIMITS.maxBytes)
  const file = formData.get('file')
  let classList = String(formData.get('classList') ?? '')
  let uploadError: string | null = tooLarge
    ? encodeMessage('partners.classList.tooLarge', { kb: UPLOAD_LIMITS.maxBytes / 1000 })
    : null
  if (file instanceof File && file.size > 0) {
    try {
      classList = await uploadedClassListText(file)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      uploadError = encodeMessage(error.code, error.options.params)
    }
  }
  formData.set('classList', classList)
  formData.delete('file')
  const submission = parseWithZod(formData, { schema: CardRequestForm })
  const fail = (rowErrors: RowError[], status = 400, extra: Record<string, string[]> = {}) =>
    data(
      {
        result: submission.reply({ fieldErrors: { ...extra, ...(uploadError ? { classList: [uploadError] } : {}) } }),
        classList,
        rowErrors,
      },
      { status },
    )
  if (uploadError) return fail([])
  const parsed = parseClassList(classList)
  if (submission.status !== 'success' || !parsed.ok) return fail(parsed.ok ? [] : parsed.errors)
  try {
    const id = await submitCardRequest(
      context.db,
      actor,
      { lines: parsed.lines, ...submission.value },
      requestMeta(context),
    )
    return redirectWithToast(`/partner/card-requests/${id}`, { key: 'partners.cards.submitted' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ result, classList, rowErrors: [] as RowError[] }, { status })
  }
}

export default function NewCardRequest() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const errorText = useErrorText()
  const [form, fields] = useForm<{ classList: string; loanLimit: string; loanPeriodDays: string; note: string }>({
    lastResult: actionData?.result,
    defaultValue: { loanLimit: '40', loanPeriodDays: '30' },
  })
  const { loanLimit, loanPeriodDays } = CARD_LIMITS
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/partner" className="text-sm text-brand-700 underline">
        ← {t('partners.portal.title')}
      </Link>
      <Card title={t('partners.cards.newTitle')}>
        <p className="text-sm text-stone-700">{t('partners.cards.intro', { max: CARD_LIMITS.maxCardsPerRequest })}</p>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <div>
            <label htmlFor="classList" className="block text-sm font-medium text-stone-800">
              {t('partners.classList.label')}
            </label>
            <p id="classList-hint" className="text-xs text-stone-600">
              {t('partners.classList.hint')}
            </p>
            <textarea
              id="classList"
              name="classList"
              rows={6}
              key={actionData ? actionData.classList : 'initial'}
              defaultValue={actionData?.classList ?? ''}
              aria-describedby="classList-hint"
              aria-invalid={Boolean(fields.classList.errors?.length || actionData?.rowErrors.length) || undefined}
              placeholder={'一年级(1)班\t1\t王老师\n一年级(2)班\t1\t李老师'}
              className={`${inputClass} font-mono text-sm`}
            />
            <ErrorList errors={fields.classList.errors} />
            {actionData?.rowErrors.length ? (
              <ul className="mt-1 space-y-0.5 text-sm text-red-700" role="alert" data-testid="row-errors">
                {actionData.rowErrors.map((e: RowError, i: number) => (
                  <li key={i}>
                    {e.row > 0 ? t('partners.classList.row', { row: e.row }) : null}
                    {errorText(encodeMessage(e.code, e.params))}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <div>
            <label htmlFor="file" className="block text-sm font-medium text-stone-800">
              {t('partners.classList.upload')}
            </label>
            <p className="text-xs text-stone-600">{t('partners.classList.uploadHint')}</p>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv"
              className="mt-1 block w-full text-sm"
            />
          </div>
          <div className="grid grid-cols-2 gap-3">
            <Field
              meta={fields.loanLimit}
              type="number"
              inputMode="numeric"
              label={t('partners.cards.loanLimit')}
              hint={t('partners.cards.loanLimitHint', loanLimit)}
            />
            <Field
              meta={fields.loanPeriodDays}
              type="number"
              inputMode="numeric"
              label={t('partners.cards.loanPeriod')}
              hint={t('partners.cards.loanPeriodHint', loanPeriodDays)}
            />
          </div>
          <Field meta={fields.note} label={t('partners.cards.note')} />
          <SubmitButton pending={navigation.state === 'submitting'}>{t('partners.cards.submit')}</SubmitButton>
        </Form>
      </Card>
    </div>
  )
}
