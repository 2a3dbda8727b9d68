import { DomainError } from '~/domain/errors'

/** A loader's domain refusal (not found, forbidden) as the HTTP error page. */
export async function orHttpError<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise
  } catch (error) {
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  }
}
