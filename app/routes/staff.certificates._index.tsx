import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { CertificateStatusBadge } from '~/components/certificate-status'
import { ErrorList, Field, FormCard, SubmitButton } from '~/components/form'
import { formatHours } from '~/domain/certificates/content'
import { issueCertificateFor } from '~/domain/certificates/issue.server'
import { listCertificateRegister, type CertificateSummary } from '~/domain/certificates/list.server'
import { revokeCertificate } from '~/domain/certificates/revoke.server'
import { IssueCertificate, RegisterSearch, RevokeCertificate } from '~/domain/certificates/schema.server'
import { certificateSettings } from '~/domain/certificates/settings.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, shanghaiDay, shanghaiInstant } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { badRequest, searchParams } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'certificates.register.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const search = searchParams(request, RegisterSearch)
  const today = shanghaiDay(new Date())
  return { ...(await listCertificateRegister(context.db, actor, search)), q: search.q, today }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const back = new URL(request.url)
  const here = back.pathname + back.search
  const intent = formData.get('intent')
  if (intent === 'issue') {
    const submission = parseWithZod(formData, { schema: IssueCertificate })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    try {
      const { volunteer, ...period } = submission.value
      const issued = await issueCertificateFor(
        context.db,
        actor,
        volunteer,
        period,
        certificateSettings(context.env),
        meta,
      )
      return redirectWithToast(here, { key: 'certificates.register.issued', params: { number: issued.number } })
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
  }
  if (intent === 'revoke') {
    const submission = parseWithZod(formData, { schema: RevokeCertificate })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    try {
      const { number } = await revokeCertificate(
        context.db,
        actor,
        submission.value.certificateId,
        submission.value.reason,
        meta,
      )
      return redirectWithToast(here, { key: 'certificates.revoke.done', params: { number } })
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
  }
  badRequest()
}

export default function CertificateRegister() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { items, total, page, pages, q, today } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [issueForm, issueFields] = useForm({
    id: 'issue',
    lastResult: navigation.formData?.get('intent') === 'revoke' ? undefined : lastResult,
    defaultValue: { volunteer: '', from: `${today.slice(0, 4)}-01-01`, to: today },
  })
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('certificates.register.title')}</h1>
        <p className="text-sm text-stone-700">{t('certificates.register.intro')}</p>
      </div>

      <FormCard title={t('certificates.register.issueHeading')}>
        <Form method="post" {...getFormProps(issueForm)} className="grid gap-4 sm:grid-cols-4 sm:items-end">
          <input type="hidden" name="intent" value="issue" />
          <div className="sm:col-span-4">
            <ErrorList id={issueForm.errorId} errors={issueForm.errors} />
          </div>
          <Field meta={issueFields.volunteer} label={t('certificates.register.volunteerLabel')} />
          <Field meta={issueFields.from} type="date" label={t('certificates.request.from')} max={today} />
          <Field meta={issueFields.to} type="date" label={t('certificates.request.to')} max={today} />
          <SubmitButton pending={navigation.state === 'submitting'}>{t('certificates.request.submit')}</SubmitButton>
        </Form>
      </FormCard>

      <FormCard title={t('certificates.register.exportHeading')} intro={t('certificates.register.exportIntro')}>
        <form method="get" action="/staff/certificates/export.csv" className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-medium">
            {t('certificates.request.from')}
            <input
              type="date"
              name="from"
              required
              defaultValue={`${today.slice(0, 4)}-01-01`}
              max={today}
              className="mt-1 block rounded-md border border-stone-300 px-3 py-2"
            />
          </label>
          <label className="text-sm font-medium">
            {t('certificates.request.to')}
            <input
              type="date"
              name="to"
              required
              defaultValue={today}
              max={today}
              className="mt-1 block rounded-md border border-stone-300 px-3 py-2"
            />
          </label>
          <input type="hidden" name="lang" value={locale} />
          <button type="submit" className="rounded-md border border-brand-700 px-4 py-2 text-brand-800">
            {t('certificates.register.exportSubmit')}
          </button>
        </form>
      </FormCard>

      <section aria-labelledby="register-heading" className="space-y-3">
        <h2 id="register-heading" className="sr-only">
          {t('certificates.register.title')}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
          <label className="text-sm font-medium">
            {t('certificates.register.search')}
            <input
              type="search"
              name="q"
              defaultValue={q}
              maxLength={100}
              className="mt-1 block w-64 rounded-md border border-stone-300 px-3 py-2"
            />
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white">
            {t('certificates.register.searchSubmit')}
          </button>
        </Form>
        <p className="text-sm text-stone-700">{t('certificates.register.total', { count: total })}</p>
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {items.map((c) => (
            <RegisterItem key={c.id} certificate={c} locale={locale} />
          ))}
        </ul>
        {pages > 1 ? (
          <nav
            className="flex items-center gap-4 text-sm"
            aria-label={t('certificates.register.page', { page, pages })}
          >
            {page > 1 ? (
              <Link to={pageLink(page - 1)} className="text-brand-700 underline">
                {t('certificates.register.previous')}
              </Link>
            ) : null}
            <span>{t('certificates.register.page', { page, pages })}</span>
            {page < pages ? (
              <Link to={pageLink(page + 1)} className="text-brand-700 underline">
                {t('certificates.register.next')}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  )
}

function RegisterItem({ certificate: c, locale }: { certificate: CertificateSummary; locale: Locale }) {
  const { t } = useTranslation()
  const day = (value: string) => formatDayWithYear(shanghaiInstant(value, '12:00'), locale)
  return (
    <li className="space-y-2 px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          <a href={`/certificates/${c.id}.pdf`} className="text-brand-800 underline">
            {c.number}
          </a>{' '}
          <CertificateStatusBadge status={c.status} />
        </p>
        <p className="text-sm text-stone-700">
          {t('certificates.register.volunteer')}: {c.volunteerName} {c.volunteerNumber ? `(${c.volunteerNumber})` : ''}
        </p>
      </div>
      <p className="text-sm text-stone-700">
        {t('certificates.list.periodValue', { from: day(c.from), to: day(c.to) })} ·{' '}
        {t('certificates.hoursValue', { hours: formatHours(c.totalMinutes) })} · {t('certificates.list.issuedOn')}{' '}
        {formatDayWithYear(c.issuedAt, locale)} · {t('certificates.register.issuedBy')}:{' '}
        {c.issuedByName ?? t('certificates.register.system')}
      </p>
      {c.status === 'revoked' ? (
        <p className="text-sm text-red-800">
          {t('certificates.register.revokedBecause', { reason: c.revokeReason ?? '' })}
        </p>
      ) : (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="certificateId" value={c.id} />
          <label className="text-sm">
            {t('certificates.revoke.reason')}
            <input
              name="reason"
              required
              maxLength={500}
              className="mt-1 block w-64 rounded-md border border-stone-300 px-2 py-1"
            />
          </label>
          <button type="submit" className="rounded-md border border-red-700 px-3 py-1 text-sm text-red-800">
            {t('certificates.revoke.submit')}
          </button>
        </Form>
      )}
    </li>
  )
}
