/** Inputs of the certificate forms and URLs; checked on the server (the period rules live in content.ts). */
import { z } from 'zod'
import { ID_TYPES } from '#db/schema'
import { DayField, IdField } from '~/lib/params.server'

export const PeriodFields = z.object({ from: DayField, to: DayField })

export const RequestCertificate = PeriodFields

export const IssueCertificate = PeriodFields.extend({
  volunteer: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(254),
})

export const RevokeCertificate = z.object({
  certificateId: IdField,
  reason: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(500),
})

export const IdDocumentFields = z.object({
  idType: z.enum(ID_TYPES, { error: 'form.required' }),
  idNumber: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(40),
})

export const RegisterSearch = z.object({
  q: z.string().max(100).default(''),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
})

export const LangParam = z.object({ lang: z.enum(['zh-CN', 'en', 'zh']).optional() })

export const ExportSearch = PeriodFields.extend(LangParam.shape)
