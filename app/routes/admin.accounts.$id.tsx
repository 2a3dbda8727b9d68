import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { viewVolunteerRecord } from '~/domain/accounts/administration.server'
import { volunteerRecord } from '~/domain/planning/attendance.server'
import { DomainError } from '~/domain/errors'
import { pageTitle } from '~/i18n/meta'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin.record.title')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const record = await viewVolunteerRecord(context.db, actor, id, requestMeta(context)).catch((error: unknown) => {
    // An unknown or deleted account is a 404 page, not a server error.
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  })
  const service = record.account.role === 'volunteer' ? await volunteerRecord(context.db, actor, id) : null
  const list = (json: string | undefined) => (json ? (JSON.parse(json) as string[]) : [])
  return {
    ...record,
    service,
    skills: list(record.profile?.skills),
    interests: list(record.profile?.interests),
    availability: list(record.profile?.availability),
  }
}

export default function VolunteerRecord() {
  const { t } = useTranslation()
  const { account, profile, minor, skills, interests, availability, service } = useLoaderData<typeof loader>()
  const rows: [string, string | null | undefined][] = [
    [t('account.email.label'), account.email],
    [t('account.phone.label'), account.phone],
    [t('admin.accounts.role'), t(`role.${account.role}`)],
    [t('account.birthDate.label'), profile?.birth_date],
    [t('me.skills'), skills.join('、')],
    [t('me.interests'), interests.join('、')],
    [t('me.availability'), availability.join('、')],
    [t('me.emergencyContactName'), profile?.emergency_contact_name],
    [t('me.emergencyContactPhone'), profile?.emergency_contact_phone],
  ]
  if (service) {
    rows.push(
      [t('admin.record.attended'), String(service.attended)],
      [t('admin.record.noShows'), String(service.noShows)],
      [t('admin.record.approvedHours'), (service.approvedMinutes / 60).toFixed(1)],
      [t('admin.record.pendingHours'), (service.pendingMinutes / 60).toFixed(1)],
    )
  }
  if (minor) {
    rows.push(
      [t('account.guardian.name'), profile?.guardian_name],
      [t('account.guardian.relation'), profile?.guardian_relation],
      [t('account.guardian.phone'), profile?.guardian_phone],
      [t('admin.record.consentOn'), profile?.guardian_consent_on],
    )
  }
  return (
    <div className="space-y-6">
      <Link to="/admin/accounts" className="text-sm text-brand-700 underline">
        {t('admin.accounts.title')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{account.name}</h1>
      {profile ? (
        <p className="text-stone-700">{t('me.volunteerNumber', { number: profile.volunteer_number })}</p>
      ) : null}
      {minor ? <Notice>{t('admin.record.minorNotice')}</Notice> : null}
      <dl className="grid gap-x-6 gap-y-3 rounded-xl border border-stone-200 bg-white p-5 sm:grid-cols-[12rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="text-stone-900">{value || '—'}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
