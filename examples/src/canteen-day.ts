/**
 * A school lunch for 400 students, from the supplier's licence to the month's accounts, through
 * the Promise front door (`createHouqin`):
 *
 * 1. master data: the school's organisation (three diner groups), two suppliers, five
 *    ingredients kept in kg, a reference price list and three recipes with their yields (净料率);
 * 2. purchase orders in kg and in 斤 (1 斤 = 0.5 kg), weighed and accepted at the kitchen door —
 *    the potatoes partly (5 斤 sprouted), the tomatoes rejected (rotten);
 * 3. the daily publication board (每日公示);
 * 4. the pre-meal costing (餐前菜价合算) from the stock on hand;
 * 5. the issue to the kitchen (出库: rice counted out in 斤, greens 2 kg over plan);
 * 6. the diners counted (就餐人数): the actual cost per head, its allocation to the diner groups
 *    and the variance against the plan;
 * 7. the month's settlement (月结) — a month of one school day, to keep the example short.
 *
 * Stock is valued FIFO (the `cn` default) and every amount is the kernel's `Money` — an integer
 * number of fen with its currency, rounded half-up once, when a line is posted (a unit price is an
 * exact decimal in yuan: ¥13.50/斤). The arithmetic is written out beside each step and checked
 * in examples/test/examples.test.ts.
 */
import { createHouqin, Decimal, Id, Money, Quantity } from "@houqin/core"

/** what the example proves, for the test */
export interface CanteenDayResult {
  readonly deliveryTotals: ReadonlyArray<number>
  readonly deliveryStatus: string
  readonly acceptanceFindings: ReadonlyArray<string>
  readonly boardTotal: number
  readonly boardRejected: ReadonlyArray<string>
  readonly plannedPerServing: Readonly<Record<string, number>>
  readonly plannedTotal: number
  readonly plannedPerHead: number | undefined
  readonly issuedTotal: number
  readonly actualCost: number
  readonly actualPerHead: number | undefined
  readonly allocation: Readonly<Record<string, number>>
  readonly variance: number
  readonly varianceCauses: ReadonlyArray<string>
  readonly stockValue: number
  readonly settlement: {
    readonly purchases: number
    readonly closing: number
    readonly foodCost: number
    readonly income: number
    readonly otherCosts: number
    readonly balance: number
    readonly costPerHeadMeal: number | undefined
    readonly foodCostRatio: string | undefined
  }
  readonly settlementVerified: boolean
  readonly auditIntact: boolean
}

const schoolId = "school-hongqi"
// every command names its school and the member of staff who did it (the audit log records both)
const director = { schoolId, actor: "staff-wang" }
const keeper = { schoolId, actor: "staff-qian" }

// quantities and prices are exact decimals written as strings; units may be kg, 斤, 两, g …
const kg = (value: string) => ({ value, unit: "kg" })
const jin = (value: string) => ({ value, unit: "斤" })
const cny = (amount: string, per: string) => ({ amount, currency: "CNY" as const, per })
const passed = { freshness: "pass", labels: "pass" } as const

// every amount the canteen returns is the kernel's Money: integer fen with its currency
const yuan = (m: Money.Money) => Money.format(m)

