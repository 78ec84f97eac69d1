import { BigDecimal, Option, Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import type { StockOp } from "../testing/canteen.ts"
import { stockOp } from "../testing/canteen.ts"
import type { Lot } from "./model.ts"
import * as Stock from "./stock.ts"
import type { ValuationStrategy } from "./valuation.ts"
import { averageValue, fefo, fifo, movingAverage, proportional } from "./valuation.ts"

const strategies: ReadonlyArray<ValuationStrategy> = [fifo, fefo, movingAverage]
const dec = (text: string): Decimal => Option.getOrThrow(D.parse(text))
const start = "2026-03-02" as LocalDate

interface Ledger {
  receivedQ: Decimal
  receivedV: number
  outQ: Decimal
  outV: number
  stocktakeQ: Decimal
  stocktakeV: number
}

/**
 * An operation as it is entered: `late` days before the day the ledger has reached (an issue dated
 * 3 March entered after the receipt of 5 March), or on it.
 */
interface Entry {
  readonly op: StockOp
  readonly late: number
}

interface Step {
  readonly op: StockOp
  readonly date: LocalDate
  readonly before: ReadonlyArray<Lot>
  readonly after: ReadonlyArray<Lot>
  readonly change?: Stock.StockChange
  readonly requested?: Decimal
  readonly refused?: boolean
}

const sumQ = (lots: ReadonlyArray<Lot>) => lots.reduce((a, l) => BigDecimal.sum(a, l.remaining), D.fromInt(0))
const sumV = (lots: ReadonlyArray<Lot>) => lots.reduce((a, l) => a + l.remainingValue.amount, 0)
const frac = (q: Decimal, permille: number) => BigDecimal.normalize(D.round(BigDecimal.multiply(q, BigDecimal.make(BigInt(permille), 3)), 3, "half-from-zero"))

/** the lots in stock on a date: open, and received by then */
const inStockOn = (lots: ReadonlyArray<Lot>, date: LocalDate) => lots.filter((l) => l.open && l.receivedOn <= date)

/** runs operations on one ingredient's lots with a strategy, recording every step and the expected totals */
const run = (strategy: ValuationStrategy, entries: ReadonlyArray<Entry>) => {
  let lots: Array<Lot> = []
  let day = 0
  let n = 0
  const ledger: Ledger = { receivedQ: D.fromInt(0), receivedV: 0, outQ: D.fromInt(0), outV: 0, stocktakeQ: D.fromInt(0), stocktakeV: 0 }
  const steps: Array<Step> = []
  const replace = (changed: ReadonlyArray<Lot>) => {
    const byId = new Map(changed.map((l) => [l.id as string, l]))
    lots = [...lots.map((l) => byId.get(l.id) ?? l), ...changed.filter((l) => !lots.some((x) => x.id === l.id))]
  }
  const open = () => lots.filter((l) => l.open)
  const out = (change: Stock.StockChange) => {
    ledger.outQ = BigDecimal.sum(ledger.outQ, change.quantity)
    ledger.outV += change.value
  }
  for (const { op, late } of entries) {
    const date = LD.addDays(start, day - late)
    const before = lots
    const operation = `op-${++n}`
    const newLot = (quantity: Decimal, value: number, source: Lot["source"], bestBefore?: LocalDate) =>
      Stock.makeLot({ schoolId: "s", id: `lot-${String(n).padStart(4, "0")}`, ingredientId: "rice", source, receivedOn: date, bestBefore, unit: "kg", currency: "CNY", quantity, value, operation })
    switch (op._tag) {
      case "nextDay":
        day += op.days
        steps.push({ op, date, before, after: lots })
        continue
      case "receive": {
        const lot = newLot(op.quantity, op.value, "delivery", op.shelfDays === undefined ? undefined : LD.addDays(date, op.shelfDays))
        const change = Stock.arrive(strategy, open(), lot)
        replace(change.lots)
        ledger.receivedQ = BigDecimal.sum(ledger.receivedQ, op.quantity)
        ledger.receivedV += op.value
        steps.push({ op, date, before, after: lots, change })
        continue
      }
      case "issue":
      case "spoil": {
        const r = Stock.take(strategy, open(), op.quantity, { kind: op._tag === "issue" ? "issue" : "spoilage", date, operation })
        if (Result.isSuccess(r)) {
          replace(r.success.lots)
          out(r.success)
        }
        steps.push({ op, date, before, after: lots, requested: op.quantity, refused: Result.isFailure(r), ...(Result.isSuccess(r) ? { change: r.success } : {}) })
        continue
      }
      case "spoilLot":
      case "returnLot": {
        const candidates = inStockOn(lots, date)
        if (candidates.length === 0) {
          steps.push({ op, date, before, after: lots })
          continue
        }
        const lot = candidates[op.pick % candidates.length]!
        const q = frac(lot.remaining, op.fraction)
        if (q.value === 0n) continue
        const r = Stock.takeFrom(strategy, candidates, lot.id, q, { kind: op._tag === "spoilLot" ? "spoilage" : "return", date, operation })
        assert.isTrue(Result.isSuccess(r), "taking part of a lot that holds it never fails")
        if (Result.isSuccess(r)) {
          replace(r.success.lots)
          out(r.success)
          steps.push({ op, date, before, after: lots, requested: q, change: r.success })
        }
        continue
      }
      case "stocktake": {
        if (op.surplus) {
          const value = averageValue(inStockOn(lots, date).map(Stock.balance), op.delta) ?? proportional(1000, op.delta, D.fromInt(1))
          const change = Stock.arrive(strategy, open(), newLot(op.delta, value, "surplus"))
          replace(change.lots)
          ledger.stocktakeQ = BigDecimal.sum(ledger.stocktakeQ, op.delta)
          ledger.stocktakeV += value
          steps.push({ op, date, before, after: lots, change })
        } else {
          const r = Stock.take(strategy, open(), op.delta, { kind: "stocktake", date, operation })
          if (Result.isSuccess(r)) {
            replace(r.success.lots)
            ledger.stocktakeQ = BigDecimal.subtract(ledger.stocktakeQ, r.success.quantity)
            ledger.stocktakeV -= r.success.value
          }
          steps.push({ op, date, before, after: lots, requested: op.delta, refused: Result.isFailure(r), ...(Result.isSuccess(r) ? { change: r.success } : {}) })
        }
        continue
      }
    }
  }
  return { lots, ledger, steps }
}

/** operations entered in date order */
const ops = fc.array(stockOp.map((op): Entry => ({ op, late: 0 })), { minLength: 1, maxLength: 60 })
/** operations of which some are entered late: dated up to 4 days before the day the ledger has reached */
const lateOps = fc.array(
  fc.record({ op: stockOp, late: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }) }),
  { minLength: 1, maxLength: 60 }
)
const params = { numRuns: 150 }

