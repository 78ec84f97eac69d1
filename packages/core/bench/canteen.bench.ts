/**
 * Canteen benchmark: cost months of a 2,000-student boarding school — 3 meals a day on 22 school
 * days a month, 12 dishes from 40 ingredients a day; daily deliveries of fresh food (斤 and kg,
 * milk by the box of 24), weekly deliveries of staples, each topping stock up to 105% of what the
 * days need; lots past their best-before written off as spoilage each morning; every meal costed
 * before service from stock, issued by FIFO, costed after service for three diner groups; the
 * month settled from its lots, deliveries, meals and 2,000 meal-fee accounts.
 *
 * Records are the purchase lines accepted, the issue lines, the write-offs and the meals. The report gives records
 * per second for 1, 3, 6 and 12 months and the time per record against the 1-month figure, which
 * must stay within 1.5×. A second part runs one month through the commands on the memory backend
 * (storage, audit hashing and all) at the same size.
 *
 *   node --conditions=@houqin/source --expose-gc bench/canteen.bench.ts
 */
import { BigDecimal, Effect, Option, Result } from "effect"
import * as Acceptance from "../src/canteen/acceptance.ts"
import * as Commands from "../src/canteen/commands.ts"
import * as MealCost from "../src/canteen/mealCost.ts"
import type { Account, Delivery, Ingredient, Lot, Meal, PurchaseOrder, Recipe } from "../src/canteen/model.ts"
import { cn } from "../src/canteen/rules.ts"
import * as Settlement from "../src/canteen/settlement.ts"
import * as Stock from "../src/canteen/stock.ts"
import { fifo } from "../src/canteen/valuation.ts"
import * as D from "../src/kernel/Decimal.ts"
import type { LocalDate } from "../src/kernel/LocalDate.ts"
import * as LD from "../src/kernel/LocalDate.ts"
import * as T from "../src/kernel/Time.ts"
import { saveOrganisation } from "../src/ports/people.ts"
import { organisation, services } from "../src/testing/canteenFixtures.ts"

const STUDENTS = 2000
const groups = [{ id: "lower", count: 700 }, { id: "middle", count: 650 }, { id: "upper", count: 650 }]
const dec = (s: string) => Option.getOrThrow(D.parse(s))
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)

// ── the school's catalogue: 40 ingredients, 24 recipes ───────────────────────────────────────────
interface Item {
  readonly id: string
  readonly category: Ingredient["category"]
  readonly stockUnit: "kg" | "bottle" | "each"
  readonly buyUnit: "kg" | "jin" | "box" | "each"
  /** price per buy unit, fen */
  readonly price: number
  readonly fresh: boolean
}
const items: Array<Item> = [
  { id: "rice", category: "grain", stockUnit: "kg", buyUnit: "kg", price: 420, fresh: false },
  { id: "flour", category: "grain", stockUnit: "kg", buyUnit: "kg", price: 380, fresh: false },
  { id: "noodles", category: "grain", stockUnit: "kg", buyUnit: "kg", price: 560, fresh: false },
  { id: "oil", category: "oil", stockUnit: "kg", buyUnit: "kg", price: 1650, fresh: false },
  { id: "milk", category: "dairy", stockUnit: "bottle", buyUnit: "box", price: 6000, fresh: true },
  { id: "egg", category: "egg", stockUnit: "each", buyUnit: "each", price: 60, fresh: true },
  ...["pork", "beef", "chicken", "fish", "shrimp", "duck"].map((id, i): Item => ({ id, category: "meat", stockUnit: "kg", buyUnit: "jin", price: 1350 + i * 310, fresh: true })),
  ...["cabbage", "greens", "potato", "tomato", "carrot", "cucumber", "eggplant", "pepper", "celery", "spinach", "radish", "pumpkin", "broccoli", "lettuce", "mushroom", "tofu"]
    .map((id, i): Item => ({ id, category: "vegetable", stockUnit: "kg", buyUnit: i % 2 === 0 ? "jin" : "kg", price: 135 + i * 37, fresh: true })),
  ...["salt", "sugar", "soy", "vinegar", "ginger", "garlic", "scallion", "starch", "sesame", "chili", "peanut", "bean"]
    .map((id, i): Item => ({ id, category: "condiment", stockUnit: "kg", buyUnit: "kg", price: 300 + i * 90, fresh: false }))
]
const ingredients = new Map<string, Ingredient>(items.map((it) => [it.id, {
  schoolId: "bench",
  id: it.id,
  version: 1,
  name: it.id,
  category: it.category,
  stockUnit: it.stockUnit,
  conversions: it.id === "milk" ? [{ from: "box", to: "bottle", factor: D.fromInt(24) }] : [],
  storage: it.fresh && it.category !== "vegetable" ? "chilled" : "ambient",
  agricultural: it.fresh,
  hazards: [],
  tags: []
} as unknown as Ingredient]))

