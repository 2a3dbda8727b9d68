import { expect } from 'vitest'
import type { HttpClient } from './http-client'

/**
 * A redirect that carries a flash toast: asserts where it goes and that the
 * next page (fetched with the same cookie jar) shows the message once.
 * Returns that page's HTML.
 */
export async function followToast(client: HttpClient, response: Response, location: string, text: string) {
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe(location)
  expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('toast='))).toBe(true)
  const html = await (await client.get(location)).text()
  expect(html).toContain(text)
  // Shown once: a reload does not repeat it.
  expect(await (await client.get(location)).text()).not.toContain('data-toast=')
  return html
}
