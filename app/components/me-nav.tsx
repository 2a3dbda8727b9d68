import { NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const sections = [
  { to: '/me', key: 'me.title' },
  { to: '/me/shifts', key: 'calendar.mine.title' },
  { to: '/me/certificates', key: 'certificates.title' },
  { to: '/me/security', key: 'me.security.title' },
  { to: '/me/privacy', key: 'me.privacy.title' },
] as const

export function MeNav() {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('me.sections')} className="flex flex-wrap gap-2 text-sm">
      {sections.map((section) => (
        <NavLink
          key={section.to}
          to={section.to}
          end
          className={({ isActive }) =>
            `rounded-md px-3 py-1.5 ${isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-brand-700 underline'}`
          }
        >
          {t(section.key)}
        </NavLink>
      ))}
    </nav>
  )
}