const recipe = (id: string, parts: ReadonlyArray<[string, string]>): Recipe => ({
  schoolId: "bench",
  id,
  version: 1,
  name: id,
  kind: "main",
  tags: [],
  hazards: [],
  items: parts.map(([ingredientId, grams]) => ({
    _tag: "ingredient",
    ingredientId,
    gross: { value: dec(grams), unit: ingredients.get(ingredientId)!.stockUnit === "kg" ? "g" : ingredients.get(ingredientId)!.stockUnit },
    yield: dec("0.9")
  }))
}) as unknown as Recipe
const vegetables = items.filter((i) => i.category === "vegetable").map((i) => i.id)
const meats = items.filter((i) => i.category === "meat").map((i) => i.id)
const condiments = items.filter((i) => i.category === "condiment").map((i) => i.id)
const recipes = new Map<string, Recipe>()
const add = (r: Recipe) => recipes.set(r.id, r)
add(recipe("rice-bowl", [["rice", "150"]]))
add(recipe("buns", [["flour", "100"], ["sugar", "5"]]))
add(recipe("noodle-soup", [["noodles", "120"], ["greens", "30"], ["salt", "2"]]))
add(recipe("milk-egg", [["milk", "1"], ["egg", "1"]]))
for (let i = 0; i < 10; i++) add(recipe(`main-${i}`, [[meats[i % meats.length]!, "70"], [vegetables[i]!, "60"], ["oil", "8"], [condiments[i % condiments.length]!, "3"]]))
for (let i = 0; i < 10; i++) add(recipe(`side-${i}`, [[vegetables[(i + 5) % vegetables.length]!, "110"], ["oil", "6"], [condiments[(i + 3) % condiments.length]!, "2"], ["garlic", "2"]]))
const catalogue = { recipes, ingredients }
const menuOf = (date: LocalDate, kind: Meal["kind"]): Array<string> => dishesOf(LD.toEpochDay(date), kind)
const dishesOf = (day: number, kind: Meal["kind"]): Array<string> =>
  kind === "breakfast" ? ["buns", "milk-egg", "noodle-soup"] : ["rice-bowl", `main-${(day * 3 + (kind === "lunch" ? 0 : 5)) % 10}`, `side-${(day * 7 + (kind === "lunch" ? 1 : 4)) % 10}`, `side-${(day * 7 + (kind === "lunch" ? 2 : 8)) % 10}`]

// ── the pure costing engine, month by month ──────────────────────────────────────────────────────
interface State {
  /** top stock up to 105% of need and write off expired lots (a real buyer), or buy 105% of need each time */
  readonly topUp: boolean
  readonly open: Map<string, Array<Lot>>
  readonly touched: Map<string, Lot>
  seq: number
  records: number
  shortfalls: number
  spoiled: number
}

const schoolDays = (month: string): Array<LocalDate> =>
  LD.range(`${month}-01` as LocalDate, LD.endOfMonth(`${month}-01` as LocalDate)).filter((d) => LD.dayOfWeek(d) <= 5).slice(0, 22)

const needFor = (days: ReadonlyArray<LocalDate>): Map<string, BigDecimal.BigDecimal> => {
  const need = new Map<string, BigDecimal.BigDecimal>()
  days.forEach((d) => {
    for (const kind of ["breakfast", "lunch", "dinner"] as const) {
      for (const r of menuOf(d, kind)) {
        for (const req of Result.getOrThrow(MealCost.preMealCost({ dishes: [{ recipeId: r as Recipe["id"], plannedServings: STUDENTS }], plannedDiners: [], catalogue, pricing: { basis: "priceList", date: d, currency: "CNY", strategy: fifo, lots: new Map(), prices: new Map(), lastPurchase: new Map() } })).lines) {
          need.set(req.ingredientId, BigDecimal.sum(need.get(req.ingredientId) ?? D.fromInt(0), req.quantity))
        }
      }
    }
  })
  return need
}

