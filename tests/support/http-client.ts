/**
 * A minimal browser stand-in for integration tests: a cookie jar, same-origin
 * fetch metadata on every request (as Chromium sends), manual redirects so
 * tests see each hop, and an `X-Forwarded-For` to play different clients.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>()

  constructor(
    readonly origin: string,
    private readonly options: { ip?: string } = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value)
  }

  async request(
    path: string,
    init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      'sec-fetch-site': 'same-origin',
      ...(this.options.ip ? { 'x-forwarded-for': this.options.ip } : {}),
      ...init.headers,
    }
    const jar = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    if (jar) headers.cookie = jar
    const response = await fetch(new URL(path, this.origin), { ...init, headers, redirect: 'manual' }).catch(
      (error: Error) => {
        // undici's "fetch failed" hides what failed: name the request and the socket's own error.
        const cause =
          error.cause instanceof Error
            ? `${(error.cause as NodeJS.ErrnoException).code ?? ''} ${error.cause.message}`
            : ''
        throw new Error(`${init.method ?? 'GET'} ${path}: ${error.message} (${cause.trim()})`, { cause: error })
      },
    )
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';')
      const index = pair!.indexOf('=')
      const name = pair!.slice(0, index).trim()
      const value = pair!.slice(index + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { method: 'GET', headers })
  }

  /** Posts a form the way a browser without JavaScript does. */
  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
    })
  }
}
