import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor } from '~/auth/require.server'
import { Badge, Card } from '~/components/partner-ui'
import { ReceiptFields } from '~/components/receipt-form'
import { confirmReceiptAsPartner } from '~/domain/books/receipts.server'
import { referenceOf } from '~/domain/partners/limits'
import { getOwnShipment } from '~/domain/partners/portal.server'
import { ReceiptForm } from '~/domain/partners/schema'
import { pageTitle } from '~/i18n/meta'
import { shanghaiDay } from '~/lib/dates'
import { orHttpError } from '~/lib/domain-response.server'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'books.receipt.title')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  const shipment = await orHttpError(getOwnShipment(context.db, actor, idParam(params)))
  return { shipment, today: shanghaiDay(new Date()) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  const id = idParam(params)
  // Another organisation's record is a 404 whatever the form says, so scope is checked before the form.
  await orHttpError(getOwnShipment(context.db, actor, id))
  const submission = parseWithZod(await request.formData(), { schema: ReceiptForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await confirmReceiptAsPartner(context.db, actor, id, submission.value, requestMeta(context))
    return redirectWithToast('/partner', { key: 'books.receipt.done' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function PartnerShipment() {
  const { shipment: s, today } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = [...new Set(Object.values(result?.error ?? {}).flat())].filter(
    (e): e is string => typeof e === 'string',
  )
  return (
    <div className="mx-auto max-w-md space-y-4">
      <Link to="/partner" className="text-sm text-brand-700 underline">
        ← {t('partners.portal.title')}
      </Link>
      <Card title={`${referenceOf('SH', s.id)} · ${t('books.books', { count: s.book_count })}`}>
        <p className="mb-3 flex gap-2 text-sm">
          <Badge status={s.status}>{t(`books.status.${s.status}`)}</Badge>
          {s.carrier ? `${s.carrier} ${s.waybill_number ?? ''}` : s.delivered_by_team ? t('books.byTeam') : ''}
        </p>
        {s.status === 'shipped' ? (
          <ReceiptFields
            bookCount={s.book_count}
            today={today}
            errors={errors}
            pending={navigation.state === 'submitting'}
          />
        ) : null}
      </Card>
    </div>
  )
}
