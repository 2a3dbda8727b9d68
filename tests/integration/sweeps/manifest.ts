/**
 * The app's routes as the production build knows them (build/server/index.js
 * exports Remix's route manifest), so the sweeps cover a route the day it is
 * added. Each route's URL pattern is its `path` joined with its parents'.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'

export interface SweptRoute {
  id: string
  /** `staff/shifts/:id`, without the leading slash; '' for the home page, '*' for the catch-all. */
  pattern: string
  params: string[]
  hasLoader: boolean
  hasAction: boolean
  hasPage: boolean
}

export async function loadRoutes(): Promise<SweptRoute[]> {
  const build = (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
  const fullPath = (id: string): string[] => {
    const route = build.routes[id]!
    const own = route.path ? [route.path] : []
    return route.parentId ? [...fullPath(route.parentId), ...own] : own
  }
  return Object.values(build.routes)
    .filter((route) => route.id !== 'root')
    .map((route) => {
      const pattern = fullPath(route.id).join('/')
      return {
        id: route.id,
        pattern,
        params: [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!),
        hasLoader: typeof route.module.loader === 'function',
        hasAction: typeof route.module.action === 'function',
        hasPage: typeof route.module.default === 'function',
      }
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern))
}

/** `/staff/shifts/7/qr` from `staff/shifts/:id/qr` and `{ id: 7 }`; values go in as given (URL-ready); fails on a missing one. */
export function fill(pattern: string, values: Record<string, string | number>): string {
  return (
    '/' +
    pattern.replace(/:(\w+)/g, (_, name: string) => {
      const value = values[name]
      if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`)
      return String(value)
    })
  )
}
