import type { Env } from '~/env.server'
import { idNumberKey } from './id-crypto.server'

/** What issuing and drawing certificates needs from the environment. */
export interface CertificateSettings {
  idKey: Buffer
  personInCharge: string
  contact: string
  /** Where the QR's verification URL points. */
  appOrigin: string
}

export function certificateSettings(env: Env): CertificateSettings {
  return {
    idKey: idNumberKey(env),
    personInCharge: env.CERTIFICATE_PERSON_IN_CHARGE,
    contact: env.CERTIFICATE_CONTACT,
    appOrigin: env.APP_ORIGIN.replace(/\/+$/, ''),
  }
}

export const verificationUrl = (settings: Pick<CertificateSettings, 'appOrigin'>, code: string) =>
  `${settings.appOrigin}/certificates/verify/${code}`
