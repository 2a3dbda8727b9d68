import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import type { ParseKeys } from 'i18next'
import type { InputHTMLAttributes, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { decodeMessage } from '~/lib/form-message'

/**
 * conform's select props for a one-choice select. A posted form may repeat a field (a crafted or
 * garbled request); the select then shows the first value sent instead of warning about an array.
 */
export function singleSelectProps(meta: FieldMetadata<any>) {
  const props = getSelectProps(meta)
  const value = props.defaultValue
  return { ...props, defaultValue: Array.isArray(value) ? value[0] : value }
}

/** Translates form errors (i18n keys, see form-message.ts). */
export function useErrorText() {
  const { t } = useTranslation()
  return (message: string) => {
    const { key, params } = decodeMessage(message)
    return t(key as ParseKeys, { ...params, defaultValue: t('form.invalid') })
  }
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const text = useErrorText()
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700" role="alert">
      {errors.map((error) => (
        <li key={error}>{text(error)}</li>
      ))}
    </ul>
  )
}

type InputType = 'text' | 'email' | 'password' | 'tel' | 'date' | 'number'

export function Field({
  meta,
  label,
  type = 'text',
  hint,
  ...rest
}: {
  meta: FieldMetadata<string | number | undefined | null>
  label: ReactNode
  type?: InputType
  hint?: ReactNode
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'id' | 'defaultValue' | 'form'>) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId })
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        key={props.key}
        {...rest}
        className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-200 aria-[invalid=true]:border-red-600"
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function Checkbox({ meta, label }: { meta: FieldMetadata<string | boolean | undefined>; label: ReactNode }) {
  const props = getInputProps(meta, { type: 'checkbox' })
  return (
    <div>
      <label className="flex items-start gap-2 text-sm text-stone-800">
        <input {...props} key={props.key} className="mt-1 h-4 w-4 rounded border-stone-400 text-brand-700" />
        <span>{label}</span>
      </label>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded-md bg-brand-700 px-4 py-2.5 text-base font-medium text-white hover:bg-brand-800 focus:outline-none focus:ring-2 focus:ring-brand-300 disabled:opacity-60 sm:w-auto"
    >
      {children}
    </button>
  )
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'error' }) {
  const colours = {
    info: 'border-brand-200 bg-brand-50 text-brand-800',
    success: 'border-green-200 bg-green-50 text-green-800',
    error: 'border-red-200 bg-red-50 text-red-800',
  }
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-md border px-4 py-3 text-sm ${colours[tone]}`}
    >
      {children}
    </div>
  )
}

export function FormCard({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="mx-auto max-w-md rounded-xl border border-stone-200 bg-white p-5 shadow-sm sm:p-8">
      <h1 className="text-2xl font-bold text-brand-800">{title}</h1>
      {intro ? <p className="mt-2 text-sm text-stone-700">{intro}</p> : null}
      <div className="mt-6">{children}</div>
    </section>
  )
}

const controlClass = 'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base'

export function SelectField({
  meta,
  label,
  hint,
  children,
}: {
  meta: FieldMetadata<string | number | null | undefined>
  label: ReactNode
  hint?: ReactNode
  children: ReactNode
}) {
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? <p className="text-xs text-stone-600">{hint}</p> : null}
      <select {...singleSelectProps(meta)} key={meta.key} className={controlClass}>
        {children}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function TextareaField({
  meta,
  label,
  rows = 3,
}: {
  meta: FieldMetadata<string | null | undefined>
  label: ReactNode
  rows?: number
}) {
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea {...getTextareaProps(meta)} key={meta.key} rows={rows} className={controlClass} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}
