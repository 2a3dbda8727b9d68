import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { DONOR_KINDS } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList } from '~/components/form'
import { Badge, Card, buttonClass, inputClass } from '~/components/partner-ui'
import { listDonations, recordDonation } from '~/domain/books/donations.server'
import { createShipment, isShortfall, listShipments, shipmentChoices } from '~/domain/books/shipments.server'
import { stockByProgramme } from '~/domain/books/stock.server'
import { referenceOf } from '~/domain/partners/limits'
import { DonationForm, ShipmentForm } from '~/domain/partners/schema'
import { pageTitle } from '~/i18n/meta'
import { shanghaiDay } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'books.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const [stock, donations, shipments, choices] = await Promise.all([
    stockByProgramme(context.db),
    listDonations(context.db, actor),
    listShipments(context.db, actor),
    shipmentChoices(context.db, actor),
  ])
  return {
    stock,
    donations,
    shipments: shipments.map((s) => ({ ...s, shortfall: isShortfall(s) })),
    choices,
    today: shanghaiDay(new Date()),
  }
}

const Action = z.discriminatedUnion('intent', [DonationForm, ShipmentForm])

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const submission = parseWithZod(await request.formData(), { schema: Action })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  try {
    if (input.intent === 'donation') {
      await recordDonation(context.db, actor, input, requestMeta(context))
      return redirectWithToast('/staff/books', { key: 'books.recorded' })
    }
    const id = await createShipment(context.db, actor, input, requestMeta(context))
    return redirectWithToast(`/staff/books/shipments/${id}`, { key: 'books.created' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function Books() {
  const { stock, donations, shipments, choices, today } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, i18n } = useTranslation()
  const n = (v: number) => v.toLocaleString(i18n.language)
  const errors = [...new Set(Object.values(result?.error ?? {}).flat())].filter(
    (e): e is string => typeof e === 'string',
  )
  const pending = navigation.state === 'submitting'
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('books.title')}</h1>
      <ErrorList errors={errors} />
      <Card title={t('books.stock')}>
        <table className="w-full text-left text-sm" data-testid="stock">
          <thead>
            <tr className="text-stone-600">
              <th>{t('books.programme')}</th>
              <th>{t('books.collected')}</th>
              <th>{t('books.committed')}</th>
              <th>{t('books.inStock')}</th>
            </tr>
          </thead>
          <tbody>
            {stock.map((s) => (
              <tr key={s.programmeId} className="border-t border-stone-100">
                <td className="py-1">{s.name}</td>
                <td>{n(s.collected)}</td>
                <td>{n(s.committed)}</td>
                <td className="font-semibold">{n(s.stock)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card title={t('books.shipments')}>
        <ul className="divide-y divide-stone-100">
          {shipments.map((s) => (
            <li key={s.id}>
              <Link to={`/staff/books/shipments/${s.id}`} className="flex items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{s.organisation}</span>
                  <span className="block text-xs text-stone-600">
                    {referenceOf('SH', s.id)} · {t('books.books', { count: s.book_count })}
                    {s.status === 'received'
                      ? ` · ${t('books.sentReceived', { sent: s.book_count, received: s.received_book_count ?? 0 })}`
                      : ''}
                  </span>
                </span>
                <span className="flex flex-col items-end gap-1">
                  <Badge status={s.status}>{t(`books.status.${s.status}`)}</Badge>
                  {s.shortfall ? <Badge status="shortfall">{t('books.shortfall')}</Badge> : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('books.newShipment')}>
        <Form method="post" className="space-y-3">
          <label className="block text-sm">
            {t('books.destination')}
            <select name="partnerOrganisationId" required className={inputClass}>
              {choices.partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            {t('books.programme')}
            <select name="programmeId" required className={inputClass}>
              {choices.programmes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <div className="grid grid-cols-3 gap-2">
            <label className="text-sm">
              {t('books.bookCount')}
              <input name="bookCount" type="number" min={1} required className={inputClass} />
            </label>
            <label className="text-sm">
              {t('books.boxes')}
              <input name="boxCount" type="number" min={1} required defaultValue={1} className={inputClass} />
            </label>
            <label className="text-sm">
              {t('books.visit')}
              <input name="activityId" inputMode="numeric" className={inputClass} />
            </label>
          </div>
          <button type="submit" name="intent" value="shipment" disabled={pending} className={buttonClass}>
            {t('books.create')}
          </button>
        </Form>
      </Card>

      <Card title={t('books.newDonation')}>
        <Form method="post" className="space-y-3">
          <div className="grid grid-cols-2 gap-2">
            <label className="text-sm">
              {t('books.donorKind')}
              <select name="donorKind" className={inputClass}>
                {DONOR_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`books.donorKinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t('books.donorName')}
              <input name="donorName" maxLength={100} className={inputClass} />
            </label>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="nameConsent" /> {t('books.nameConsent')}
          </label>
          <label className="block text-sm">
            {t('books.donorEmail')}
            <input name="email" type="email" className={inputClass} />
          </label>
          <div className="grid grid-cols-3 gap-2">
            <label className="text-sm">
              {t('books.receivedOn')}
              <input name="receivedOn" type="date" required defaultValue={today} max={today} className={inputClass} />
            </label>
            <label className="text-sm">
              {t('books.programme')}
              <select name="programmeId" className={inputClass}>
                {choices.programmes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t('books.bookCount')}
              <input name="bookCount" type="number" min={1} required className={inputClass} />
            </label>
          </div>
          <label className="block text-sm">
            {t('books.site')}
            <select name="siteId" className={inputClass}>
              {choices.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            {t('books.notes')}
            <input name="notes" maxLength={1000} className={inputClass} />
          </label>
          <button type="submit" name="intent" value="donation" disabled={pending} className={buttonClass}>
            {t('books.record')}
          </button>
        </Form>
      </Card>

      <Card title={t('books.donations')}>
        <ul className="divide-y divide-stone-100 text-sm">
          {donations.map((d) => (
            <li key={d.id} className="flex justify-between gap-2 py-1">
              <span>
                {d.donor_name ?? t('books.anonymous')}{' '}
                <span className="text-xs text-stone-500">{t(`books.donorKinds.${d.donor_kind}`)}</span>
                <span className="block text-xs text-stone-500">
                  {d.received_on} · {d.site ?? ''} · {d.programme ?? ''}
                </span>
              </span>
              <span>{t('books.books', { count: d.book_count })}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}