describe.each(strategies)("valuation strategy $name", (strategy) => {
  it("conserves stock: received − issued − spoiled − returned ± stocktake = on hand, in quantity and in money (operations entered in any date order)", () => {
    fc.assert(fc.property(lateOps, (list) => {
      const { lots, ledger } = run(strategy, list)
      const expectedQ = BigDecimal.sum(BigDecimal.subtract(ledger.receivedQ, ledger.outQ), ledger.stocktakeQ)
      assert.isTrue(BigDecimal.equals(sumQ(lots), expectedQ), `quantity ${D.format(sumQ(lots))} ≠ ${D.format(expectedQ)}`)
      assert.strictEqual(sumV(lots), ledger.receivedV - ledger.outV + ledger.stocktakeV)
    }), params)
  })

  it("keeps every lot's balance the sum of its movements, never negative, and an empty lot holds no money (operations entered in any date order)", () => {
    fc.assert(fc.property(lateOps, (list) => {
      const { lots } = run(strategy, list)
      for (const l of lots) assert.isTrue(Stock.isConsistent(l), `lot ${l.id}: ${D.format(l.remaining)} kg, ${l.remainingValue.amount} fen`)
    }), params)
  })

  it("takes exactly the quantity asked for, and refuses only when less is on hand on its date", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(strategy, list).steps) {
        if (s.requested === undefined) continue
        const inStock = inStockOn(s.before, s.date).map(Stock.balance)
        const eligible = s.op._tag === "issue" ? inStock.filter(Stock.issuableOn(s.date)) : inStock
        const available = eligible.reduce((a, l) => BigDecimal.sum(a, l.quantity), D.fromInt(0))
        if (s.refused === true) assert.isTrue(BigDecimal.isLessThan(available, s.requested), "refused although enough was on hand")
        else assert.isTrue(BigDecimal.equals(s.change!.quantity, s.requested), "took another quantity than asked")
      }
    }), params)
  })

  it("moves value between lots only in revaluations that sum to zero", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(strategy, list).steps) {
        const revaluations = s.after.flatMap((l) => l.movements.filter((m) => m.kind === "revaluation" && !s.before.some((b) => b.id === l.id && b.movements.length >= m.seq)))
        assert.strictEqual(revaluations.reduce((a, m) => a + m.value.amount, 0), 0)
        if (strategy.name !== "movingAverage") assert.strictEqual(revaluations.length, 0, "FIFO and FEFO never revalue")
      }
    }), params)
  })

  it("never issues a lot received later than the issue or past its best-before", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(strategy, list).steps) {
        if (s.op._tag !== "issue" || s.change === undefined) continue
        for (const d of s.change.draws) {
          const lot = s.before.find((l) => l.id === d.lotId)!
          assert.isTrue(Stock.issuableOn(s.date)(Stock.balance(lot)), `lot ${lot.id} was not issuable on ${s.date}`)
        }
      }
    }), params)
  })

  it("sees only the stock of its date: an operation entered late leaves the lots received after its date untouched", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(strategy, list).steps) {
        if (s.change === undefined) continue
        for (const l of s.before.filter((b) => b.receivedOn > s.date)) {
          assert.deepStrictEqual(s.after.find((a) => a.id === l.id), l, `lot ${l.id} received ${l.receivedOn} changed by an operation of ${s.date}`)
        }
      }
    }), params)
  })

  it("credits a purchase return at what was paid for that lot: within a fen of its own unit cost × quantity, unless the stock left holds less", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(strategy, list).steps) {
        if (s.op._tag !== "returnLot" || s.change === undefined) continue
        const lotId = s.change.draws[0]!.lotId
        const lot = s.before.find((l) => l.id === lotId)!
        const q = s.change.quantity
        const pool = inStockOn(s.before, s.date)
        const held = sumV(pool)
        // |credit − V₀ × q ÷ Q₀| < 1 ⇔ |credit × Q₀ − V₀ × q| < Q₀
        const gap = BigDecimal.abs(BigDecimal.subtract(BigDecimal.multiply(D.fromInt(s.change.value), lot.quantity), BigDecimal.multiply(D.fromInt(lot.value.amount), q)))
        const withinAFen = BigDecimal.isLessThan(gap, lot.quantity)
        if (strategy.name === "movingAverage") {
          // the lot's own cost, unless the stock left holds less: then what it holds, and all of it
          // when the return empties the stock (no value stays on no stock)
          if (BigDecimal.equals(q, sumQ(pool))) assert.strictEqual(s.change.value, held)
          else assert.isTrue(s.change.value <= held && (withinAFen || s.change.value === held), `returned ${D.format(q)} of ${D.format(lot.quantity)} bought for ${lot.value.amount}: credited ${s.change.value}`)
        } else {
          // FIFO and FEFO keep each lot at its own cost: the return takes its share of what is left of
          // that lot, and no other lot changes
          assert.strictEqual(s.change.value, proportional(lot.remainingValue.amount, q, lot.remaining))
          for (const other of s.before.filter((l) => l.id !== lotId)) assert.deepStrictEqual(s.after.find((a) => a.id === other.id), other)
        }
      }
    }), params)
  })
})

