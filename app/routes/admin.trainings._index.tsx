import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ReferenceListHeader, ReferenceRow } from '~/components/reference'
import { canManageReference } from '~/domain/policy'
import { ReferenceFilter } from '~/domain/reference/schema'
import { listTrainings } from '~/domain/reference/trainings.server'
import { pageTitle } from '~/i18n/meta'
import { searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.training.listTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { show } = searchParams(request, ReferenceFilter)
  return { trainings: await listTrainings(context.db, actor, show), show, canManage: canManageReference(actor) }
}

export default function TrainingsPage() {
  const { t } = useTranslation()
  const { trainings, show, canManage } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <ReferenceListHeader
        title="reference.training.listTitle"
        base="/admin/trainings"
        show={show}
        canManage={canManage}
      />
      {trainings.length === 0 ? <p>{t('reference.list.none')}</p> : null}
      <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {trainings.map((training) => (
          <ReferenceRow
            key={training.id}
            to={`/admin/trainings/${training.id}`}
            name={training.name}
            archived={training.archived_at !== null}
          >
            {t('reference.training.completions', { count: training.completions })}
          </ReferenceRow>
        ))}
      </ul>
    </div>
  )
}