const buyTopUp = (item: Item, stockQty: BigDecimal.BigDecimal, onHandQty: number): string | undefined => {
  // 5% over what the days need, less what is on hand, in the buying unit, rounded up to whole units
  const short = Number(D.format(stockQty)) * 1.05 - onHandQty
  if (short <= 0) return undefined
  const inBuy = item.buyUnit === "jin" ? short * 2 : item.buyUnit === "box" ? short / 24 : short
  return String(Math.max(1, Math.ceil(inBuy)))
}

const receive = (s: State, order: PurchaseOrder, date: LocalDate, deliveries: Array<Delivery>) => {
  if (order.lines.length === 0) return
  const lines = Result.getOrThrow(Acceptance.acceptLines({
    order,
    ingredients,
    lines: order.lines.map((l) => ({ orderLine: l.line, delivered: l.quantity, weighed: l.quantity, checks: { freshness: "pass", labels: "pass", temperatureCelsius: D.fromInt(4) }, decision: "accepted", bestBefore: LD.addDays(date, 7) })),
    receivedOn: date,
    rules: cn,
    rounding: "halfUp"
  }))
  const id = `del-${++s.seq}`
  for (const line of lines) {
    const lot = Stock.makeLot({ schoolId: "bench", id: `lot-${++s.seq}`, ingredientId: line.ingredientId, source: "delivery", supplierId: "sup", deliveryId: id, receivedOn: date, bestBefore: line.bestBefore, unit: line.accepted.unit, currency: "CNY", quantity: line.accepted.value, value: line.amount.amount, operation: id })
    const open = s.open.get(line.ingredientId) ?? []
    const change = Stock.arrive(fifo, open, lot)
    put(s, line.ingredientId, change.lots)
    s.records++
  }
  deliveries.push({ id, receivedOn: date, total: { amount: lines.reduce((a, l) => a + l.amount.amount, 0), currency: "CNY" } } as unknown as Delivery)
}

const put = (s: State, ingredientId: string, changed: ReadonlyArray<Lot>) => {
  const open = s.open.get(ingredientId) ?? []
  const byId = new Map(changed.map((l) => [l.id as string, l]))
  const next = open.map((l) => byId.get(l.id) ?? l)
  for (const l of changed) if (!open.some((o) => o.id === l.id)) next.push(l)
  s.open.set(ingredientId, next.filter((l) => l.open))
  for (const l of changed) s.touched.set(l.id, l)
}

/** what is on hand of an ingredient that can still be issued on `until` */
const onHand = (s: State, ingredientId: string, until: LocalDate): number =>
  (s.open.get(ingredientId) ?? []).filter((l) => l.bestBefore === undefined || l.bestBefore >= until).reduce((a, l) => a + Number(D.format(l.remaining)), 0)

const order = (s: State, date: LocalDate, until: LocalDate, need: Map<string, BigDecimal.BigDecimal>, which: (i: Item) => boolean): PurchaseOrder => {
  // the buyer tops stock up to 105% of what the days need, net of what is on hand
  const lines = items.filter((i) => which(i) && need.has(i.id)).flatMap((it) => {
    const quantity = buyTopUp(it, need.get(it.id)!, s.topUp ? onHand(s, it.id, until) : 0)
    return quantity === undefined ? [] : [{ it, quantity }]
  }).map(({ it, quantity }, k) => ({
    line: k + 1,
    ingredientId: it.id,
    quantity: { value: dec(quantity), unit: it.buyUnit },
    unitPrice: { amount: BigDecimal.make(BigInt(it.price), 2), currency: "CNY", per: it.buyUnit },
    amount: { amount: 0, currency: "CNY" },
    received: { value: D.fromInt(0), unit: it.stockUnit }
  }))
  return { schoolId: "bench", id: `po-${++s.seq}`, version: 1, supplierId: "sup", orderedOn: date, deliverOn: date, orderedBy: "buyer", currency: "CNY", lines, total: { amount: 0, currency: "CNY" }, status: "open" } as unknown as PurchaseOrder
}

