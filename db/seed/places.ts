/** Partner organisations, sites (with the 2021 reading points) and programmes. */
import { add, type Plan } from './plan'
import { LIBRARY_SITES, PARTNERS, PROGRAMMES, READING_POINTS, type PartnerSeed, type SiteSeed } from './library-2021'
import type { SiteKind } from '../schema'
import { shanghaiInstant } from './time'

export interface Places {
  /** Local ids by name. */
  partner: Map<string, number>
  site: Map<string, number>
  programme: Map<string, number>
  partnerSeeds: Map<string, PartnerSeed>
  siteSeeds: Map<string, SiteSeed>
}

/** Adds partners, sites and programmes; all of them existed before 2021's work began or opened during it. */
export function planPlaces(plan: Plan): Places {
  const places: Places = {
    partner: new Map(),
    site: new Map(),
    programme: new Map(),
    partnerSeeds: new Map(),
    siteSeeds: new Map(),
  }

  for (const p of PARTNERS) {
    // A partner is on file from its agreement, or from the start of 2021's work with it.
    const since = p.agreementSignedOn ?? '2021-01-08'
    const at = shanghaiInstant(since, '10:00')
    const id = add(plan, 'partner_organisation', {
      name: p.name,
      kind: p.kind,
      address: p.address,
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      agreement_signed_on: p.agreementSignedOn ?? null,
      // Co-building agreements run three school years.
      agreement_ends_on: p.agreementSignedOn
        ? `${Number(p.agreementSignedOn.slice(0, 4)) + 3}${p.agreementSignedOn.slice(4)}`
        : null,
      region: regionOf(p.address),
      notes: p.notes ?? null,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    places.partner.set(p.name, id)
    places.partnerSeeds.set(p.name, p)
  }

  for (const s of [...LIBRARY_SITES, ...READING_POINTS]) {
    const at = shanghaiInstant(s.openedOn, '09:00')
    const host = s.host ? places.partner.get(s.host) : undefined
    if (s.host && host === undefined) throw new Error(`seed: reading point ${s.name} has no host ${s.host}`)
    const id = add(plan, 'site', {
      name: s.name,
      kind: s.kind,
      address: s.address,
      partner_organisation_id: host ?? null,
      opened_on: s.openedOn,
      opening_hours: OPENING_HOURS[s.kind],
      active: 1,
      created_at: at,
      updated_at: at,
    })
    places.site.set(s.name, id)
    places.siteSeeds.set(s.name, s)
  }

  const createdAt = shanghaiInstant('2021-01-04', '09:00')
  for (const p of PROGRAMMES) {
    const parent = p.parent ? places.programme.get(p.parent) : undefined
    if (p.parent && parent === undefined) throw new Error(`seed: programme ${p.name} before its brand ${p.parent}`)
    const id = add(plan, 'programme', {
      name: p.name,
      kind: p.parent ? 'project' : 'brand',
      parent_programme_id: parent ?? null,
      description: p.description,
      colour: p.colour,
      active: 1,
      created_at: createdAt,
      updated_at: createdAt,
    })
    places.programme.set(p.name, id)
  }
  return places
}

const OPENING_HOURS: Record<SiteKind, string> = {
  main_library: '周二至周日 9:00–20:30，周一闭馆',
  branch: '周二至周日 9:00–17:00',
  book_room: '每日 9:00–21:00',
  reading_point: '随所在单位作息开放',
}

/** The street or town of an address (徐州市鼓楼区九里街道 → 九里街道), else its district, else the whole address. */
function regionOf(address: string): string {
  const local = address.replace(/^徐州市/, '')
  return /[区县](.+?(街道|镇))/.exec(local)?.[1] ?? /^.+?[区县]/.exec(local)?.[0] ?? address
}

export function requireId(map: Map<string, number>, name: string): number {
  const id = map.get(name)
  if (id === undefined) throw new Error(`seed: unknown name ${name}`)
  return id
}
