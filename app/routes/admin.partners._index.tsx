import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ReferenceListHeader, ReferenceRow } from '~/components/reference'
import { canManageReference } from '~/domain/policy'
import { listPartners } from '~/domain/reference/partners.server'
import { ReferenceFilter } from '~/domain/reference/schema'
import { pageTitle } from '~/i18n/meta'
import { searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.partner.listTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { show } = searchParams(request, ReferenceFilter)
  return { partners: await listPartners(context.db, actor, show), show, canManage: canManageReference(actor) }
}

export default function PartnersPage() {
  const { t } = useTranslation()
  const { partners, show, canManage } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <ReferenceListHeader
        title="reference.partner.listTitle"
        base="/admin/partners"
        show={show}
        canManage={canManage}
      />
      {partners.length === 0 ? <p>{t('reference.list.none')}</p> : null}
      <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {partners.map((p) => (
          <ReferenceRow key={p.id} to={`/admin/partners/${p.id}`} name={p.name} archived={p.archived_at !== null}>
            {t(`reference.partner.kinds.${p.kind}`)}
            {p.region ? ` · ${p.region}` : ''}
            {p.agreement_signed_on
              ? ` · ${t('reference.partner.agreement', { from: p.agreement_signed_on, to: p.agreement_ends_on ?? '—' })}`
              : ''}
          </ReferenceRow>
        ))}
      </ul>
    </div>
  )
}