/** lots past their best-before on `date` are written off as spoilage, whole */
const writeOff = (s: State, date: LocalDate) => {
  for (const [ingredientId, lots] of s.open) {
    for (const lot of lots.filter((l) => l.bestBefore !== undefined && l.bestBefore < date)) {
      const r = Stock.takeFrom(fifo, s.open.get(ingredientId)!, lot.id, lot.remaining, { kind: "spoilage", date, operation: `spoil-${++s.seq}`, reason: "past best-before" })
      put(s, ingredientId, Result.getOrThrow(r).lots)
      s.records++
      s.spoiled++
    }
  }
}

const runMonth = (s: State, month: string, accounts: Array<Account>, previous: ReturnType<typeof Settlement.settle> | undefined) => {
  const days = schoolDays(month)
  const deliveries: Array<Delivery> = []
  const meals: Array<Meal> = []
  const monthStart = new Map<string, Lot>()
  for (const lots of s.open.values()) for (const l of lots) monthStart.set(l.id, l)
  s.touched.clear()
  days.forEach((date, d) => {
    if (s.topUp) writeOff(s, date)
    if (d % 5 === 0) {
      const week = days.slice(d, d + 5)
      receive(s, order(s, date, week[week.length - 1]!, needFor(week), (i) => !i.fresh), date, deliveries)
    }
    receive(s, order(s, date, date, needFor([date]), (it) => it.fresh), date, deliveries)
    for (const kind of ["breakfast", "lunch", "dinner"] as const) {
      const dishes = menuOf(date, kind).map((r) => ({ recipeId: r as Recipe["id"], plannedServings: STUDENTS }))
      const lots = new Map(Array.from(s.open, ([k, v]) => [k, v.map(Stock.balance)]))
      const plan = Result.getOrThrow(MealCost.preMealCost({ dishes, plannedDiners: [], catalogue, pricing: { basis: "stock", date, currency: "CNY", strategy: fifo, lots, prices: new Map(), lastPurchase: new Map() } }))
      const mealId = `meal-${++s.seq}`
      const issues: Array<Meal["issues"][number]> = []
      for (const line of plan.lines) {
        const open = s.open.get(line.ingredientId) ?? []
        const r = Stock.take(fifo, open, line.quantity, { kind: "issue", date, operation: mealId, mealId })
        if (Result.isFailure(r)) {
          s.shortfalls++
          continue
        }
        put(s, line.ingredientId, r.success.lots)
        issues.push({ operation: mealId, date, ingredientId: line.ingredientId, quantity: r.success.quantity, unit: line.unit, value: { amount: r.success.value, currency: "CNY" } })
        s.records++
      }
      const diners = groups.map((g) => ({ dinerGroupId: g.id, count: g.count })) as unknown as Meal["diners"]
      meals.push({ id: mealId, date, kind, status: "served", issues, preMealCost: plan, diners, actual: MealCost.actualCost(issues, diners, "CNY") } as unknown as Meal)
      s.records++
    }
  })
  for (const a of accounts) (a.entries as Array<Account["entries"][number]>).push({ seq: a.entries.length + 1, date: `${month}-01` as LocalDate, kind: "charge", amount: { amount: 33000, currency: "CNY" }, days: 22 })
  const lots = [...new Map([...monthStart, ...s.touched]).values()]
  const settled = Settlement.settle({ schoolId: "bench", id: `set-${month}`, month, currency: "CNY", closedBy: "bench", lots, deliveries, meals, accounts, previous: previous !== undefined && Result.isSuccess(previous) ? previous.success : undefined, inputs: { otherCosts: [], subsidies: [], otherIncome: [] } })
  if (Result.isFailure(settled)) throw new Error(`${month}: ${settled.failure.en}`)
  return settled
}

const simulate = (months: number, topUp = true) => {
  const s: State = { topUp, open: new Map(), touched: new Map(), seq: 0, records: 0, shortfalls: 0, spoiled: 0 }
  const accounts: Array<Account> = Array.from({ length: STUDENTS }, (_, i) => ({ id: `acct-${i}`, dinerGroupId: groups[i % 3]!.id, currency: "CNY", entries: [], prepaid: [] }) as unknown as Account)
  let previous: ReturnType<typeof Settlement.settle> | undefined
  const perMonth: Array<{ readonly ms: number; readonly records: number; readonly foodCost: number }> = []
  for (let m = 0; m < months; m++) {
    const month = LD.monthOf(LD.addMonths(FIRST, m))
    const before = s.records
    const start = performance.now()
    previous = runMonth(s, month, accounts, previous)
    perMonth.push({ ms: performance.now() - start, records: s.records - before, foodCost: Result.isSuccess(previous) ? previous.success.food.cost.amount : 0 })
  }
  return { perMonth, shortfalls: s.shortfalls, spoiled: s.spoiled }
}

