import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ReferenceListHeader, ReferenceRow } from '~/components/reference'
import { canManageReference } from '~/domain/policy'
import { ReferenceFilter } from '~/domain/reference/schema'
import { listSites } from '~/domain/reference/sites.server'
import { pageTitle } from '~/i18n/meta'
import { searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.site.listTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { show } = searchParams(request, ReferenceFilter)
  return { sites: await listSites(context.db, actor, show), show, canManage: canManageReference(actor) }
}

export default function SitesPage() {
  const { t } = useTranslation()
  const { sites, show, canManage } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <ReferenceListHeader title="reference.site.listTitle" base="/admin/sites" show={show} canManage={canManage} />
      {sites.length === 0 ? <p>{t('reference.list.none')}</p> : null}
      <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {sites.map((site) => (
          <ReferenceRow
            key={site.id}
            to={`/admin/sites/${site.id}`}
            name={site.name}
            archived={site.archived_at !== null}
          >
            {t(`reference.site.kinds.${site.kind}`)}
            {site.opening_hours ? ` · ${site.opening_hours}` : ''}
            {site.active ? '' : ` · ${t('reference.site.closed')}`}
          </ReferenceRow>
        ))}
      </ul>
    </div>
  )
}
