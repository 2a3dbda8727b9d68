import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Field, FormCard, SubmitButton } from '~/components/form'
import { MeNav } from '~/components/me-nav'
import { CertificateStatusBadge } from '~/components/certificate-status'
import { formatHours } from '~/domain/certificates/content'
import { requestOwnCertificate } from '~/domain/certificates/issue.server'
import { listOwnCertificates } from '~/domain/certificates/list.server'
import { RequestCertificate } from '~/domain/certificates/schema.server'
import { certificateSettings } from '~/domain/certificates/settings.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, shanghaiDay, shanghaiInstant } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'certificates.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const today = shanghaiDay(new Date())
  return {
    certificates: await listOwnCertificates(context.db, actor),
    today,
    yearStart: `${today.slice(0, 4)}-01-01`,
    canRequest: actor.role === 'volunteer',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['volunteer'])
  const submission = parseWithZod(await request.formData(), { schema: RequestCertificate })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const issued = await requestOwnCertificate(
      context.db,
      actor,
      submission.value,
      certificateSettings(context.env),
      requestMeta(context),
    )
    return redirectWithToast('/me/certificates', {
      key: 'certificates.request.done',
      params: { number: issued.number },
    })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function MyCertificates() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { certificates, today, yearStart, canRequest } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({ lastResult, defaultValue: { from: yearStart, to: today } })
  const day = (value: string) => formatDayWithYear(shanghaiInstant(value, '12:00'), locale)
  return (
    <div className="space-y-6">
      <MeNav />
      <h1 className="text-2xl font-bold text-brand-800">{t('certificates.title')}</h1>
      <p className="text-sm text-stone-700">{t('certificates.intro')}</p>
      {canRequest ? (
        <FormCard title={t('certificates.request.heading')} intro={t('certificates.request.hint')}>
          <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-3 sm:items-end">
            <div className="sm:col-span-3">
              <ErrorList id={form.errorId} errors={form.errors} />
            </div>
            <Field meta={fields.from} type="date" label={t('certificates.request.from')} max={today} />
            <Field meta={fields.to} type="date" label={t('certificates.request.to')} max={today} />
            <SubmitButton pending={navigation.state === 'submitting'}>{t('certificates.request.submit')}</SubmitButton>
          </Form>
        </FormCard>
      ) : null}
      <section aria-labelledby="certificates-heading">
        <h2 id="certificates-heading" className="text-xl font-semibold">
          {t('certificates.list.heading')}
        </h2>
        {certificates.length === 0 ? (
          <p className="mt-3 text-stone-600">{t('certificates.list.empty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <div className="min-w-0">
                  <p className="font-medium text-brand-800">
                    {c.number} <CertificateStatusBadge status={c.status} />
                  </p>
                  <p className="text-sm text-stone-700">
                    {t('certificates.list.periodValue', { from: day(c.from), to: day(c.to) })} ·{' '}
                    {t('certificates.hoursValue', { hours: formatHours(c.totalMinutes) })}
                  </p>
                  <p className="text-xs text-stone-500">
                    {t('certificates.list.issuedOn')} {formatDayWithYear(c.issuedAt, locale)}
                  </p>
                </div>
                <div className="flex flex-wrap gap-3 text-sm">
                  <a href={`/certificates/${c.id}.pdf`} className="text-brand-700 underline">
                    {t('certificates.list.download')}
                  </a>
                  <a
                    href={`/certificates/${c.id}.pdf?lang=${locale === 'en' ? 'zh-CN' : 'en'}`}
                    className="text-brand-700 underline"
                  >
                    {t('certificates.list.otherLanguage')}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
