import type { ReactNode } from 'react'

/** Stacked cards for the partner and books pages: phone first (WeChat's in-app browser). */
export function Card({ title, children, aside }: { title?: ReactNode; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      {title || aside ? (
        <div className="flex items-baseline justify-between gap-2">
          {title ? <h2 className="text-lg font-semibold text-brand-800">{title}</h2> : <span />}
          {aside}
        </div>
      ) : null}
      <div className={title ? 'mt-3' : ''}>{children}</div>
    </section>
  )
}

const TONES: Record<string, string> = {
  submitted: 'bg-amber-100 text-amber-900',
  preparing: 'bg-amber-100 text-amber-900',
  approved: 'bg-sky-100 text-sky-900',
  accepted: 'bg-sky-100 text-sky-900',
  shipped: 'bg-sky-100 text-sky-900',
  issued: 'bg-green-100 text-green-900',
  scheduled: 'bg-green-100 text-green-900',
  received: 'bg-green-100 text-green-900',
}

export function Badge({ status, children }: { status: string; children: ReactNode }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status] ?? 'bg-stone-100 text-stone-700'}`}>
      {children}
    </span>
  )
}

export const inputClass =
  'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-200'
export const buttonClass =
  'rounded-md bg-brand-700 px-4 py-2.5 text-base font-medium text-white hover:bg-brand-800 disabled:opacity-60'
export const secondaryButtonClass =
  'rounded-md border border-stone-300 bg-white px-4 py-2.5 text-base text-stone-800 hover:bg-stone-50'
