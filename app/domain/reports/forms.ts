/** The forms on a year's report page. */
import { z } from 'zod'
import type { EnteredFigure } from '#db/schema'

const Count = z
  .string()
  .trim()
  .regex(/^[0-9]{1,9}$/, 'reports.entered.invalid')
  .optional()

export const ReportAction = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('entered'),
    visitors: Count,
    loans: Count,
    desk_cards_issued: Count,
    articles_published: Count,
    media_coverage: Count,
  } satisfies Record<'intent' | EnteredFigure, z.ZodType>),
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('reopen'), reason: z.string().trim().min(1, 'reports.closed.reasonRequired').max(500) }),
])
