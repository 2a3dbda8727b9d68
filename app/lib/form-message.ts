/**
 * Form errors travel as i18n keys. A key that needs values (minutes to wait)
 * carries them after `::` as JSON, so the client can translate it.
 */
export function encodeMessage(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}::${JSON.stringify(params)}` : key
}

export function decodeMessage(message: string): { key: string; params?: Record<string, string | number> } {
  const index = message.indexOf('::')
  if (index < 0) return { key: message }
  try {
    return {
      key: message.slice(0, index),
      params: JSON.parse(message.slice(index + 2)) as Record<string, string | number>,
    }
  } catch {
    return { key: message.slice(0, index) }
  }
}
