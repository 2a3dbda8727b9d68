import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList } from './form'
import { buttonClass, inputClass } from './partner-ui'

/** The receipt form (link page and portal alike): count, date, name, note, damage. */
export function ReceiptFields({
  bookCount,
  today,
  errors,
  pending,
}: {
  bookCount: number
  today: string
  errors: string[]
  pending: boolean
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="space-y-3">
      <ErrorList errors={errors} />
      <label className="block text-sm">
        {t('books.receipt.receivedCount')}
        <input
          name="receivedCount"
          type="number"
          inputMode="numeric"
          min={0}
          required
          defaultValue={bookCount}
          className={inputClass}
        />
      </label>
      <label className="block text-sm">
        {t('books.receipt.receivedOn')}
        <input name="receivedOn" type="date" required defaultValue={today} max={today} className={inputClass} />
      </label>
      <label className="block text-sm">
        {t('books.receipt.name')}
        <input name="name" required maxLength={100} autoComplete="name" className={inputClass} />
      </label>
      <label className="block text-sm">
        {t('books.receipt.note')}
        <textarea name="note" rows={3} maxLength={1000} className={inputClass} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="damaged" /> {t('books.receipt.damaged')}
      </label>
      <button type="submit" disabled={pending} className={`${buttonClass} w-full`}>
        {t('books.receipt.submit')}
      </button>
    </Form>
  )
}