const FIRST = "2026-01-01" as LocalDate
const RUNS = 7
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => Math.round(n).toLocaleString("en")

console.log(`canteen: ${STUDENTS} students, 3 meals × 22 school days a month, ${items.length} ingredients, ${recipes.size} recipes, FIFO; median of ${RUNS} runs of 12 months`)
simulate(12) // warm-up
const runs: Array<ReturnType<typeof simulate>> = []
for (let r = 0; r < RUNS; r++) {
  gc()
  runs.push(simulate(12))
}
const first = runs[0]!.perMonth
const cumulative = (k: number) => {
  const ms = median(runs.map((r) => r.perMonth.slice(0, k).reduce((a, m) => a + m.ms, 0)))
  const records = first.slice(0, k).reduce((a, m) => a + m.records, 0)
  return { ms, records }
}
const one = cumulative(1)
const perRecord1 = one.ms / one.records
console.log(`   1 month : ${fmt(one.records)} records (purchase lines, issue lines, write-offs, meals) in ${one.ms.toFixed(1)} ms — ${fmt(one.records / (one.ms / 1000))} records/s; food cost ¥${(first[0]!.foodCost / 100).toFixed(2)}`)
let worst = 1
for (const k of [3, 6, 12]) {
  const c = cumulative(k)
  const ratio = c.ms / c.records / perRecord1
  worst = Math.max(worst, ratio)
  console.log(`  ${String(k).padStart(2)} months: ${fmt(c.records)} records in ${c.ms.toFixed(1)} ms — ${fmt(c.records / (c.ms / 1000))} records/s; time per record ${ratio.toFixed(2)}× the 1-month figure`)
}
const month12 = median(runs.map((r) => r.perMonth[11]!.ms)) / first[11]!.records
console.log(`  the 12th month alone: ${(month12 / perRecord1).toFixed(2)}× the 1st month's time per record`)
console.log(`  issues refused for want of stock: ${runs[0]!.shortfalls} (the purchases cover every meal); lots written off past their best-before: ${runs[0]!.spoiled}`)
console.log(`  scaling: worst time per record ${worst.toFixed(2)}× the 1-month figure (limit 1.5×) — ${worst <= 1.5 ? "ok" : "OVER"}`)

