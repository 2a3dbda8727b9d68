export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
/** Under this age a guardian's consent is needed (PIPL Art. 31). */
export const GUARDIAN_CONSENT_AGE = 14
/** The accounts page shows at most this many; the search narrows it down. */
export const ACCOUNT_LIST_LIMIT = 200
