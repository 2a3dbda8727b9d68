/**
 * Inputs of the account forms. Error messages are i18n keys; the forms translate
 * them. Unknown fields are dropped by zod (no mass assignment).
 */
import { z } from 'zod'
import { PASSWORD_MAX } from './limits'

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** NUL cannot be stored: one of our databases refuses it in text, the other's length() stops at it (a 500 either way). */
const noNul = (value: string) => !value.includes('\u0000')

const trimmed = (max: number, tooLong: string) =>
  z
    .string({ error: 'form.required' })
    .trim()
    .min(1, { error: 'form.required' })
    .max(max, { error: tooLong })
    .refine(noNul, { error: 'form.invalid' })

export const Email = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, { error: 'form.required' })
  .max(254, { error: 'account.email.invalid' })
  .pipe(z.email({ error: 'account.email.invalid' }))

export const Mobile = z
  .string({ error: 'form.required' })
  .trim()
  // People paste "138 1234 5678" or "138-1234-5678".
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(MOBILE_PATTERN, { error: 'account.phone.invalid' }))

/** Length and commonness are checked by passwordProblem(); here only presence and an upper bound. */
export const NewPassword = z
  .string({ error: 'form.required' })
  .min(1, { error: 'form.required' })
  .max(PASSWORD_MAX * 4, { error: 'account.password.tooLong' })

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'form.dayInvalid' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'form.dayInvalid' })

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'form.tooLong' })
    .refine(noNul, { error: 'form.invalid' })
    .optional()
    .transform((value) => (value ? value : null))

export const Guardian = z.object({
  guardianName: optionalText(50),
  guardianRelation: optionalText(20),
  guardianPhone: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value.replace(/[\s-]/g, '') : null))
    .pipe(z.string().regex(MOBILE_PATTERN, { error: 'account.phone.invalid' }).nullable()),
  guardianConsent: z.literal('on').optional(),
})

export const RegisterVolunteer = z
  .object({
    name: trimmed(50, 'form.tooLong'),
    phone: Mobile,
    email: Email,
    password: NewPassword,
    birthDate: Day,
    privacyConsent: z.literal('on', { error: 'account.privacyConsentRequired' }),
    /** Honeypot: people leave it empty, bots fill it. */
    website: z.string().max(0, { error: 'form.invalid' }).optional(),
  })
  .and(Guardian)

export const SignIn = z.object({
  email: Email,
  password: z
    .string({ error: 'form.required' })
    .min(1, { error: 'form.required' })
    .max(PASSWORD_MAX * 4),
  redirectTo: z.string().optional(),
})

export const VerifyEmail = z.object({
  code: z
    .string({ error: 'form.required' })
    .trim()
    .regex(/^\d{8}$/, { error: 'account.verification.codeFormat' }),
})

export const ForgotPassword = z.object({ email: Email })

export const ResetPassword = z.object({ password: NewPassword })

export const ChangePassword = z.object({
  currentPassword: z.string({ error: 'form.required' }).min(1, { error: 'form.required' }),
  newPassword: NewPassword,
})

export const ChangeEmail = z.object({
  email: Email,
  password: z.string({ error: 'form.required' }).min(1, { error: 'form.required' }),
})

export const Profile = z
  .object({
    name: trimmed(50, 'form.tooLong'),
    phone: Mobile,
    /** Volunteers only; staff and partner contacts have no volunteer profile. */
    birthDate: Day.optional(),
    skills: optionalText(200),
    interests: optionalText(200),
    availability: optionalText(200),
    emergencyContactName: optionalText(50),
    emergencyContactPhone: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value.replace(/[\s-]/g, '') : null))
      .pipe(z.string().regex(MOBILE_PATTERN, { error: 'account.phone.invalid' }).nullable()),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .and(Guardian)

export const DeleteAccount = z.object({
  password: z.string({ error: 'form.required' }).min(1, { error: 'form.required' }),
  confirm: z.literal('on', { error: 'account.delete.confirmRequired' }),
})

export const INVITABLE_ROLES = ['coordinator', 'partner_contact', 'admin'] as const

export const Invite = z.object({
  email: Email,
  role: z.enum(INVITABLE_ROLES, { error: 'form.invalid' }),
  partnerOrganisationId: z.coerce.number().int().positive().optional(),
})

export const AcceptInvitation = z.object({
  name: trimmed(50, 'form.tooLong'),
  phone: Mobile.optional(),
  password: NewPassword,
})

export const ChangeRole = z.object({
  accountId: z.coerce.number().int().positive(),
  role: z.enum(['volunteer', 'coordinator', 'partner_contact', 'admin'], { error: 'form.invalid' }),
  partnerOrganisationId: z.coerce.number().int().positive().optional(),
})

export const SetAccountStatus = z.object({
  accountId: z.coerce.number().int().positive(),
  status: z.enum(['active', 'deactivated'], { error: 'form.invalid' }),
})
