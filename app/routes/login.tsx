import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { optionalActor, sessionCookie } from '~/auth/require.server'
import { ErrorList, Field, FormCard, SubmitButton } from '~/components/form'
import { SignIn } from '~/domain/accounts/schema'
import { signIn } from '~/domain/accounts/sign-in.server'
import { landingPathFor } from '~/domain/partners/landing.server'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { safeRedirectPath } from '~/lib/http'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.signIn.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  if (await optionalActor(request, context)) throw redirect(safeRedirectPath(url.searchParams.get('redirectTo')))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignIn })
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] })
  try {
    const session = await signIn(context.db, submission.value, requestMeta(context))
    // No destination asked for: a partner contact lands on their own page.
    const asked = safeRedirectPath(submission.value.redirectTo)
    return redirect(asked === '/' ? await landingPathFor(context.db, session.accountId) : asked, {
      headers: { 'Set-Cookie': sessionCookie(context, session) },
    })
  } catch (error) {
    return replyWithDomainError(submission, error, ['password'])
  }
}

export default function Login() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignIn }),
    shouldValidate: 'onBlur',
  })
  return (
    <FormCard title={t('account.signIn.title')} intro={t('account.signIn.intro')}>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <ErrorList id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field
          meta={fields.email}
          type="email"
          label={t('account.email.label')}
          autoComplete="username"
          inputMode="email"
        />
        <Field
          meta={fields.password}
          type="password"
          label={t('account.password.label')}
          autoComplete="current-password"
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('account.signIn.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
        <Link to="/forgot-password" className="text-brand-700 underline">
          {t('account.forgot.link')}
        </Link>
        <Link to="/register" className="text-brand-700 underline">
          {t('account.register.link')}
        </Link>
      </p>
    </FormCard>
  )
}
