import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Field, FormCard, Notice, SubmitButton } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { checkInStatus, selfCheckIn, selfCheckOut } from '~/domain/planning/attendance.server'
import { CheckInCode } from '~/domain/planning/schema'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange, inShanghai } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.checkIn.title')

/** GET only shows the form (a scanned link must never change anything by itself). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const status = await checkInStatus(context.db, actor, idParam(params, 'shiftId')).catch((error: unknown) => {
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  })
  const code = new URL(request.url).searchParams.get('code') ?? ''
  return { ...status, code: /^\d{6}$/.test(code) ? code : '' }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const shiftId = idParam(params, 'shiftId')
  const submission = parseWithZod(await request.formData(), { schema: CheckInCode })
  if (submission.status !== 'success') return submission.reply()
  try {
    const now = new Date()
    if (submission.value.direction === 'out') {
      const done = await selfCheckOut(context.db, actor, shiftId, submission.value.code, now)
      return { ...submission.reply(), checkedOutAt: done.checkedOutAt, minutes: done.minutes }
    }
    const done = await selfCheckIn(context.db, actor, shiftId, submission.value.code, now)
    return { ...submission.reply(), checkedInAt: done.checkedInAt }
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

const hhmm = (instant: string) => {
  const d = inShanghai(instant)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export default function CheckInPage() {
  const { t, i18n } = useTranslation()
  const { shift, signup, code } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckInCode }),
    shouldValidate: 'onBlur',
    defaultValue: { code },
  })
  const checkedIn = (actionData && 'checkedInAt' in actionData ? actionData.checkedInAt : null) ?? signup?.checked_in_at
  const checkedOut =
    (actionData && 'checkedOutAt' in actionData ? actionData.checkedOutAt : null) ?? signup?.checked_out_at
  const minutes = (actionData && 'minutes' in actionData ? actionData.minutes : null) ?? signup?.service_minutes
  return (
    <FormCard
      title={t('planning.checkIn.title')}
      intro={`${shift.title ?? t(`shift.role.${shift.role}`)} · ${formatTimeRange(shift.starts_at, shift.ends_at, i18n.language as Locale)}`}
    >
      {!signup ? <Notice tone="error">{t('planning.checkIn.notSignedUp')}</Notice> : null}
      {checkedIn ? <Notice tone="success">{t('planning.checkIn.checkedIn', { time: hhmm(checkedIn) })}</Notice> : null}
      {checkedOut ? (
        <Notice tone="success">
          {t('planning.checkIn.checkedOut', { time: hhmm(checkedOut), minutes: minutes ?? 0 })}
        </Notice>
      ) : null}
      {signup && !checkedOut ? (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <input type="hidden" name="direction" value={checkedIn ? 'out' : 'in'} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.code} label={t('planning.checkIn.code')} inputMode="numeric" autoComplete="off" />
          <SubmitButton pending={navigation.state === 'submitting'}>
            {checkedIn ? t('planning.checkIn.checkOutSubmit') : t('planning.checkIn.checkInSubmit')}
          </SubmitButton>
        </Form>
      ) : null}
    </FormCard>
  )
}
