import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ReferenceListHeader, ReferenceRow } from '~/components/reference'
import { canManageReference } from '~/domain/policy'
import { listProgrammes } from '~/domain/reference/programmes.server'
import { ReferenceFilter } from '~/domain/reference/schema'
import { pageTitle } from '~/i18n/meta'
import { searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.programme.listTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { show } = searchParams(request, ReferenceFilter)
  return { programmes: await listProgrammes(context.db, actor, show), show, canManage: canManageReference(actor) }
}

export default function ProgrammesPage() {
  const { t } = useTranslation()
  const { programmes, show, canManage } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <ReferenceListHeader
        title="reference.programme.listTitle"
        base="/admin/programmes"
        show={show}
        canManage={canManage}
      />
      {programmes.length === 0 ? <p>{t('reference.list.none')}</p> : null}
      <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {programmes.map((p) => (
          <ReferenceRow
            key={p.id}
            to={`/admin/programmes/${p.id}`}
            name={p.parent_name ? `${p.parent_name} › ${p.name}` : p.name}
            archived={p.archived_at !== null}
          >
            <span
              aria-hidden
              className="mr-1 inline-block h-3 w-3 rounded-full"
              style={{ backgroundColor: p.colour }}
            />
            {t(p.kind === 'brand' ? 'reference.programme.brand' : 'reference.programme.project')}
            {p.active ? '' : ` · ${t('reference.list.inactive')}`}
          </ReferenceRow>
        ))}
      </ul>
    </div>
  )
}
