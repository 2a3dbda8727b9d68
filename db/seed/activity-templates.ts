/**
 * Every activity template, and 2021's fixed-day highlights. The kinds come from
 * the 2021 summary (template-types.ts describes a template).
 */
import type { ActivityTemplate } from './template-types'
import { LEARNING_TEMPLATES } from './templates-learning'
import { OTHER_TEMPLATES } from './templates-other'
import { READING_TEMPLATES } from './templates-reading'

export type { ActivityTemplate, FixedActivity, PlaceSpec, ShiftSpec, Slot, TitleContext } from './template-types'
export { FIXED_2021 } from './highlights-2021'

export const TEMPLATES: readonly ActivityTemplate[] = [...LEARNING_TEMPLATES, ...READING_TEMPLATES, ...OTHER_TEMPLATES]
