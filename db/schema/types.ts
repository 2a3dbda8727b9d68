/** An instant, stored as ISO-8601 UTC text (`2026-11-25T05:53:00.000Z`) on both dialects. */
export type Instant = string
/** A calendar day `YYYY-MM-DD`, meant in Asia/Shanghai. */
export type Day = string
/** A boolean stored as 0/1 on both dialects (better-sqlite3 cannot bind booleans). */
export type Flag = 0 | 1
/** JSON stored as text. */
export type JsonText = string
