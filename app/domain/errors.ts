/**
 * A rule said no. `code` is the i18n key of the message shown to the user;
 * `field` names the form field it belongs to, when there is one.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'not_found' | 'forbidden' | 'conflict' | 'rule' | 'throttled',
    readonly code: string,
    readonly options: { field?: string; params?: Record<string, string | number> } = {},
  ) {
    super(code)
    this.name = 'DomainError'
  }

  get status(): 400 | 403 | 404 | 409 | 429 {
    return ({ not_found: 404, forbidden: 403, conflict: 409, rule: 400, throttled: 429 } as const)[this.kind]
  }
}

export const notFound = (code = 'errors.notFoundTitle') => new DomainError('not_found', code)
export const forbidden = (code = 'errors.forbiddenTitle') => new DomainError('forbidden', code)
