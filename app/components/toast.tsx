import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ShownToast } from '~/lib/toast'
import { Notice } from './form'

/** The one-time message a redirect carried (lib/toast.server.ts), announced to screen readers. */
export function ToastNotice({ toast }: { toast: ShownToast | null }) {
  const { t } = useTranslation()
  if (!toast) return null
  return (
    <div className="mb-4" key={toast.id} data-toast={toast.key}>
      <Notice tone={toast.tone ?? 'success'}>{t(toast.key as ParseKeys, toast.params ?? {})}</Notice>
    </div>
  )
}
