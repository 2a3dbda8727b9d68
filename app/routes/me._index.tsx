import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { requireActor } from '~/auth/require.server'
import { Checkbox, ErrorList, Field, FormCard, Notice, SubmitButton } from '~/components/form'
import { MeNav } from '~/components/me-nav'
import { ageOn, profileUsable } from '~/domain/accounts/age'
import { GUARDIAN_CONSENT_AGE } from '~/domain/accounts/limits'
import { Profile } from '~/domain/accounts/schema'
import { getOwnProfile, updateOwnProfile } from '~/domain/accounts/settings.server'
import { findOwnIdDocument, saveOwnIdDocument } from '~/domain/certificates/id-document.server'
import { idNumberKey } from '~/domain/certificates/id-crypto.server'
import { IdDocumentFields } from '~/domain/certificates/schema.server'
import { ID_TYPES, type IdType } from '#db/schema'
import { pageTitle } from '~/i18n/meta'
import { shanghaiDay } from '~/lib/dates'
import { domainErrorResult, replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'me.title')

const joined = (json: string | undefined) => (json ? (JSON.parse(json) as string[]).join('、') : '')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const { account, profile } = await getOwnProfile(context.db, actor)
  const today = shanghaiDay(new Date())
  const idDocument = profile ? await findOwnIdDocument(context.db, actor, idNumberKey(context.env)) : null
  return {
    account,
    idDocument,
    profile: profile && {
      volunteerNumber: profile.volunteer_number,
      birthDate: profile.birth_date,
      skills: joined(profile.skills),
      interests: joined(profile.interests),
      availability: joined(profile.availability),
      emergencyContactName: profile.emergency_contact_name,
      emergencyContactPhone: profile.emergency_contact_phone,
      guardianName: profile.guardian_name,
      guardianRelation: profile.guardian_relation,
      guardianPhone: profile.guardian_phone,
      guardianConsent: profile.guardian_consent_on ? 'on' : undefined,
      usable: profileUsable(profile, today),
    },
    today,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const key = idNumberKey(context.env)
  if (intent === 'remove-id-document') {
    await saveOwnIdDocument(context.db, actor, null, key, requestMeta(context))
    return redirectWithToast('/me', { key: 'certificates.id.removed' })
  }
  if (intent === 'id-document') {
    const submission = parseWithZod(formData, { schema: IdDocumentFields })
    if (submission.status !== 'success')
      return data({ idDocumentResult: submission.reply({ hideFields: ['idNumber'] }) }, { status: 400 })
    try {
      const { idType, idNumber } = submission.value
      await saveOwnIdDocument(context.db, actor, { type: idType, number: idNumber }, key, requestMeta(context))
      return redirectWithToast('/me', { key: 'certificates.id.saved' })
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error, ['idNumber'])
      return data({ idDocumentResult: result }, { status })
    }
  }
  const submission = parseWithZod(formData, { schema: Profile })
  if (submission.status !== 'success') return submission.reply()
  try {
    await updateOwnProfile(context.db, actor, submission.value, requestMeta(context))
    return submission.reply()
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function MyProfile() {
  const { t } = useTranslation()
  const { account, profile, today, idDocument } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastResult = actionData && 'idDocumentResult' in actionData ? undefined : actionData
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { name: account.name, phone: account.phone ?? '', ...profile },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Profile }),
    shouldValidate: 'onBlur',
  })
  const [birthDate, setBirthDate] = useState(profile?.birthDate ?? '')
  const minor = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) && ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE
  return (
    <div className="space-y-6">
      <MeNav />
      {lastResult?.status === 'success' ? <Notice tone="success">{t('me.saved')}</Notice> : null}
      {!account.email_verified_at ? (
        <Notice>
          {t('me.unverified')}{' '}
          <Link to="/verify-email" className="underline">
            {t('account.verification.title')}
          </Link>
        </Notice>
      ) : null}
      {profile && !profile.usable ? <Notice tone="error">{t('account.guardian.missing')}</Notice> : null}
      <FormCard
        title={t('me.title')}
        intro={profile ? t('me.volunteerNumber', { number: profile.volunteerNumber }) : t(`role.${account.role}`)}
      >
        <p className="mb-4 text-sm text-stone-700">
          {t('account.email.label')}: {account.email}
        </p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label={t('account.name.label')} autoComplete="name" />
          <Field
            meta={fields.phone}
            type="tel"
            label={t('account.phone.label')}
            autoComplete="tel"
            inputMode="numeric"
          />
          {profile ? (
            <>
              <Field
                meta={fields.birthDate}
                type="date"
                label={t('account.birthDate.label')}
                max={today}
                onChange={(e) => setBirthDate(e.currentTarget.value)}
              />
              <Field meta={fields.skills} label={t('me.skills')} hint={t('me.listHint')} />
              <Field meta={fields.interests} label={t('me.interests')} hint={t('me.listHint')} />
              <Field meta={fields.availability} label={t('me.availability')} hint={t('me.availabilityHint')} />
              <Field meta={fields.emergencyContactName} label={t('me.emergencyContactName')} />
              <Field
                meta={fields.emergencyContactPhone}
                type="tel"
                label={t('me.emergencyContactPhone')}
                inputMode="numeric"
              />
              <fieldset
                className={`space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 ${minor ? '' : 'hidden'}`}
              >
                <legend className="px-1 text-sm font-medium text-amber-900">
                  {t('account.guardian.legend', { age: GUARDIAN_CONSENT_AGE })}
                </legend>
                <Field meta={fields.guardianName} label={t('account.guardian.name')} />
                <Field meta={fields.guardianRelation} label={t('account.guardian.relation')} />
                <Field meta={fields.guardianPhone} type="tel" label={t('account.guardian.phone')} inputMode="numeric" />
                <Checkbox meta={fields.guardianConsent} label={t('account.guardian.consent')} />
              </fieldset>
            </>
          ) : null}
          <SubmitButton pending={navigation.state === 'submitting'}>{t('me.save')}</SubmitButton>
        </Form>
      </FormCard>
      {profile ? (
        <IdDocumentForm
          current={idDocument}
          lastResult={actionData && 'idDocumentResult' in actionData ? actionData.idDocumentResult : undefined}
        />
      ) : null}
    </div>
  )
}

function IdDocumentForm({
  current,
  lastResult,
}: {
  current: { type: IdType; masked: string } | null
  lastResult: SubmissionResult<string[]> | undefined
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'id-document',
    lastResult,
    defaultValue: { idType: current?.type ?? 'resident_id', idNumber: '' },
  })
  return (
    <FormCard title={t('certificates.id.heading')} intro={t('certificates.id.intro')}>
      <p className="mb-4 text-sm text-stone-700">
        {current
          ? t('certificates.id.current', { type: t(`certificates.idType.${current.type}`), masked: current.masked })
          : t('certificates.id.none')}
      </p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="id-document" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <div>
          <label htmlFor={fields.idType.id} className="block text-sm font-medium text-stone-800">
            {t('certificates.id.type')}
          </label>
          <select
            id={fields.idType.id}
            name={fields.idType.name}
            defaultValue={fields.idType.initialValue}
            className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
          >
            {ID_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`certificates.idType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <Field meta={fields.idNumber} label={t('certificates.id.number')} autoComplete="off" spellCheck={false} />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('certificates.id.save')}</SubmitButton>
      </Form>
      {current ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="remove-id-document" />
          <button type="submit" className="text-sm text-red-800 underline">
            {t('certificates.id.remove')}
          </button>
        </Form>
      ) : null}
    </FormCard>
  )
}
