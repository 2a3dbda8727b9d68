import { createDatabase } from '../db/connect'
import { activitiesSection } from '../app/domain/reports/activities.server'
import { outreachSection } from '../app/domain/reports/outreach.server'
import { volunteersSection } from '../app/domain/reports/volunteers.server'
import { partnersSection } from '../app/domain/reports/partners.server'
import { buildReport } from '../app/domain/reports/report.server'
import { wholeYear } from '../app/domain/reports/model'
const database = createDatabase(process.argv[2]!)
const scope = wholeYear(Number(process.argv[3] ?? 2026))
for (let k = 0; k < 2; k++) {
  for (const [name, f] of [['activities', activitiesSection], ['outreach', outreachSection], ['volunteers', volunteersSection], ['partners', partnersSection]] as const) {
    const t = performance.now(); await f(database.db, scope); console.log(name, (performance.now() - t).toFixed(1))
  }
  const t = performance.now(); await buildReport(database.db, scope, new Date()); console.log('all', (performance.now() - t).toFixed(1))
}
await database.close()
