import type { MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.title')

const SECTIONS = ['collected', 'purpose', 'minors', 'sharing', 'retention', 'rights'] as const

/** The privacy notice a volunteer agrees to when registering (PIPL Art. 17). */
export default function PrivacyNotice() {
  const { t } = useTranslation()
  return (
    <article className="mx-auto max-w-2xl space-y-5 rounded-xl border border-stone-200 bg-white p-5 sm:p-8">
      <h1 className="text-2xl font-bold text-brand-800">{t('privacy.title')}</h1>
      <p className="text-stone-700">{t('privacy.intro')}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`} className="text-lg font-semibold">
            {t(`privacy.${section}.title`)}
          </h2>
          <p className="mt-1 text-stone-700">{t(`privacy.${section}.body`)}</p>
        </section>
      ))}
    </article>
  )
}