describe("valuation strategy order", () => {
  it("FIFO draws the oldest receipts first: every eligible lot before the last one drawn is emptied", () => {
    fc.assert(fc.property(ops, (list) => {
      for (const s of run(fifo, list).steps) {
        if (s.op._tag !== "issue" || s.change === undefined || s.change.draws.length === 0) continue
        const eligible = s.before.filter((l) => l.open).map(Stock.balance).filter(Stock.issuableOn(s.date)).sort(fifo.order)
        const lastDrawn = eligible.findIndex((l) => l.id === s.change!.draws.at(-1)!.lotId)
        for (const l of eligible.slice(0, lastDrawn)) {
          const after = s.after.find((x) => x.id === l.id)!
          assert.strictEqual(after.remaining.value, 0n, `lot ${l.id} received ${l.receivedOn} was skipped`)
        }
      }
    }), params)
  })

  it("FEFO draws the earliest best-before first", () => {
    fc.assert(fc.property(ops, (list) => {
      for (const s of run(fefo, list).steps) {
        if (s.op._tag !== "issue" || s.change === undefined || s.change.draws.length === 0) continue
        const eligible = s.before.filter((l) => l.open).map(Stock.balance).filter(Stock.issuableOn(s.date)).sort(fefo.order)
        const lastDrawn = eligible.findIndex((l) => l.id === s.change!.draws.at(-1)!.lotId)
        for (const l of eligible.slice(0, lastDrawn)) {
          assert.strictEqual(s.after.find((x) => x.id === l.id)!.remaining.value, 0n, `lot ${l.id} (best before ${l.bestBefore}) was skipped`)
        }
      }
    }), params)
  })

  it("moving average holds the pool's value on the lots as its largest-remainder spread by quantity", () => {
    fc.assert(fc.property(ops, (list) => {
      for (const s of run(movingAverage, list).steps) {
        const open = s.after.filter((l) => l.open).map(Stock.balance).sort(movingAverage.order)
        if (open.length === 0) continue
        const V = open.reduce((a, l) => a + l.value, 0)
        const spread = Result.getOrThrow(M.allocate({ amount: V, currency: "CNY" }, open.map((l) => l.quantity)))
        assert.deepStrictEqual(open.map((l) => l.value), spread.map((m) => m.amount))
      }
    }), params)
  })

  it("moving average, operations entered late: after each operation, the lots received by its date hold their value as its spread by quantity", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(movingAverage, list).steps) {
        if (s.change === undefined) continue
        const open = inStockOn(s.after, s.date).map(Stock.balance).sort(movingAverage.order)
        if (open.length === 0) continue
        const V = open.reduce((a, l) => a + l.value, 0)
        const spread = Result.getOrThrow(M.allocate({ amount: V, currency: "CNY" }, open.map((l) => l.quantity)))
        assert.deepStrictEqual(open.map((l) => l.value), spread.map((m) => m.amount))
      }
    }), params)
  })

  it("moving average charges an issue V × q ÷ Q of the pool, half-up", () => {
    fc.assert(fc.property(ops, (list) => {
      for (const s of run(movingAverage, list).steps) {
        if (s.op._tag !== "issue" || s.change === undefined) continue
        const pool = s.before.filter((l) => l.open)
        assert.strictEqual(s.change.value, proportional(sumV(pool), s.requested!, sumQ(pool)))
      }
    }), params)
  })

  it("moving average charges an issue entered late the average of the lots received by its date, as they stood on it (V × q ÷ Q on that date), at most what they hold now", () => {
    fc.assert(fc.property(lateOps, (list) => {
      for (const s of run(movingAverage, list).steps) {
        if (s.op._tag !== "issue" || s.change === undefined) continue
        const pool = inStockOn(s.before, s.date)
        const held = sumV(pool)
        // the pool on the issue's date: the lots' movements dated on or before it
        const then = pool.map((l) => Stock.balanceAt(l, s.date))
        const V = then.reduce((a, b) => a + b.value.amount, 0)
        const Q = then.reduce((a, b) => BigDecimal.sum(a, b.quantity), D.fromInt(0))
        const expected = BigDecimal.equals(s.requested!, sumQ(pool)) ? held : Math.min(Math.max(proportional(V, s.requested!, Q), 0), held)
        assert.strictEqual(s.change.value, expected)
      }
    }), params)
  })
})

