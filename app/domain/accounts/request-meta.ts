/** What a domain call needs to know about the request that caused it. */
export interface RequestMeta {
  now: Date
  ip: string
  /** Where links in mail point, e.g. https://tongxing.example.org. */
  appOrigin: string
}
