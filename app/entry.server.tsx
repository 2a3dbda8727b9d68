import { Transform } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from '~/lib/nonce'

export const streamTimeout = 5_000

/**
 * React 18's streaming renderer flushes its whole 2048-byte buffer even when a
 * multi-byte character (most Chinese text) did not fit at its end, so stray
 * NUL bytes reach the page (facebook/react#26228, fixed only in React 19).
 * They only ever trail a chunk, and the page never contains a NUL of its own.
 */
function withoutTrailingNuls() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length
      while (end > 0 && chunk[end - 1] === 0) end--
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end))
    },
  })
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Crawlers get the whole page at once; browsers get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={loadContext.nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={loadContext.nonce} />
      </NonceProvider>,
      {
        nonce: loadContext.nonce,
        [readyEvent]() {
          shellRendered = true
          const body = withoutTrailingNuls()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell is ready reach onShellError; later ones are logged here.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}
