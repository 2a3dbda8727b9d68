/**
 * Who may open what, by URL: the rule the role × route matrix checks every
 * route against. A route no rule covers fails the sweep, so whoever adds a
 * route states its access here (a prefix rule, the public list, or an exception).
 */
export const PRINCIPALS = [
  'anonymous',
  'volunteer',
  'unverified',
  'minor',
  'coordinator',
  'partnerA',
  'partnerB',
  'admin',
] as const
export type Principal = (typeof PRINCIPALS)[number]
export type SignedIn = Exclude<Principal, 'anonymous'>

/**
 * 200/403/404 as such; `login`: 302 to /login?redirectTo=<the path>; `denied`:
 * 403 or 404 (a record of another organisation may be hidden either way);
 * `{ redirect }`: 302 to exactly that location.
 */
export type Expected = 200 | 400 | 403 | 404 | 405 | 'login' | 'denied' | { redirect: string }

export interface Target {
  /** The concrete URL, e.g. `/staff/shifts/3`. */
  path: string
  /** The values of its dynamic segments. */
  params: Record<string, string | number>
  /** A partner-scoped record belongs to this organisation: the other organisation's contact is denied. */
  owner?: 'A' | 'B'
  /** The account whose record the page is, when it is one. */
  record?: SignedIn
}

type Rule = (principal: Principal, target: Target) => Expected

const isPartner = (p: Principal) => p === 'partnerA' || p === 'partnerB'
const signedIn =
  (allowed: (p: SignedIn) => boolean, otherwise: Expected = 403): Rule =>
  (p) =>
    p === 'anonymous' ? 'login' : allowed(p) ? 200 : otherwise
const everyone =
  (expected: Expected): Rule =>
  () =>
    expected

const STAFF = (p: Principal) => p === 'coordinator' || p === 'admin'

/** Pages anyone may read, signed in or not. */
const PUBLIC = [
  '',
  'activities',
  'privacy',
  'shifts',
  'shifts/:id',
  'forgot-password',
  'reset-password/:token',
  'invitations/:token',
  // The unguessable code is the credential; the page shows a masked name and the hours only.
  'certificates/verify/:code',
  // A published public activity (the world's is).
  'activities/:id',
  // The mailed receipt link is the credential (no account needed); it shows that one shipment only.
  'receipts/:token',
]

/** Routes whose access differs from their prefix's rule, each with why. */
const EXCEPTIONS: Record<string, Rule> = {
  // Staff read a volunteer's record; only admins manage accounts.
  'admin/accounts/:id': signedIn(STAFF),
  // Signed-in people are sent on instead of seeing the form again.
  login: (p) => (p === 'anonymous' ? 200 : { redirect: '/' }),
  register: (p) => (p === 'anonymous' ? 200 : { redirect: '/me' }),
  // Only someone with a code waiting sees the form.
  'verify-email': (p) => (p === 'anonymous' ? 'login' : p === 'unverified' ? 200 : { redirect: '/me' }),
  // Anyone signed in may open a scanned check-in link; the page says whether they are on the shift.
  'check-in/:shiftId': signedIn(() => true),
  // The secret token in the URL is the credential (calendar apps send no cookie).
  'calendar/:token.ics': everyone(200),
  // Action-only resources answer a GET by sending the reader on, or not at all.
  logout: everyone({ redirect: '/' }),
  'me/export': everyone({ redirect: '/me/privacy' }),
  'resources/locale': everyone(404),
  'resources/healthcheck': everyone(200),
  // The dev mailbox exists only for a loopback client of a loopback app (`npm start`); the tests come from elsewhere.
  'dev/mail': everyone(404),
  'dev/mail/:id': everyone(404),
  '*': everyone(404),
  // The sweep world's card request has no cards issued yet: nothing to export.
  'staff/card-requests/:id/export': (p) => (p === 'anonymous' ? 'login' : STAFF(p) ? 404 : 403),
  // Printing labels issues a fresh receipt link, so it is a POST; a GET is refused before anything runs.
  'staff/books/shipments/:id/labels': everyone(405),
  // Coordinators read the library's reference data (admins change it).
  'admin/sites': signedIn(STAFF),
  'admin/sites/:id': signedIn(STAFF),
  'admin/programmes': signedIn(STAFF),
  'admin/programmes/:id': signedIn(STAFF),
  'admin/partners': signedIn(STAFF),
  'admin/partners/:id': signedIn(STAFF),
  'admin/trainings': signedIn(STAFF),
  'admin/trainings/:id': signedIn(STAFF),
  // A certificate is its volunteer's and staff's; to anyone else it does not exist.
  'certificates/:id.pdf': (p, target) => (p === 'anonymous' ? 'login' : STAFF(p) || p === target.record ? 200 : 404),
  // A visit's team-lead pages: staff, and the volunteer leading that visit's team (nobody in the sweep world).
  'visits/:id/team': signedIn(STAFF),
  'visits/:id/outcome': signedIn(STAFF),
  // The re-entry export needs its period (?from=&to=): without one, staff are told so (400).
  'staff/certificates/export.csv': (p) => (p === 'anonymous' ? 'login' : STAFF(p) ? 400 : 403),
}

const PREFIXES: [prefix: string, rule: Rule][] = [
  ['admin', signedIn((p) => p === 'admin')],
  ['staff', signedIn(STAFF)],
  [
    'partner',
    (p, target) =>
      p === 'anonymous'
        ? 'login'
        : !isPartner(p)
          ? 403
          : target.owner && target.owner !== (p === 'partnerA' ? 'A' : 'B')
            ? 'denied'
            : 200,
  ],
  ['me', signedIn(() => true)],
  ['reports', signedIn(STAFF)],
]

/** The rule for a route pattern, or undefined when none covers it. */
export function ruleFor(pattern: string): Rule | undefined {
  if (pattern in EXCEPTIONS) return EXCEPTIONS[pattern]
  if (PUBLIC.includes(pattern)) return everyone(200)
  return PREFIXES.find(([prefix]) => pattern === prefix || pattern.startsWith(`${prefix}/`))?.[1]
}

/** Action-only routes, whose GET answer says nothing about who may post. */
const POST_EXCEPTIONS: Record<string, (p: Principal) => boolean> = {
  'staff/books/shipments/:id/labels': STAFF,
  logout: () => true,
  'resources/locale': () => true,
  'me/export': (p) => p !== 'anonymous',
}

/**
 * Whether a principal may use a route's action: the page's rule read as
 * allowed or denied (a page that sends the signed-in on, like /login, still takes their post).
 */
export function mayPost(pattern: string, principal: Principal, target: Target): boolean {
  const exception = POST_EXCEPTIONS[pattern]
  if (exception) return exception(principal)
  const expected = ruleFor(pattern)!(principal, target)
  return expected !== 403 && expected !== 404 && expected !== 'denied' && expected !== 'login'
}
