/** Every migration, in order. Append-only; `npm run db:new-migration -- name` adds to it. */
import type { Migration } from './helpers'
import * as m20261125T0600 from './20261125T0600_create_core_tables'
import * as m20261125T0700 from './20261125T0700_create_auth_tables'
import * as m20261128T0800 from './20261128T0800_add_shift_operations'
import * as m20261201T2200 from './20261201T2200_backfill_check_in_secrets'
import * as m20261201T2209 from './20261201T2209_create_certificates'
import * as m20261201T2230 from './20261201T2230_add_report_tables'
import * as m20261201T2300 from './20261201T2300_add_reference_and_outcomes'
import * as m20261202T0900 from './20261202T0900_add_partner_portal'
import * as m20261203T0900 from './20261203T0900_add_visit_teams'
import * as m20261203T1100 from './20261203T1100_add_report_indexes'
import * as m20261204T0900 from './20261204T0900_add_report_tallies'

export const migrations: Migration[] = [
  { name: '20261125T0600_create_core_tables', up: m20261125T0600.up },
  { name: '20261125T0700_create_auth_tables', up: m20261125T0700.up },
  { name: '20261128T0800_add_shift_operations', up: m20261128T0800.up },
  { name: '20261201T2200_backfill_check_in_secrets', up: m20261201T2200.up },
  { name: '20261201T2209_create_certificates', up: m20261201T2209.up },
  { name: '20261201T2230_add_report_tables', up: m20261201T2230.up },
  { name: '20261201T2300_add_reference_and_outcomes', up: m20261201T2300.up },
  { name: '20261202T0900_add_partner_portal', up: m20261202T0900.up },
  { name: '20261203T0900_add_visit_teams', up: m20261203T0900.up },
  { name: '20261203T1100_add_report_indexes', up: m20261203T1100.up },
  { name: '20261204T0900_add_report_tallies', up: m20261204T0900.up },
]
