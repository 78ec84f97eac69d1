/**
 * A user's program, type-checked against the BUILT packages (dist/types), as a project that
 * installed them from the registry sees them: no source condition, full checking of the shipped
 * declarations (skipLibCheck off). Run by scripts/check-packages.ts after `pnpm build`.
 */
import { createHouqin, Money, People, Quantity, UnitPrice } from "@houqin/core"
import * as Assets from "@houqin/core/assets"
import * as Canteen from "@houqin/core/canteen"
import * as Health from "@houqin/core/health"
import * as Retention from "@houqin/core/retention"
import { Arbitraries, suite } from "@houqin/core/testing"
import { Schema } from "effect"

// schema values inside namespaces survive the declarations (People.Organisation is a value)
const encodeOrganisation = Schema.encodeSync(People.Organisation)
const decodePublication = Schema.decodeUnknownSync(Canteen.Publication.DailyPublication)
export const checks = [encodeOrganisation, decodePublication, Arbitraries.money, suite, Retention.earliestDisposalAt, Assets, Health]

// the dimension is in the type: adding grams to millilitres does not compile for users either
const g = Quantity.of(Money.toMajor({ amount: 100, currency: "CNY" }), "g")
const ml = Quantity.of(Money.toMajor({ amount: 100, currency: "CNY" }), "ml")
// @ts-expect-error — a mass cannot be added to a volume
Quantity.add(g, ml)
export const price = UnitPrice.total(UnitPrice.of(g.value, "kg"), g)

export const houqin = createHouqin()

// the other packages' entry points resolve with their types
export * as Reports from "@houqin/reports"
export * as Sql from "@houqin/adapter-sql"
export * as IndexedDb from "@houqin/adapter-indexeddb"
export * as IndexedDbSync from "@houqin/adapter-indexeddb/sync"
