import type { Submission, SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { DomainError } from '~/domain/errors'
import { encodeMessage } from './form-message'

/**
 * Turns a rule's refusal into the form's answer: the message next to its field
 * (or above the form), the HTTP status the rule implies, and every value the
 * user typed kept (except the `hideFields`, passwords).
 */
export function domainErrorResult(
  submission: Submission<unknown>,
  error: unknown,
  hideFields: string[] = [],
): { result: SubmissionResult<string[]>; status: number } {
  if (!(error instanceof DomainError)) throw error
  const messages = reasonsOf(error).map((r) => encodeMessage(r.code, r.params))
  const result = submission.reply({
    ...(error.options.field ? { fieldErrors: { [error.options.field]: messages } } : { formErrors: messages }),
    hideFields,
  })
  return { result, status: error.status }
}

type Reason = { code: string; params?: Record<string, string | number> }

/** A refusal that gives several reasons at once (a sign-up's eligibility) shows them all. */
function reasonsOf(error: DomainError): Reason[] {
  const reasons: unknown = 'reasons' in error ? error.reasons : undefined
  if (Array.isArray(reasons) && reasons.length > 0 && reasons.every(isReason)) return reasons
  return [{ code: error.code, params: error.options.params }]
}

function isReason(value: unknown): value is Reason {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
}

export function replyWithDomainError(submission: Submission<unknown>, error: unknown, hideFields: string[] = []) {
  const { result, status } = domainErrorResult(submission, error, hideFields)
  return data(result, { status })
}
