import { Form, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Role } from '#db/schema'

const navItems = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/activities', key: 'nav.activities', end: false },
  { to: '/shifts', key: 'calendar.nav', end: false },
] as const

const adminLinks = [
  { to: '/admin/sites', key: 'reference.nav.sites' },
  { to: '/admin/programmes', key: 'reference.nav.programmes' },
  { to: '/admin/partners', key: 'reference.nav.partners' },
  { to: '/admin/trainings', key: 'reference.nav.trainings' },
] as const

export interface HeaderUser {
  name: string
  role: Role
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const other = i18n.language === 'en' ? 'zh-CN' : 'en'
  return (
    <header className="border-b border-brand-100 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t('app.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <a href="/" className="flex items-baseline gap-2 text-brand-800">
          <span className="text-2xl font-bold tracking-wide">{t('app.name')}</span>
          <span className="text-sm text-stone-600">{t('app.library')}</span>
        </a>
        <nav aria-label={t('nav.label')} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex gap-1">
            {navItems.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    `block rounded-md px-3 py-2 text-base ${isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-stone-700 hover:bg-stone-100'}`
                  }
                >
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-2 text-sm">
          {user ? (
            <>
              {user.role === 'coordinator' || user.role === 'admin' ? (
                <NavLink to="/staff" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                  {t('planning.nav')}
                </NavLink>
              ) : null}
              {user.role === 'coordinator' || user.role === 'admin' ? (
                <NavLink to="/reports" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                  {t('reports.nav')}
                </NavLink>
              ) : null}
              {user.role === 'coordinator' || user.role === 'admin' ? (
                <>
                  <NavLink
                    to="/staff/card-requests"
                    className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100"
                  >
                    {t('partners.nav')}
                  </NavLink>
                  <NavLink to="/staff/books" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                    {t('books.nav')}
                  </NavLink>
                </>
              ) : null}
              {user.role === 'partner_contact' ? (
                <NavLink to="/partner" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                  {t('partners.nav')}
                </NavLink>
              ) : null}
              {user.role === 'coordinator' || user.role === 'admin' ? (
                <>
                  <NavLink to="/staff/activities" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                    {t('activities.nav')}
                  </NavLink>
                  <NavLink to="/staff/visits" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                    {t('visits.nav')}
                  </NavLink>
                </>
              ) : null}
              {user.role === 'admin' ? (
                <>
                  <NavLink to="/admin/accounts" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                    {t('nav.accounts')}
                  </NavLink>
                  {adminLinks.map((link) => (
                    <NavLink
                      key={link.to}
                      to={link.to}
                      className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100"
                    >
                      {t(link.key)}
                    </NavLink>
                  ))}
                </>
              ) : null}
              <NavLink to="/me" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                <span className="sr-only">{t('nav.signedInAs')} </span>
                {user.name}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                  {t('nav.signOut')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                {t('nav.signIn')}
              </NavLink>
              <NavLink to="/register" className="rounded-md bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
                {t('nav.register')}
              </NavLink>
            </>
          )}
          <Form method="post" action="/resources/locale" reloadDocument>
            <input type="hidden" name="locale" value={other} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button
              type="submit"
              lang={other}
              aria-label={t('locale.switchToLabel')}
              className="rounded-md border border-stone-300 px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-100"
            >
              {t('locale.switchTo')}
            </button>
          </Form>
        </div>
      </div>
    </header>
  )
}

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-stone-600 sm:px-6">
        <span>{t('footer.address')}</span>
        <span>{t('footer.motto')}</span>
      </div>
    </footer>
  )
}
