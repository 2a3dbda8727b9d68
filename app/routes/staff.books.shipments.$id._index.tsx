import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList } from '~/components/form'
import { Badge, Card, buttonClass, inputClass, secondaryButtonClass } from '~/components/partner-ui'
import { revokeReceiptLinks } from '~/domain/books/receipt-links.server'
import { cancelShipment, getShipmentForStaff, isShortfall, markShipped } from '~/domain/books/shipments.server'
import { referenceOf } from '~/domain/partners/limits'
import { ShipmentActionForm } from '~/domain/partners/schema'
import { pageTitle } from '~/i18n/meta'
import { orHttpError } from '~/lib/domain-response.server'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'books.shipments')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const shipment = await orHttpError(getShipmentForStaff(context.db, actor, idParam(params)))
  return { shipment, shortfall: isShortfall(shipment) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const submission = parseWithZod(await request.formData(), { schema: ShipmentActionForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  const meta = requestMeta(context)
  const back = `/staff/books/shipments/${id}`
  try {
    if (input.intent === 'ship') {
      await markShipped(context.db, actor, id, input, meta)
      return redirectWithToast(back, { key: 'books.shipped' })
    }
    if (input.intent === 'cancel') {
      await cancelShipment(context.db, actor, id, input.reason, meta)
      return redirectWithToast(back, { key: 'books.cancelled' })
    }
    await revokeReceiptLinks(context.db, actor, id, { resend: input.intent === 'resend' }, meta)
    return redirectWithToast(back, { key: input.intent === 'resend' ? 'books.resent' : 'books.revoked' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function Shipment() {
  const { shipment: s, shortfall } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = [...new Set(Object.values(result?.error ?? {}).flat())].filter(
    (e): e is string => typeof e === 'string',
  )
  const pending = navigation.state === 'submitting'
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/staff/books" className="text-sm text-brand-700 underline">
        ← {t('books.title')}
      </Link>
      <Card title={`${referenceOf('SH', s.id)} · ${s.organisation}`}>
        <div className="space-y-1 text-sm">
          <p className="flex gap-2">
            <Badge status={s.status}>{t(`books.status.${s.status}`)}</Badge>
            {shortfall ? <Badge status="shortfall">{t('books.shortfall')}</Badge> : null}
          </p>
          <p>
            {s.programme} · {t('books.books', { count: s.book_count })} · {t('books.boxes')} {s.box_count}
          </p>
          {s.delivered_by_team ? <p>{t('books.byTeam')}</p> : null}
          {s.carrier ? (
            <p>
              {s.carrier} · {s.waybill_number}
            </p>
          ) : null}
          {s.status === 'received' ? (
            <p data-testid="receipt">
              {t('books.sentReceived', { sent: s.book_count, received: s.received_book_count ?? 0 })} · {s.received_on}
              {s.receipt_name ? ` · ${t('books.receiptBy', { name: s.receipt_name })}` : ''}
            </p>
          ) : null}
          {s.receipt_notes ? <p className="text-stone-700">{s.receipt_notes}</p> : null}
          {s.cancel_reason ? <p className="text-stone-700">{s.cancel_reason}</p> : null}
        </div>
      </Card>
      <ErrorList errors={errors} />
      {s.status === 'preparing' || s.status === 'shipped' ? (
        <Form method="post" action={`/staff/books/shipments/${s.id}/labels`} reloadDocument>
          <button type="submit" className={secondaryButtonClass}>
            {t('books.labels')}
          </button>
        </Form>
      ) : null}
      {s.status === 'preparing' ? (
        <Card title={t('books.ship')}>
          <Form method="post" className="space-y-3">
            <div className="grid grid-cols-2 gap-2">
              <label className="text-sm">
                {t('books.carrier')}
                <input name="carrier" maxLength={60} className={inputClass} />
              </label>
              <label className="text-sm">
                {t('books.waybill')}
                <input name="waybillNumber" maxLength={60} className={inputClass} />
              </label>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="deliveredByTeam" /> {t('books.byTeam')}
            </label>
            <button type="submit" name="intent" value="ship" disabled={pending} className={buttonClass}>
              {t('books.ship')}
            </button>
          </Form>
        </Card>
      ) : null}
      {s.status === 'shipped' ? (
        <Form method="post" className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="resend" disabled={pending} className={secondaryButtonClass}>
            {t('books.revokeResend')}
          </button>
          <button type="submit" name="intent" value="revoke" disabled={pending} className={secondaryButtonClass}>
            {t('books.revoke')}
          </button>
        </Form>
      ) : null}
      {s.status === 'preparing' || s.status === 'shipped' ? (
        <Card title={t('books.cancel')}>
          <Form method="post" className="space-y-3">
            <textarea
              name="reason"
              required
              maxLength={500}
              rows={2}
              className={inputClass}
              aria-label={t('books.reason')}
            />
            <button type="submit" name="intent" value="cancel" disabled={pending} className={secondaryButtonClass}>
              {t('books.cancel')}
            </button>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}
