import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Notice } from '~/components/form'
import { Card } from '~/components/partner-ui'
import { ReceiptFields } from '~/components/receipt-form'
import { confirmReceiptByLink, readReceiptLink } from '~/domain/books/receipts.server'
import { ReceiptForm } from '~/domain/partners/schema'
import { pageTitle } from '~/i18n/meta'
import { shanghaiDay } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { notFoundPage } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, 'books.receipt.title'),
  { name: 'robots', content: 'noindex' },
  { name: 'referrer', content: 'no-referrer' },
]

const tokenOf = (value: string | undefined) => (value && /^[a-z2-7]{52}$/.test(value) ? value : null)

/** Reading the link changes nothing: it only says what the shipment is and whether it can still be confirmed. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = tokenOf(params.token)
  if (!token) return { state: 'unknown' as const, shipment: null, today: shanghaiDay(new Date()) }
  return { ...(await readReceiptLink(context.db, token, new Date())), today: shanghaiDay(new Date()) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = tokenOf(params.token) ?? notFoundPage()
  const submission = parseWithZod(await request.formData(), { schema: ReceiptForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await confirmReceiptByLink(context.db, token, submission.value, requestMeta(context))
    return redirectWithToast(`/receipts/${token}`, { key: 'books.receipt.done' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function Receipt() {
  const { state, shipment, today } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = [...new Set(Object.values(result?.error ?? {}).flat())].filter(
    (e): e is string => typeof e === 'string',
  )
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('books.receipt.title')}</h1>
      {shipment ? (
        <p className="text-sm text-stone-700">
          {t('books.receipt.intro', {
            organisation: shipment.organisation,
            books: shipment.bookCount,
            boxes: shipment.boxCount,
            reference: shipment.reference,
          })}
        </p>
      ) : null}
      {state === 'open' && shipment ? (
        <Card>
          <ReceiptFields
            bookCount={shipment.bookCount}
            today={today}
            errors={errors}
            pending={navigation.state === 'submitting'}
          />
        </Card>
      ) : (
        <Notice tone={state === 'used' ? 'success' : 'info'}>
          <span data-testid="receipt-state">{t(`books.receipt.state.${state === 'open' ? 'unknown' : state}`)}</span>
        </Notice>
      )}
    </div>
  )
}
