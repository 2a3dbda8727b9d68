import { createContext, useContext } from 'react'

const NonceContext = createContext('')

/** Set by entry.server from the host's per-request CSP nonce; empty in the browser, which hides it. */
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
