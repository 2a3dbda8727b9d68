import { useActionData } from '@remix-run/react'
import type { action } from './route'

/**
 * The roster has many small forms; the action's conform reply carries what was
 * posted, so each form finds its own answer by intent (and sign-up, per row)
 * and shows its errors next to the values the coordinator typed.
 */
export function useReply() {
  const reply = useActionData<typeof action>()
  const mine = (intent: string, signupId?: number) =>
    reply?.initialValue?.intent === intent &&
    (signupId === undefined || reply.initialValue.signupId === String(signupId))
  return {
    errors(intent: string, field: string, signupId?: number): string[] | undefined {
      return mine(intent, signupId) ? (reply?.error?.[field] ?? undefined) : undefined
    },
    value(intent: string, field: string, signupId?: number): string | undefined {
      const value = mine(intent, signupId) ? reply?.initialValue?.[field] : undefined
      return typeof value === 'string' ? value : undefined
    },
  }
}

export type Reply = ReturnType<typeof useReply>