describe("valuation examples", () => {
  const lot = (id: string, receivedOn: string, quantity: string, value: number, bestBefore?: string) =>
    Stock.makeLot({
      schoolId: "s",
      id,
      ingredientId: "pork",
      source: "delivery",
      receivedOn: receivedOn as LocalDate,
      bestBefore: bestBefore as LocalDate | undefined,
      unit: "kg",
      currency: "CNY",
      quantity: dec(quantity),
      value,
      operation: id
    })
  // lot A: 10 kg for ¥260.00 (¥26/kg), received 1 March; lot B: 10 kg for ¥300.00 (¥30/kg), 2 March,
  // best before 5 March (A has none)
  const a = lot("lot-a", "2026-03-01", "10", 26000)
  const b = lot("lot-b", "2026-03-02", "10", 30000, "2026-03-05")
  const issue = (s: ValuationStrategy, q: string) =>
    Result.getOrThrow(Stock.take(s, [a, b], dec(q), { kind: "issue", date: "2026-03-03" as LocalDate, operation: "x" }))

  it("FIFO: 12 kg = all of A (¥260.00) + 2 kg of B (30000 × 2 ÷ 10 = 6000 fen) = 32000 fen", () => {
    const c = issue(fifo, "12")
    assert.deepStrictEqual(c.draws.map((d) => [d.lotId, D.format(d.quantity), d.value]), [["lot-a", "10", 26000], ["lot-b", "2", 6000]])
    assert.strictEqual(c.value, 32000)
  })

  it("FEFO: 12 kg = all of B, which expires first (¥300.00) + 2 kg of A (26000 × 2 ÷ 10 = 5200 fen) = 35200 fen", () => {
    const c = issue(fefo, "12")
    assert.deepStrictEqual(c.draws.map((d) => [d.lotId, D.format(d.quantity), d.value]), [["lot-b", "10", 30000], ["lot-a", "2", 5200]])
    assert.strictEqual(c.value, 35200)
  })

  it("moving average: 12 kg of a 20 kg pool worth 56000 fen costs 56000 × 12 ÷ 20 = 33600 fen; the 22400 fen left stay on the 8 kg left", () => {
    const c = issue(movingAverage, "12")
    assert.strictEqual(c.value, 33600)
    const after = c.lots.filter((l) => l.open)
    // what is left: A 8 kg, B 0 kg → all 22400 fen on A (¥28/kg × 8 kg)
    assert.deepStrictEqual(after.map((l) => [l.id, D.format(l.remaining), l.remainingValue.amount]), [["lot-a", "8", 22400]])
  })

  describe("moving average: lot A 10 kg for ¥20.00 (¥2/kg) received 1 March, lot B 10 kg for ¥40.00 (¥4/kg) received 5 March", () => {
    const lotA = lot("lot-a", "2026-03-01", "10", 2000)
    const lotB = lot("lot-b", "2026-03-05", "10", 4000)
    // B's arrival spreads the pool again: 6000 fen over 20 kg → A 3000, B 3000 (¥3/kg)
    const pool = Stock.arrive(movingAverage, [lotA], lotB).lots
    const held = (lots: ReadonlyArray<Lot>) => lots.map((l) => [l.id, D.format(l.remaining), l.remainingValue.amount])

    it("the pool after B: A and B each hold 3000 fen", () => {
      assert.deepStrictEqual(held(pool).sort(), [["lot-a", "10", 3000], ["lot-b", "10", 3000]])
    })

    it("a return of 5 kg of B to its supplier is credited what was paid for it, 4000 × 5 ÷ 10 = 2000 fen (not the average, 6000 × 5 ÷ 20 = 1500); the 4000 fen left are spread over 15 kg", () => {
      const r = Result.getOrThrow(Stock.takeFrom(movingAverage, pool, "lot-b", dec("5"), { kind: "return", date: "2026-03-06" as LocalDate, operation: "ret" }))
      assert.strictEqual(r.value, 2000)
      // 6000 − 2000 = 4000 fen on A 10 kg + B 5 kg: 4000 × 10 ÷ 15 = 2666.67 → 2667, 4000 × 5 ÷ 15 = 1333.33 → 1333
      const after = pool.map((l) => r.lots.find((x) => x.id === l.id) ?? l)
      assert.deepStrictEqual(held(after).sort(), [["lot-a", "10", 2667], ["lot-b", "5", 1333]])
      // the new average: the next 3 kg cost 4000 × 3 ÷ 15 = 800 fen
      const next = Result.getOrThrow(Stock.take(movingAverage, after, dec("3"), { kind: "issue", date: "2026-03-07" as LocalDate, operation: "i" }))
      assert.strictEqual(next.value, 800)
      // the rest of B goes back too: 4000 × 10 ÷ 10 − 2000 = the other 2000 fen, whatever the average
      const rest = Result.getOrThrow(Stock.takeFrom(movingAverage, after, "lot-b", dec("5"), { kind: "return", date: "2026-03-06" as LocalDate, operation: "ret2" }))
      assert.strictEqual(rest.value, 2000)
    })

    it("FIFO and FEFO already keep each lot at its own cost: the same return takes 4000 × 5 ÷ 10 = 2000 fen from B and leaves A alone", () => {
      for (const s of [fifo, fefo]) {
        const lots = Stock.arrive(s, [lotA], lotB).lots
        const r = Result.getOrThrow(Stock.takeFrom(s, lots, "lot-b", dec("5"), { kind: "return", date: "2026-03-06" as LocalDate, operation: "ret" }))
        assert.strictEqual(r.value, 2000, s.name)
        assert.deepStrictEqual(r.lots.map((l) => l.id), ["lot-b"], s.name)
      }
    })

    it("an issue of 5 kg dated 3 March, entered after B's receipt of 5 March, costs A's average on 3 March: 2000 × 5 ÷ 10 = 1000 fen (not 6000 × 5 ÷ 20 = 1500)", () => {
      const r = Result.getOrThrow(Stock.take(movingAverage, pool, dec("5"), { kind: "issue", date: "2026-03-03" as LocalDate, operation: "late" }))
      assert.strictEqual(r.value, 1000)
      assert.deepStrictEqual(r.draws.map((d) => d.lotId), ["lot-a"])
      // B, received after the issue's date, is not touched: no movement dated before it arrived
      assert.deepStrictEqual(r.lots.map((l) => l.id), ["lot-a"])
      // A: 3000 − 1000 = 2000 fen on its 5 kg; in stock now 15 kg worth 2000 + 3000 = 5000 fen
      // (the ¥10.00 taken off lot A plus B's ¥40.00 — what is left of ¥60.00 less the ¥10.00 issued)
      const after = pool.map((l) => r.lots.find((x) => x.id === l.id) ?? l)
      assert.deepStrictEqual(held(after).sort(), [["lot-a", "5", 2000], ["lot-b", "10", 3000]])
      // an issue of 3 kg on 6 March: 5000 × 3 ÷ 15 = 1000 fen
      assert.strictEqual(Result.getOrThrow(Stock.take(movingAverage, after, dec("3"), { kind: "issue", date: "2026-03-06" as LocalDate, operation: "i" })).value, 1000)
    })

    it("entered late after operations dated later drew on the same lot: at the average of its date, and all the lot holds when it takes the rest", () => {
      // 6 kg issued on 6 March: A first (neither has a best-before; A was received first), at
      // 6000 × 6 ÷ 20 = 1800 fen; the 4200 fen left are spread: A 4200 × 4 ÷ 14 = 1200, B 3000
      const issued = Result.getOrThrow(Stock.take(movingAverage, pool, dec("6"), { kind: "issue", date: "2026-03-06" as LocalDate, operation: "i" }))
      assert.strictEqual(issued.value, 1800)
      const after = pool.map((l) => issued.lots.find((x) => x.id === l.id) ?? l)
      assert.deepStrictEqual(held(after).sort(), [["lot-a", "4", 1200], ["lot-b", "10", 3000]])
      const late = (q: string) => Result.getOrThrow(Stock.take(movingAverage, after, dec(q), { kind: "issue", date: "2026-03-03" as LocalDate, operation: "late" }))
      // 2 kg dated 3 March: A on 3 March held 10 kg for 2000 fen → 2000 × 2 ÷ 10 = 400 fen
      assert.strictEqual(late("2").value, 400)
      // all 4 kg A has left: the 1200 fen it holds (not 2000 × 4 ÷ 10 = 800, which would leave 400
      // fen on no stock) — the 6 March issue is not costed again
      assert.strictEqual(late("4").value, 1200)
    })
  })

  it("three issues of a 10 kg lot worth ¥100.00 take 3333 + 3333 + 3334 fen: the last takes what is left", () => {
    const l = lot("lot-c", "2026-03-01", "10", 10000)
    const q = dec("3.333")
    const ctx = { kind: "issue" as const, date: "2026-03-01" as LocalDate, operation: "x" }
    const first = Result.getOrThrow(Stock.take(fifo, [l], q, ctx))
    // 10000 × 3.333 ÷ 10 = 3333 fen
    assert.strictEqual(first.value, 3333)
    const second = Result.getOrThrow(Stock.take(fifo, first.lots, q, ctx))
    // 6667 × 3.333 ÷ 6.667 = 3332.9997… → 3333 fen
    assert.strictEqual(second.value, 3333)
    const rest = Result.getOrThrow(Stock.take(fifo, second.lots, dec("3.334"), ctx))
    // the last 3.334 kg take the 3334 fen left: 3333 + 3333 + 3334 = 10000
    assert.strictEqual(rest.value, 3334)
    assert.deepStrictEqual(rest.lots[0]!.remainingValue, { amount: 0, currency: "CNY" })
    assert.isFalse(rest.lots[0]!.open)
  })
})
