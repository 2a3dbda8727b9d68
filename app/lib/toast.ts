import { z } from 'zod'

export interface Toast {
  /** An i18n key, e.g. `planning.notice.saved`. */
  key: string
  params?: Record<string, string | number>
  tone?: 'success' | 'info' | 'error'
}

export const ToastSchema = z.object({
  key: z.string().max(100),
  params: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional(),
  tone: z.enum(['success', 'info', 'error']).optional(),
  /** Tells two equal toasts in a row apart, so the second one shows too. */
  id: z.string().max(40),
})
export type ShownToast = z.output<typeof ToastSchema>