export const canteenDayExample = async (log: (line: string) => void = console.log): Promise<CanteenDayResult> => {
  // The clock is an option: here a variable the example moves forward through the day, so every
  // audit entry carries the time it would have in real life. Ids are sequential for a stable print.
  let now = Date.parse("2026-03-15T16:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("cd") })
  try {
    // ── 1. master data ───────────────────────────────────────────────────────────────────────
    await houqin.people.saveOrganisation({
      ...director,
      organisation: {
        schoolId,
        id: schoolId,
        school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
        roles: [
          { id: "director", name: { zh: "后勤主任", en: "logistics director" }, level: 30 },
          { id: "kitchen", name: { zh: "食堂员工", en: "kitchen staff" }, level: 10 }
        ],
        departments: [{ id: "canteen", name: "食堂", headId: "staff-wang" }],
        staff: [
          { id: "staff-wang", name: "王主任", departmentId: "canteen", roles: ["director"], active: true },
          { id: "staff-qian", name: "钱保管", departmentId: "canteen", roles: ["kitchen"], active: true },
          { id: "staff-zhang", name: "张师傅", departmentId: "canteen", roles: ["kitchen"], active: true }
        ],
        grades: [1, 2, 3, 4, 5, 6].map((n) => ({ id: `grade-${n}`, name: `${n}年级`, level: n })),
        classes: [],
        // the meal's cost is allocated to these groups by the diners counted
        dinerGroups: [
          { id: "lower", name: "一二年级", kind: "students", gradeIds: ["grade-1", "grade-2"] },
          { id: "middle", name: "三四年级", kind: "students", gradeIds: ["grade-3", "grade-4"] },
          { id: "upper", name: "五六年级", kind: "students", gradeIds: ["grade-5", "grade-6"] }
        ],
        chains: []
      }
    })
    // 索证索票: 绿源农贸's food business licence lapsed on 2026-03-01 — the acceptance will say so
    await houqin.canteen.saveSupplier({
      ...director,
      id: "sup-green",
      name: "绿源农贸",
      licences: [{ kind: "business", number: "91330100MA2B" }, { kind: "foodBusiness", number: "JY13301000001", validUntil: "2026-03-01" }]
    })
    await houqin.canteen.saveSupplier({
      ...director,
      id: "sup-grain",
      name: "粮油公司",
      licences: [{ kind: "business", number: "91330100MA2C" }, { kind: "foodBusiness", number: "JY13301000002", validUntil: "2027-12-31" }]
    })
    // each ingredient has a stock unit; whatever unit it is bought or used in is converted exactly
    for (const [id, name, category, extra] of [
      ["rice", "大米", "grain", {}],
      ["pork", "猪肉", "meat", { storage: "chilled", agricultural: true }],
      ["potato", "土豆", "vegetable", { agricultural: true }],
      ["greens", "小白菜", "vegetable", { agricultural: true }],
      ["tomato", "番茄", "vegetable", { agricultural: true }]
    ] as const) {
      await houqin.canteen.saveIngredient({ ...director, id, name, category, stockUnit: "kg", ...extra })
    }
    // the district's reference prices: purchases more than 10% above them are flagged
    await houqin.canteen.savePriceList({
      ...director,
      id: "prices-2026-03",
      name: "三月参考价",
      source: "区发改委农产品价格监测",
      effectiveFrom: "2026-03-01",
      entries: [{ ingredientId: "pork", price: cny("12.00", "斤") }, { ingredientId: "rice", price: cny("4.20", "kg") }]
    })
    // recipes per serving, gross weight and yield: rice 150 g; pork 1.2 两 (60 g, yield 0.9) with
    // potatoes 80 g (0.85); greens 100 g (0.8)
    const ingredient = (ingredientId: string, value: string, unit: string, yieldShare: string) =>
      ({ _tag: "ingredient" as const, ingredientId, gross: { value, unit }, yield: yieldShare })
    await houqin.canteen.saveRecipe({ ...director, id: "rice-bowl", name: "米饭", kind: "staple", items: [ingredient("rice", "150", "g", "1")] })
    await houqin.canteen.saveRecipe({
      ...director,
      id: "pork-potato",
      name: "土豆烧肉",
      kind: "main",
      items: [ingredient("pork", "1.2", "两", "0.9"), ingredient("potato", "80", "g", "0.85")]
    })
    await houqin.canteen.saveRecipe({ ...director, id: "greens-stirfry", name: "清炒小白菜", kind: "side", items: [ingredient("greens", "100", "g", "0.8")] })

    // ── 2. purchase orders, then weighing and acceptance the next morning ───────────────────
    await houqin.canteen.createPurchaseOrder({
      ...director,
      id: "po-grain",
      supplierId: "sup-grain",
      orderedOn: "2026-03-15",
      deliverOn: "2026-03-16",
      lines: [{ ingredientId: "rice", quantity: kg("100"), unitPrice: cny("4.20", "kg") }]
    })
    await houqin.canteen.createPurchaseOrder({
      ...director,
      id: "po-green",
      supplierId: "sup-green",
      orderedOn: "2026-03-15",
      deliverOn: "2026-03-16",
      lines: [
        { ingredientId: "pork", quantity: jin("60"), unitPrice: cny("13.50", "斤") },
        { ingredientId: "potato", quantity: jin("85"), unitPrice: cny("1.35", "斤") },
        { ingredientId: "greens", quantity: kg("46"), unitPrice: cny("3.99", "kg") },
        { ingredientId: "tomato", quantity: kg("10"), unitPrice: cny("4.00", "kg") }
      ]
    })

    now = Date.parse("2026-03-16T06:30:00+08:00")
    // rice: 100 kg × ¥4.20 = ¥420.00
    const grain = await houqin.canteen.acceptDelivery({
      ...keeper,
      id: "del-grain",
      orderId: "po-grain",
      receivedAt: "2026-03-16T06:30:00+08:00",
      inspector: "staff-qian",
      lines: [{ orderLine: 1, delivered: kg("100"), weighed: kg("100"), checks: passed, decision: "accepted" }]
    })
    now = Date.parse("2026-03-16T06:45:00+08:00")
    const green = await houqin.canteen.acceptDelivery({
      ...keeper,
      id: "del-green",
      orderId: "po-green",
      receivedAt: "2026-03-16T06:45:00+08:00",
      inspector: "staff-qian",
      lines: [
        // pork: the scale shows 60.5 斤 at 4 °C (chilled food needs its temperature):
        // 60.5 × ¥13.50 = ¥816.75
        { orderLine: 1, delivered: jin("60"), weighed: jin("60.5"), checks: { ...passed, temperatureCelsius: "4" }, decision: "accepted" },
        // potatoes: 85 斤 weighed, 5 斤 sprouted and sent back: 80 × ¥1.35 = ¥108.00
        { orderLine: 2, delivered: jin("85"), weighed: jin("85"), checks: { freshness: "fail", labels: "pass" }, decision: "partial", accepted: jin("80"), reason: "5斤发芽" },
        // greens: 46 kg on the invoice, 45.5 kg on the scale: 45.5 × ¥3.99 = ¥181.545 → ¥181.55
        { orderLine: 3, delivered: kg("46"), weighed: kg("45.5"), checks: passed, decision: "accepted" },
        // tomatoes: rotten, rejected — nothing enters stock, nothing is paid
        { orderLine: 4, delivered: kg("10"), weighed: kg("10"), checks: { freshness: "fail", labels: "pass" }, decision: "rejected", reason: "腐烂" }
      ]
    })
    log(`粮油公司 delivery ${grain.delivery.status}: ${yuan(grain.delivery.total)}`)
    log(`绿源农贸 delivery ${green.delivery.status}: ${yuan(green.delivery.total)}`)
    for (const line of green.delivery.lines) {
      log(`  ${line.ingredientId}: accepted ${Quantity.format(line.accepted)}, returned ${Quantity.format(line.returned)}, ${yuan(line.amount)}`)
    }
    // acceptance returns findings (the kernel's Finding: rule, severity, explanation in zh and en)
    for (const f of green.findings) log(`  ⚠ ${f.severity} ${f.rule}: ${f.explanation.zh}`)

    // ── 3. the daily publication (每日公示) ──────────────────────────────────────────────────
    const board = await houqin.canteen.dailyPublication(schoolId, "2026-03-16")
    log(`每日公示 ${board.date}: ${board.lines.length} lines, total ${yuan(board.total)}`)
    for (const l of board.lines) {
      log(`  ${l.supplier} ${l.ingredient} ${l.purchased === undefined ? Quantity.format(l.quantity) : Quantity.format(l.purchased)} ${yuan(l.amount)}`)
    }
    for (const r of board.rejected) log(`  退货 ${r.supplier} ${r.ingredient} ${Quantity.format(r.quantity)}：${r.reason}`)

    // ── 4. pre-meal costing (餐前菜价合算) from the stock on hand ────────────────────────────
    now = Date.parse("2026-03-16T08:00:00+08:00")
    const diners = [{ dinerGroupId: "lower", count: 133 }, { dinerGroupId: "middle", count: 133 }, { dinerGroupId: "upper", count: 134 }]
    const meal = await houqin.canteen.planMeal({
      ...director,
      id: "lunch-2026-03-16",
      date: "2026-03-16",
      kind: "lunch",
      dishes: [
        { recipeId: "rice-bowl", plannedServings: 400 },
        { recipeId: "pork-potato", plannedServings: 400 },
        { recipeId: "greens-stirfry", plannedServings: 400 }
      ],
      plannedDiners: diners
    })
    // rice   400 × 150 g = 60 kg of 100 kg: 42000 × 60 ÷ 100   = 25200 fen
    // pork   400 × 1.2 两 = 24 kg of 30.25: 81675 × 24 ÷ 30.25 = 64800
    // potato 400 × 80 g = 32 kg of 40 kg:   10800 × 32 ÷ 40    =  8640
    // greens 400 × 100 g = 40 kg of 45.5:   18155 × 40 ÷ 45.5  = 15960.44 → 15960
    const plan = meal.preMealCost
    for (const d of plan.dishes) log(`  ${d.recipeId}: ${yuan(d.cost)} for ${d.servings}, ${yuan(d.perServing)} a serving`)
    log(`pre-meal cost ${yuan(plan.total)}, ${plan.perHead === undefined ? "—" : yuan(plan.perHead)} a head`)

    // ── 5. issue to the kitchen (出库) ──────────────────────────────────────────────────────
    const issued = await houqin.canteen.issueStock({
      ...keeper,
      date: "2026-03-16",
      mealId: meal.id,
      lines: [
        { ingredientId: "rice", quantity: jin("120") }, // 120 斤 = 60 kg
        { ingredientId: "pork", quantity: kg("24") },
        { ingredientId: "potato", quantity: kg("32") },
        { ingredientId: "greens", quantity: kg("42") } // 2 kg more than planned
      ]
    })
    log(`issued ${yuan(issued.total)} of stock to ${meal.id}`)

    // ── 6. after the meal: diners counted, actual cost, allocation, variance ────────────────
    now = Date.parse("2026-03-16T13:00:00+08:00")
    const served = await houqin.canteen.recordDiners({ ...director, mealId: meal.id, diners })
    const actual = served.meal.actual!
    log(`actual cost ${yuan(actual.cost)} for ${actual.diners} diners: ${actual.perHead === undefined ? "—" : yuan(actual.perHead)} a head`)
    for (const a of actual.allocation) log(`  ${a.dinerGroupId}: ${a.diners} diners, ${yuan(a.amount)}`)
    log(`variance against the plan: ${yuan(served.variance.difference)} (${served.variance.causes.join(", ")})`)

    const stock = await houqin.canteen.stockOnHand(schoolId)
    for (const s of stock) log(`  stock ${s.ingredientId}: ${Decimal.format(s.quantity)} ${s.unit}, ${yuan(s.value)}`)
    const stockValue = stock.reduce((sum, s) => sum + s.value.amount, 0)

    // ── 7. the month's settlement (月结) ─────────────────────────────────────────────────────
    now = Date.parse("2026-04-01T09:00:00+08:00")
    const settlement = await houqin.canteen.closeMonth({
      ...director,
      month: "2026-03",
      subsidies: [{ category: "nutrition", label: "营养改善计划补助", amount: { amount: 400 * 400, currency: "CNY" } }],
      otherCosts: [{ category: "fuel", label: "燃气费", amount: { amount: 12_000, currency: "CNY" } }]
    })
    log(`月结 ${settlement.month}: purchases ${yuan(settlement.food.purchases)}, closing stock ${yuan(settlement.food.closing)}, food cost ${yuan(settlement.food.cost)}`)
    log(`  income ${yuan(settlement.income.total)}, other costs ${yuan(settlement.otherCosts)}, balance ${yuan(settlement.balance)}`)
    log(`  cost per head-meal ${settlement.costPerHeadMeal === undefined ? "—" : yuan(settlement.costPerHeadMeal)}, food cost ratio ${settlement.foodCostRatio === undefined ? "—" : Decimal.format(settlement.foodCostRatio)}`)
    // the settlement can be recomputed from the records at any time
    const verified = await houqin.canteen.verifySettlement(schoolId, "2026-03")
    const audit = await houqin.audit.verify(schoolId)
    log(`settlement recomputed from the records: ${verified.ok ? "the same" : `differs in ${verified.differences.join(", ")}`}; audit chain ${audit.ok ? "intact" : "BROKEN"}`)

    return {
      deliveryTotals: [grain.delivery.total.amount, green.delivery.total.amount],
      deliveryStatus: green.delivery.status,
      acceptanceFindings: green.findings.map((f) => f.rule),
      boardTotal: board.total.amount,
      boardRejected: board.rejected.map((r) => `${r.ingredient} ${Quantity.format(r.quantity)}`),
      plannedPerServing: Object.fromEntries(plan.dishes.map((d) => [d.recipeId, d.perServing.amount])),
      plannedTotal: plan.total.amount,
      plannedPerHead: plan.perHead?.amount,
      issuedTotal: issued.total.amount,
      actualCost: actual.cost.amount,
      actualPerHead: actual.perHead?.amount,
      allocation: Object.fromEntries(actual.allocation.map((a) => [a.dinerGroupId, a.amount.amount])),
      variance: served.variance.difference.amount,
      varianceCauses: served.variance.causes,
      stockValue,
      settlement: {
        purchases: settlement.food.purchases.amount,
        closing: settlement.food.closing.amount,
        foodCost: settlement.food.cost.amount,
        income: settlement.income.total.amount,
        otherCosts: settlement.otherCosts.amount,
        balance: settlement.balance.amount,
        costPerHeadMeal: settlement.costPerHeadMeal?.amount,
        foodCostRatio: settlement.foodCostRatio === undefined ? undefined : Decimal.format(settlement.foodCostRatio)
      },
      settlementVerified: verified.ok,
      auditIntact: audit.ok
    }
  } finally {
    await houqin.dispose()
  }
}