// ── one month through the commands, on the memory backend ────────────────────────────────────────
const ctx = { schoolId: "bench-commands", actor: "director-1" }
const viaCommands = (months: number) => Effect.gen(function*() {
  yield* saveOrganisation({ ...ctx, organisation: organisation(ctx.schoolId) })
  yield* Commands.saveSupplier({ ...ctx, id: "sup", name: "供应商", licences: [{ kind: "business", number: "B" }, { kind: "foodBusiness", number: "F" }] })
  for (const it of items) {
    yield* Commands.saveIngredient({ ...ctx, id: it.id, name: it.id, category: it.category, stockUnit: it.stockUnit, ...(it.id === "milk" ? { conversions: [{ from: "box", to: "bottle", factor: "24" }] } : {}), storage: it.fresh && it.category !== "vegetable" ? "chilled" : "ambient" })
  }
  for (const r of recipes.values()) {
    yield* Commands.saveRecipe({ ...ctx, id: r.id, name: r.name, kind: "main", items: r.items.map((i) => (i._tag === "ingredient" ? { _tag: "ingredient", ingredientId: i.ingredientId, gross: { value: D.format(i.gross.value), unit: i.gross.unit }, yield: "0.9" } : i)) })
  }
  let n = 0
  const perMonth: Array<{ ms: number; records: number; foodCost: number }> = []
  for (let m = 0; m < months; m++) {
  let records = 0
  const start = performance.now()
  const month = LD.monthOf(LD.addMonths(FIRST, m))
  const days = schoolDays(month)
  // here the buyer takes 105% of each day's need without netting stock (the pure engine's
  // `topUp: false`), so history grows month by month and nothing is written off: the memory
  // backend's scans of a school's lots feel it
  const buyQuantity = (item: Item, need: BigDecimal.BigDecimal) => buyTopUp(item, need, 0)!
  const buy = (date: LocalDate, need: Map<string, BigDecimal.BigDecimal>, which: (i: Item) => boolean) =>
    Effect.gen(function*() {
      const chosen = items.filter((i) => which(i) && need.has(i.id))
      const orderId = `po-${++n}`
      yield* Commands.createPurchaseOrder({ ...ctx, id: orderId, supplierId: "sup", orderedOn: date, lines: chosen.map((it) => ({ ingredientId: it.id, quantity: { value: buyQuantity(it, need.get(it.id)!), unit: it.buyUnit }, unitPrice: { amount: (it.price / 100).toFixed(2), currency: "CNY", per: it.buyUnit } })) })
      yield* Commands.acceptDelivery({
        ...ctx,
        orderId,
        receivedAt: T.formatInstant(T.atLocal(date, { hour: 6, minute: 30 })),
        inspector: "keeper-1",
        lines: chosen.map((it, k) => ({ orderLine: k + 1, delivered: { value: buyQuantity(it, need.get(it.id)!), unit: it.buyUnit }, weighed: { value: buyQuantity(it, need.get(it.id)!), unit: it.buyUnit }, checks: { freshness: "pass", labels: "pass", temperatureCelsius: "4" }, decision: "accepted", bestBefore: LD.addDays(date, 7) }))
      })
      records += chosen.length
    })
  for (let w = 0; w < days.length; w += 5) yield* buy(days[w]!, needFor(days.slice(w, w + 5)), (i) => !i.fresh)
  for (const date of days) {
    yield* buy(date, needFor([date]), (it) => it.fresh)
    for (const kind of ["breakfast", "lunch", "dinner"] as const) {
      const meal = yield* Commands.planMeal({ ...ctx, date, kind, dishes: menuOf(date, kind).map((r) => ({ recipeId: r, plannedServings: STUDENTS })) })
      yield* Commands.issueStock({ ...ctx, date, mealId: meal.id, lines: meal.preMealCost.lines.map((l) => ({ ingredientId: l.ingredientId, quantity: { value: D.format(l.quantity), unit: l.unit } })) })
      yield* Commands.recordDiners({ ...ctx, mealId: meal.id, diners: groups.map((g) => ({ dinerGroupId: g.id, count: g.count })) })
      records += meal.preMealCost.lines.length + 1
    }
  }
  const settlement = yield* Commands.closeMonth({ ...ctx, month })
  perMonth.push({ ms: performance.now() - start, records, foodCost: settlement.food.cost.amount })
  }
  return perMonth
})
gc()
const COMMAND_MONTHS = Number(process.env["CANTEEN_COMMAND_MONTHS"] ?? 12)
const c = await Effect.runPromise(Effect.provide(viaCommands(COMMAND_MONTHS), services({ prefix: "c" })))
const c1 = c[0]!
// the same purchases as the commands make (105% of need each time, nothing written off)
const reference = simulate(COMMAND_MONTHS, false).perMonth
const same = c.every((m, i) => m.foodCost === reference[i]!.foodCost)
console.log(`  commands (memory backend: validation, storage, one audit entry each), ${COMMAND_MONTHS} months; food costs ${same ? "equal the pure engine's every month" : "DIFFER from the pure engine's"}`)
for (const k of [1, 3, 6, 12].filter((k) => k <= c.length)) {
  const ms = c.slice(0, k).reduce((a, m) => a + m.ms, 0)
  const records = c.slice(0, k).reduce((a, m) => a + m.records, 0)
  console.log(`    ${String(k).padStart(2)} month${k === 1 ? " " : "s"}: ${fmt(records)} records in ${ms.toFixed(0)} ms — ${fmt(records / (ms / 1000))} records/s; time per record ${((ms / records) / (c1.ms / c1.records)).toFixed(2)}× the 1-month figure`)
}
const last = c.at(-1)!
console.log(`    month ${c.length} alone: ${((last.ms / last.records) / (c1.ms / c1.records)).toFixed(2)}× month 1 (the memory backend scans a school's lots on each query, so it slows as history grows)`)
if (worst > 1.5) process.exitCode = 1
