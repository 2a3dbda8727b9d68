export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
/** Under this age a guardian's consent is needed (PIPL Art. 31). */
export const GUARDIAN_CONSENT_AGE = 14
