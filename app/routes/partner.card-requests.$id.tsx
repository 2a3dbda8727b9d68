import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireActor } from '~/auth/require.server'
import { CardRequestDetails } from '~/components/card-request-view'
import { ErrorList } from '~/components/form'
import { Card, secondaryButtonClass } from '~/components/partner-ui'
import { getOwnCardRequest, withdrawCardRequest } from '~/domain/partners/card-requests.server'
import { referenceOf } from '~/domain/partners/limits'
import { pageTitle } from '~/i18n/meta'
import { orHttpError } from '~/lib/domain-response.server'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.portal.cardRequests')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  return orHttpError(getOwnCardRequest(context.db, actor, idParam(params)))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  const id = idParam(params)
  // Another organisation's record is a 404 whatever the form says, so scope is checked before the form.
  await orHttpError(getOwnCardRequest(context.db, actor, id))
  const submission = parseWithZod(await request.formData(), { schema: z.object({ intent: z.literal('withdraw') }) })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await withdrawCardRequest(context.db, actor, id, requestMeta(context))
    return redirectWithToast(`/partner/card-requests/${id}`, { key: 'partners.cards.withdrawn' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function PartnerCardRequest() {
  const view = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/partner" className="text-sm text-brand-700 underline">
        ← {t('partners.portal.title')}
      </Link>
      <Card title={t('partners.cards.detailTitle', { reference: referenceOf('CR', view.request.id) })}>
        <CardRequestDetails view={view} />
        <ErrorList errors={result?.error?.[''] ?? undefined} />
        {view.request.status === 'submitted' ? (
          <Form method="post" className="mt-4">
            <button type="submit" name="intent" value="withdraw" className={secondaryButtonClass}>
              {t('partners.cards.withdraw')}
            </button>
          </Form>
        ) : null}
      </Card>
    </div>
  )
}
