/**
 * The main job: runs every example against the built packages.
 */
import { auditLogExample } from "./audit-log.ts"
import { canteenDayExample } from "./canteen-day.ts"
import { retentionExample } from "./retention.ts"
import { assetsExample } from "./assets.ts"
import { growthExample } from "./growth.ts"
import { approvalsExample } from "./approvals.ts"
import { retentionRegisterExample } from "./retention-register.ts"
import { canteenPublicationsExample } from "./canteen-publications.ts"

const section = (title: string) => console.log(`\n── ${title}`)

section("Audit log: record, publish the head, verify")
await auditLogExample()

section("Canteen: a school lunch for 400 students, from delivery to the month's settlement")
await canteenDayExample()

section("Food samples: a week of samples and fridge readings, findings, schedule, register")
await retentionExample()

section("Assets: a ¥6,000 computer's depreciation, transfer, loan and stocktake")
await assetsExample()

section("Health: WHO z-scores, WS/T screening of a class, morning checks and an outbreak")
await growthExample()

section("Approvals: the ¥1,000 kindergarten rule, a request through the workflow, a ¥1,000 vs ¥5,000 simulation")
await approvalsExample()

section("Reports: the retention register (留样记录表) in CSV, XLSX, HTML and SVG")
await retentionRegisterExample()

section("Reports: the canteen's daily purchase publication and monthly settlement publication")
await canteenPublicationsExample()
