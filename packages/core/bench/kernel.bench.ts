/**
 * Kernel benchmark: posting line totals (quantity × unit price, exact, rounded once) and hashing
 * audit entries, the two operations every command repeats.
 */
import { BigDecimal, Effect, Result } from "effect"
import * as Json from "../src/kernel/Json.ts"
import * as Q from "../src/kernel/Quantity.ts"
import * as UP from "../src/kernel/UnitPrice.ts"

const time = (label: string, n: number, f: () => void) => {
  const start = performance.now()
  f()
  const ms = performance.now() - start
  console.log(`${label}: ${n.toLocaleString("en")} in ${ms.toFixed(0)} ms — ${Math.round(n / (ms / 1000)).toLocaleString("en")}/s`)
}

const n = 200_000
const prices = Array.from({ length: 100 }, (_, i) => UP.of(BigDecimal.make(BigInt(199 + i * 7), 2), i % 2 === 0 ? "kg" : "jin"))
const qty = Array.from({ length: 100 }, (_, i) => Q.of(BigDecimal.make(BigInt(1250 + i * 13), 3), i % 3 === 0 ? "jin" : "kg"))
let total = 0
time("line totals (UnitPrice.total, mixed 斤/kg)", n, () => {
  for (let i = 0; i < n; i++) {
    const r = UP.total(prices[i % 100]!, qty[(i * 7) % 100]!)
    if (Result.isSuccess(r)) total += r.success.amount
  }
})
console.log(`  (checksum ${total})`)

const entry = { schoolId: "school-1", writer: "main", seq: 1, at: "2026-03-15T03:45:00.000Z", actor: "staff-1", command: "canteen.acceptDelivery", input: { lines: Array.from({ length: 10 }, (_, i) => ({ qty: { value: "12.5", unit: "jin" }, price: { amount: "3.5", currency: "CNY", per: "jin" }, i })) }, changes: [], prev: "0".repeat(64) }
const m = 20_000
const start = performance.now()
await Effect.runPromise(Effect.forEach(Array.from({ length: m }), () => Json.hashCanonical(entry), { discard: true }))
const ms = performance.now() - start
console.log(`audit hashes (canonical JSON + SHA-256, ~1 KB entries): ${m.toLocaleString("en")} in ${ms.toFixed(0)} ms — ${Math.round(m / (ms / 1000)).toLocaleString("en")}/s`)

// a bulk command's rows: the canonical JSON its audit entry hashes (count and hash, not the rows)
const rows = Array.from({ length: 100_000 }, (_, i) => ({
  schoolId: "school-1",
  id: `reading-${String(i).padStart(7, "0")}`,
  version: 1,
  fridgeId: `fridge-${i % 7}`,
  at: "2026-03-15T03:45:00.000Z",
  celsius: 3.5 + (i % 10) / 10,
  quantity: { value: "12.5", unit: "kg" },
  recordedBy: "staff-1"
}))
let bytes = 0
time("canonical JSON of bulk rows (8 fields, one nested)", rows.length, () => {
  bytes = Result.getOrThrow(Json.canonicalize(rows)).length
})
console.log(`  (${bytes.toLocaleString("en")} characters)`)
