import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ROLES } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Notice } from '~/components/form'
import {
  changeRole,
  listAccounts,
  listPartnerOrganisations,
  setAccountStatus,
} from '~/domain/accounts/administration.server'
import { ACCOUNT_LIST_LIMIT } from '~/domain/accounts/limits'
import { ChangeRole, SetAccountStatus } from '~/domain/accounts/schema'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { optionalField, searchParams } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.accounts.title')

const Query = z.object({ role: optionalField(z.enum(ROLES)), q: optionalField(z.string()) })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const { role, q } = searchParams(request, Query)
  const query = q?.trim().slice(0, 100) || undefined
  const [accounts, organisations] = await Promise.all([
    listAccounts(context.db, actor, { role, query }),
    listPartnerOrganisations(context.db),
  ])
  return { accounts, organisations, me: actor.accountId }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const formData = await request.formData()
  const meta = requestMeta(context)
  // Back to the list as it was filtered.
  const back = `/admin/accounts${new URL(request.url).search}`
  if (formData.get('intent') === 'status') {
    const submission = parseWithZod(formData, { schema: SetAccountStatus })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    try {
      await setAccountStatus(context.db, actor, submission.value, meta)
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
    return redirectWithToast(back, { key: 'admin.accounts.statusChanged' })
  }
  const submission = parseWithZod(formData, { schema: ChangeRole })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await changeRole(context.db, actor, submission.value, meta)
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
  return redirectWithToast(back, { key: 'admin.accounts.roleChanged' })
}

export default function Accounts() {
  const { t } = useTranslation()
  const { accounts, organisations, me } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold text-brand-800">{t('admin.accounts.title')}</h1>
        <Link to="/admin/accounts/invite" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
          {t('admin.invite.title')}
        </Link>
      </div>
      <ErrorList errors={Object.values(result?.error ?? {}).flatMap((errors) => errors ?? [])} />
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          {t('admin.accounts.search')}
          <input
            name="q"
            defaultValue={params.get('q') ?? ''}
            className="mt-1 block rounded-md border border-stone-300 px-3 py-2"
          />
        </label>
        <label className="text-sm">
          {t('admin.accounts.role')}
          <select
            name="role"
            defaultValue={params.get('role') ?? ''}
            className="mt-1 block rounded-md border border-stone-300 px-3 py-2"
          >
            <option value="">{t('admin.accounts.allRoles')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-stone-300 px-4 py-2">
          {t('activity.filterApply')}
        </button>
      </Form>
      {accounts.length >= ACCOUNT_LIST_LIMIT ? (
        <Notice>{t('admin.accounts.limited', { count: ACCOUNT_LIST_LIMIT })}</Notice>
      ) : null}
      <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
        {accounts.map((account) => (
          <li key={account.id} className="flex flex-col gap-3 p-4 lg:flex-row lg:items-center lg:justify-between">
            <div>
              <Link to={`/admin/accounts/${account.id}`} className="font-medium text-brand-800 underline">
                {account.name}
              </Link>
              <p className="text-sm text-stone-600">
                {account.email} · {t(`role.${account.role}`)}
                {account.organisation_name ? ` · ${account.organisation_name}` : ''}
                {account.status === 'deactivated' ? ` · ${t('admin.accounts.deactivated')}` : ''}
              </p>
            </div>
            {account.id === me ? null : (
              <div className="flex flex-wrap gap-2">
                <Form method="post" className="flex flex-wrap gap-2">
                  <input type="hidden" name="accountId" value={account.id} />
                  <label className="sr-only" htmlFor={`role-${account.id}`}>
                    {t('admin.accounts.role')}
                  </label>
                  <select
                    id={`role-${account.id}`}
                    name="role"
                    defaultValue={account.role}
                    className="rounded-md border border-stone-300 px-2 py-1.5 text-sm"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`role.${role}`)}
                      </option>
                    ))}
                  </select>
                  <label className="sr-only" htmlFor={`org-${account.id}`}>
                    {t('admin.invite.organisation')}
                  </label>
                  <select
                    id={`org-${account.id}`}
                    name="partnerOrganisationId"
                    defaultValue=""
                    className="max-w-48 rounded-md border border-stone-300 px-2 py-1.5 text-sm"
                  >
                    <option value="">{t('admin.invite.organisationNone')}</option>
                    {organisations.map((organisation) => (
                      <option key={organisation.id} value={organisation.id}>
                        {organisation.name}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm">
                    {t('admin.accounts.changeRole')}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="accountId" value={account.id} />
                  <input type="hidden" name="status" value={account.status === 'active' ? 'deactivated' : 'active'} />
                  <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm">
                    {account.status === 'active' ? t('admin.accounts.deactivate') : t('admin.accounts.reactivate')}
                  </button>
                </Form>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
