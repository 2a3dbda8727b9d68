import { useTranslation } from 'react-i18next'
import type { CertificateStatus } from '#db/schema'

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation()
  return (
    <span
      className={`rounded px-2 py-0.5 text-xs ${status === 'valid' ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
    >
      {t(`certificates.status.${status}`)}
    </span>
  )
}
