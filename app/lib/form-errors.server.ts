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
  const message = encodeMessage(error.code, error.options.params)
  const result = submission.reply({
    ...(error.options.field ? { fieldErrors: { [error.options.field]: [message] } } : { formErrors: [message] }),
    hideFields,
  })
  return { result, status: error.status }
}

export function replyWithDomainError(submission: Submission<unknown>, error: unknown, hideFields: string[] = []) {
  const { result, status } = domainErrorResult(submission, error, hideFields)
  return data(result, { status })
}
