/**
 * Canteen publications: the daily purchase publication (每日采购公示 — each accepted line with its
 * supplier, quantity as bought, unit price and amount, the totals by supplier and what was sent
 * back), the monthly settlement publication (月度结算公示 — income, food cost, other costs,
 * balance, cost per head-meal and food cost ratio, as the settlement gives them), the meal-fee
 * statement (伙食费对账单) of one account for a period and the prepaid-items statement (代办费结算单)
 * of one account for a term.
 *
 * Input is what `@houqin/core/canteen` gives: `houqin.canteen.dailyPublication(school, date)`
 * (`Canteen.Publication.DailyPublication`), `houqin.canteen.settlement(school, month)` or
 * `closeMonth(…)` (`Canteen.Settlement`), `houqin.canteen.accountStatement(school, account, from,
 * to)` (`Canteen.MealFee.AccountStatement`), `houqin.canteen.prepaidStatement(school, account, term)`
 * (`Canteen.MealFee.PrepaidStatement`), and the weekly menu publication (每周食谱公示 — the week's
 * meals and dishes, with the pre-meal price of each dish where the meal is planned, and the menu's
 * findings) from a saved `Canteen.Menu`, the recipes and the planned meals.
 * Nothing is recomputed: every amount is the core's.
 *
 * @since 0.1.0
 */
import type { Messages, People, ValidationError } from "@houqin/core"
import { Canteen, LocalDate, Meal } from "@houqin/core"
import type { Result } from "effect"
import { currencyText, unitText } from "../Format.ts"
import { label, listText, periodText, words } from "../Locale.ts"
import type { BlockInput, CellInput, FieldInput, Report, SectionInput } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"
import { findingsTable } from "./findings.ts"

/**
 * Names of the ingredient categories, for the publication's category column.
 *
 * @since 0.1.0
 * @category constants
 */
export const ingredientCategoryLabels: Readonly<Record<Canteen.IngredientCategory, Messages>> = {
  grain: label("粮食", "grain"),
  vegetable: label("蔬菜", "vegetables"),
  fruit: label("水果", "fruit"),
  meat: label("畜肉", "meat"),
  poultry: label("禽肉", "poultry"),
  aquatic: label("水产", "aquatic products"),
  egg: label("蛋类", "eggs"),
  dairy: label("奶类", "dairy"),
  soy: label("豆制品", "soy products"),
  oil: label("食用油", "cooking oil"),
  condiment: label("调味品", "condiments"),
  dryGoods: label("干货", "dry goods"),
  drink: label("饮品", "drinks"),
  other: label("其他", "other")
}

const unitLabel = (u: Parameters<typeof unitText>[0]): Messages => ({ zh: unitText(u, "zh-CN"), en: unitText(u, "en") })

const inCurrency = (zh: string, en: string, currency: Canteen.Settlement["currency"]): Messages => ({
  zh: `${zh}(${currencyText(currency, "zh-CN")})`,
  en: `${en} (${currencyText(currency, "en")})`
})

/**
 * Options of the daily purchase publication: who accepted the deliveries (验收人), on the first of
 * its signature lines (验收人, 审核人, 公示人).
 *
 * @since 0.1.0
 * @category models
 */
export interface PublicationReportOptions extends DocumentOptions {
  readonly acceptedBy?: string
}

/**
 * The daily purchase publication (每日采购公示): one line per accepted purchase line — supplier,
 * ingredient, category, the quantity as bought (in the unit it was priced in when it converts
 * exactly) and into stock (in the stock unit), the unit price, the amount — with the day's total;
 * the totals by supplier with a bar chart; what was sent back and why; the signature lines
 * (验收人, 审核人, 公示人).
 *
 * @since 0.1.0
 * @category builders
 */
export const dailyPurchasePublication = (
  publication: Canteen.Publication.DailyPublication,
  options: PublicationReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const currency = publication.currency
  const money = { kind: "money", currency } as const
  return make({
    title: label("每日采购公示", "Daily purchase publication"),
    subtitle: publication.date,
    ...documentFields(options),
    orientation: "landscape",
    sections: [
      {
        title: label("采购验收明细", "Purchases accepted"),
        blocks: [
          {
            type: "fields",
            fields: [
              { label: label("日期", "date"), value: publication.date, type: { kind: "date" } },
              { label: label("采购明细数", "purchase lines"), value: publication.lines.length, type: { kind: "integer" } },
              { label: label("供货单位数", "suppliers"), value: publication.bySupplier.length, type: { kind: "integer" } },
              { label: label("采购金额合计", "total purchases"), value: publication.total, type: money }
            ]
          },
          {
            type: "table",
            columns: [
              { label: label("供货单位", "supplier"), kind: "text" },
              { label: label("品名", "ingredient"), kind: "text" },
              { label: label("类别", "category"), kind: "text" },
              { label: label("采购数量", "quantity bought"), kind: "decimal" },
              { label: label("入库数量", "quantity into stock"), kind: "decimal" },
              { label: inCurrency("单价", "unit price", currency), kind: "decimal", minScale: 2 },
              { label: label("计价单位", "per"), kind: "text" },
              { label: label("金额", "amount"), ...money }
            ],
            rows: publication.lines.map((l) => [
              l.supplier,
              l.ingredient,
              ingredientCategoryLabels[l.category],
              l.purchased ?? null,
              l.quantity,
              l.unitPrice.amount,
              unitLabel(l.unitPrice.per),
              l.amount
            ]),
            totals: { label: label("合计", "total"), values: [null, null, null, null, null, null, null, publication.total] },
            empty: label("当日无采购", "no purchases on this day")
          }
        ]
      },
      {
        title: label("按供货单位汇总", "By supplier"),
        blocks: [{
          type: "table",
          columns: [
            { label: label("供货单位", "supplier"), kind: "text" },
            { label: label("明细数", "lines"), kind: "integer" },
            { label: label("金额", "amount"), ...money }
          ],
          rows: publication.bySupplier.map((s) => [s.supplier, s.lines, s.amount]),
          totals: { label: label("合计", "total"), values: [null, publication.lines.length, publication.total] },
          empty: label("当日无采购", "no purchases on this day")
        }, ...(publication.bySupplier.length === 0 ? [] : [{
          type: "chart",
          chart: {
            kind: "bar",
            title: label("各供货单位采购金额", "Purchases by supplier"),
            categories: publication.bySupplier.map((s) => s.supplier),
            series: [{ name: label("金额", "amount"), values: publication.bySupplier.map((s) => s.amount.amount) }],
            value: { kind: "money", currency }
          }
        } as const])]
      },
      {
        title: label("退货", "Sent back"),
        blocks: [
          {
            type: "table",
            columns: [
              { label: label("供货单位", "supplier"), kind: "text" },
              { label: label("品名", "ingredient"), kind: "text" },
              { label: label("数量", "quantity"), kind: "decimal" },
              { label: label("原因", "reason"), kind: "text" }
            ],
            rows: publication.rejected.map((r) => [r.supplier, r.ingredient, r.quantity, r.reason]),
            empty: label("无退货", "nothing sent back")
          },
          {
            type: "notes",
            notes: [
              label(
                "数量为验收合格的数量：采购数量以计价单位表示（不能精确换算时空缺），入库数量以库存单位表示；金额为数量乘单价，四舍五入到分，每行只舍入一次。",
                "Quantities are those accepted: as bought in the unit priced (blank when that does not convert exactly), and into stock in the stock unit; each amount is quantity × unit price, rounded half-up to the fen once per line."
              )
            ]
          },
          ...signatureLines(options, [
            { role: label("验收人", "Accepted by"), name: options.acceptedBy },
            { role: words.reviewer, name: options.reviewer },
            { role: words.publisher, name: options.publisher }
          ])
        ]
      }
    ]
  })
}

/**
 * Options of the settlement publication: the organisation, to name the diner groups and who
 * closed the month (their ids otherwise), and who prepared it.
 *
 * @since 0.1.0
 * @category models
 */
export interface SettlementReportOptions extends DocumentOptions {
  readonly org?: People.Organisation
  /** the name on the 制表人 line, before 审核人 and 公示人 */
  readonly preparer?: string
}

/**
 * The monthly settlement publication (月度结算公示): the summary (income, food cost, other costs,
 * balance, meals and head-meals, cost per head-meal, food cost ratio), the income by source, the
 * food cost from stock (opening + receipts − returns − closing), the same cost from what left
 * stock, the other costs entered at closing, and meal fees and costs by diner group — every
 * number the settlement's own — with a bar chart of income, costs and balance, and the signature
 * lines (制表人, 审核人, 公示人). A negative balance (亏损) prints as negative money.
 *
 * @since 0.1.0
 * @category builders
 */
export const monthlySettlementPublication = (
  settlement: Canteen.Settlement,
  options: SettlementReportOptions = {}
): Result.Result<Report, ValidationError> => {
  const s = settlement
  const money = { kind: "money", currency: s.currency } as const
  const neg = (m: { readonly amount: number }): number => (m.amount === 0 ? 0 : -m.amount)
  const groups = new Map((options.org?.dinerGroups ?? []).map((g, i) => [g.id as string, { name: g.name, order: i }]))
  const groupName = (id: string): string => groups.get(id)?.name ?? id
  // the organisation's order of diner groups (the settlement's is by id), unknown groups last
  const inGroupOrder = <T extends { readonly dinerGroupId: string }>(list: ReadonlyArray<T>): Array<T> =>
    list.map((g, i) => ({ g, key: groups.get(g.dinerGroupId)?.order ?? groups.size + i })).sort((a, b) => a.key - b.key).map((x) => x.g)
  const itemRows = (items: ReadonlyArray<Canteen.SettlementItem>): Array<ReadonlyArray<CellInput>> =>
    items.map((i) => [i.label, i.dinerGroupId === undefined ? null : groupName(i.dinerGroupId), i.amount])
  const summary: Array<FieldInput> = [
    { label: label("月份", "month"), value: s.month },
    { label: label("期间", "period"), value: periodText(s.from, s.to) },
    { label: label("结账人", "closed by"), value: options.org?.staff.find((x) => x.id === s.closedBy)?.name ?? s.closedBy },
    { label: label("收入合计", "total income"), value: s.income.total, type: money },
    { label: label("食品成本", "food cost"), value: s.food.cost, type: money },
    { label: label("其他费用", "other costs"), value: s.otherCosts, type: money },
    { label: s.balance.amount < 0 ? label("结余（亏损）", "balance (deficit)") : label("结余", "balance"), value: s.balance, type: money },
    { label: label("供餐餐次", "meals served"), value: s.meals, type: { kind: "integer" } },
    { label: label("就餐人次", "head-meals"), value: s.headMeals, type: { kind: "integer" } },
    { label: label("人均每餐食品成本", "food cost per head-meal"), value: s.costPerHeadMeal ?? null, type: money },
    { label: label("食品成本率", "food cost ratio"), value: s.foodCostRatio ?? null, type: { kind: "percent", scale: 2 } }
  ]
  const sections: Array<SectionInput> = [
    {
      blocks: [
        { type: "fields", fields: summary },
        {
          type: "chart",
          chart: {
            kind: "bar",
            title: label("本月收支", "The month's income and costs"),
            categories: [label("收入合计", "income"), label("食品成本", "food cost"), label("其他费用", "other costs"), label("结余", "balance")],
            series: [{ name: label("金额", "amount"), values: [s.income.total.amount, s.food.cost.amount, s.otherCosts.amount, s.balance.amount] }],
            value: { kind: "money", currency: s.currency }
          }
        },
        {
          type: "notes",
          notes: [
            label("食品成本 = 期初库存 + 本月采购 − 期末库存；结余 = 收入合计 − 食品成本 − 其他费用。", "Food cost = opening stock + purchases − closing stock; balance = total income − food cost − other costs."),
            label("人均每餐食品成本 = 食品成本 ÷ 就餐人次（四舍五入到分）；食品成本率 = 食品成本 ÷ 收入合计。", "Food cost per head-meal = food cost ÷ head-meals (half-up to the fen); food cost ratio = food cost ÷ total income."),
            ...(s.costPerHeadMeal === undefined ? [label("本月无就餐人次，不计人均成本。", "No head-meals this month: no cost per head.")] : []),
            ...(s.foodCostRatio === undefined ? [label("本月无收入，不计食品成本率。", "No income this month: no food cost ratio.")] : [])
          ]
        }
      ]
    },
    {
      title: label("收入", "Income"),
      blocks: [{
        type: "table",
        columns: [
          { label: label("项目", "item"), kind: "text" },
          { label: label("就餐群体", "diner group"), kind: "text" },
          { label: label("金额", "amount"), ...money }
        ],
        rows: [
          [label("伙食费（收费减退费）", "meal fees (charged less refunded)"), null, s.income.mealFeesTotal],
          ...(s.inputs.subsidies.length === 0 ? [[label("补助", "subsidies"), null, s.income.subsidies]] : itemRows(s.inputs.subsidies)),
          ...(s.inputs.otherIncome.length === 0 ? [[label("其他收入", "other income"), null, s.income.other]] : itemRows(s.inputs.otherIncome))
        ],
        totals: { label: label("收入合计", "total income"), values: [null, null, s.income.total] }
      }]
    },
    {
      title: label("食品成本", "Food cost"),
      blocks: [
        {
          type: "table",
          caption: label("按库存计算", "From stock"),
          columns: [
            { label: label("项目", "item"), kind: "text" },
            { label: label("金额", "amount"), ...money }
          ],
          rows: [
            [label("期初库存", "opening stock"), s.food.opening],
            [label("本月验收入库", "receipts"), s.food.receipts],
            [label("减：退货", "less: returns"), neg(s.food.returns)],
            [label("减：期末库存", "less: closing stock"), neg(s.food.closing)]
          ],
          totals: { label: label("食品成本", "food cost"), values: [null, s.food.cost] }
        },
        {
          type: "table",
          caption: label("按出库核对", "Checked against what left stock"),
          columns: [
            { label: label("项目", "item"), kind: "text" },
            { label: label("金额", "amount"), ...money }
          ],
          rows: [
            [label("餐次领用", "issued to meals"), s.consumption.issuedToMeals],
            [label("其他领用", "issued otherwise"), s.consumption.issuedOther],
            [label("损耗报废", "spoilage"), s.consumption.spoilage],
            [label("盘亏", "stocktake shortage"), s.consumption.stocktakeShortage],
            [label("减：盘盈", "less: stocktake surplus"), neg(s.consumption.stocktakeSurplus)]
          ],
          totals: { label: label("合计", "total"), values: [null, s.consumption.total] }
        }
      ]
    },
    {
      title: label("其他费用", "Other costs"),
      blocks: [{
        type: "table",
        columns: [
          { label: label("项目", "item"), kind: "text" },
          { label: label("就餐群体", "diner group"), kind: "text" },
          { label: label("金额", "amount"), ...money }
        ],
        rows: itemRows(s.inputs.otherCosts),
        totals: { label: label("合计", "total"), values: [null, null, s.otherCosts] },
        empty: label("无其他费用", "no other costs")
      }]
    },
    {
      title: label("按就餐群体", "By diner group"),
      blocks: [
        {
          type: "table",
          caption: label("伙食费", "Meal fees"),
          columns: [
            { label: label("就餐群体", "diner group"), kind: "text" },
            { label: label("收费", "charged"), ...money },
            { label: label("退费", "refunded"), ...money },
            { label: label("净收入", "net"), ...money }
          ],
          rows: inGroupOrder(s.income.mealFees).map((g) => [groupName(g.dinerGroupId), g.charged, g.refunded, g.net]),
          totals: { label: label("合计", "total"), values: [null, null, null, s.income.mealFeesTotal] },
          empty: label("本月无伙食费收支", "no meal fees this month")
        },
        {
          type: "table",
          caption: label("就餐与成本", "Meals and cost"),
          columns: [
            { label: label("就餐群体", "diner group"), kind: "text" },
            { label: label("就餐人次", "head-meals"), kind: "integer" },
            { label: label("餐次成本", "meal cost"), ...money },
            { label: label("收入", "income"), ...money }
          ],
          rows: inGroupOrder(s.byDinerGroup).map((g) => [groupName(g.dinerGroupId), g.headMeals, g.mealCost, g.income]),
          totals: { label: label("合计", "total"), values: [null, s.headMeals, null, null] },
          empty: label("本月无就餐记录", "no meals this month")
        },
        ...signatureLines(options, [
          { role: words.preparer, name: options.preparer },
          { role: words.reviewer, name: options.reviewer },
          { role: words.publisher, name: options.publisher }
        ])
      ]
    }
  ]
  return make({
    title: label("伙食月度结算公示", "Monthly canteen settlement"),
    subtitle: periodText(s.from, s.to),
    ...documentFields(options),
    sections
  })
}

/**
 * Options of the prepaid-items statement: the holder's name and the organisation (to name the
 * diner group); ids otherwise.
 *
 * @since 0.1.0
 * @category models
 */
export interface PrepaidStatementOptions extends DocumentOptions {
  readonly holderName?: string
  readonly org?: People.Organisation
}

/** the holder's name, kind and diner group: the first fields of both account statements */
const holderFields = (
  statement: { readonly holder: Canteen.Account["holder"]; readonly dinerGroupId: string },
  options: PrepaidStatementOptions
): Array<FieldInput> => [
  { label: label("姓名", "name"), value: options.holderName ?? statement.holder.id },
  { label: label("身份", "holder"), value: statement.holder._tag === "student" ? label("学生", "student") : label("教职工", "staff") },
  { label: label("就餐群体", "diner group"), value: options.org?.dinerGroups.find((g) => g.id === statement.dinerGroupId)?.name ?? statement.dinerGroupId }
]

/**
 * The prepaid-items statement (代办费结算单) of one account for a term, for the parents: what was
 * paid in, each item bought (date, item, quantity, amount), what was paid back, and the balance
 * still due to them (deposits − items − refunds, as the core gives it).
 *
 * @since 0.1.0
 * @category builders
 */
export const prepaidItemsStatement = (
  statement: Canteen.MealFee.PrepaidStatement,
  options: PrepaidStatementOptions = {}
): Result.Result<Report, ValidationError> => {
  const money = { kind: "money", currency: statement.currency } as const
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        ...holderFields(statement, options),
        { label: label("学期", "term"), value: statement.term },
        { label: label("账户", "account"), value: statement.accountId },
        { label: label("已交代办费", "paid in"), value: statement.deposits, type: money },
        { label: label("代购支出", "items bought"), value: statement.spent, type: money },
        { label: label("已退还", "paid back"), value: statement.refunded, type: money },
        { label: label("结余（应退）", "balance due"), value: statement.balance, type: money }
      ]
    },
    {
      type: "table",
      caption: label("代购明细", "Items bought"),
      columns: [
        { label: label("日期", "date"), kind: "date" },
        { label: label("物品", "item"), kind: "text" },
        { label: label("数量", "quantity"), kind: "decimal" },
        { label: label("金额", "amount"), ...money }
      ],
      rows: statement.items.map((i) => [i.date, i.item, i.quantity ?? null, i.amount]),
      totals: { label: label("合计", "total"), values: [null, null, null, statement.spent] },
      empty: label("本学期无代购支出", "nothing bought this term")
    },
    {
      type: "notes",
      notes: [label("结余 = 已交代办费 − 代购支出 − 已退还。", "Balance = paid in − items bought − paid back.")]
    },
    ...signatureLines(options, [
      { role: label("经办人", "Handled by"), name: options.publisher },
      { role: label("家长签字", "Parent"), name: undefined }
    ])
  ]
  return make({
    title: label("代办费结算单", "Prepaid-items statement"),
    subtitle: statement.term,
    ...documentFields(options),
    sections: [{ blocks }]
  })
}

/**
 * Names of the kinds of meal-fee entry, for the statement's lines.
 *
 * @since 0.1.0
 * @category constants
 */
export const accountEntryLabels: Readonly<Record<Canteen.AccountEntryKind, Messages>> = {
  deposit: label("缴费", "payment"),
  charge: label("扣费", "charge"),
  refund: label("退费", "refund"),
  payout: label("退还余额", "balance paid back"),
  adjustment: label("调整", "adjustment")
}

/**
 * The meal-fee statement (伙食费对账单) of one account for a period, for the diner or the parents:
 * the balance brought forward, each entry (date, kind, meal days, month, change, balance after
 * it), the totals of each kind and the closing balance — as
 * `houqin.canteen.accountStatement(school, account, from, to)` gives them (a negative balance is
 * owed by the diner).
 *
 * @since 0.1.0
 * @category builders
 */
export const mealFeeStatement = (
  statement: Canteen.MealFee.AccountStatement,
  options: PrepaidStatementOptions = {}
): Result.Result<Report, ValidationError> => {
  const money = { kind: "money", currency: statement.currency } as const
  const t = statement.totals
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        ...holderFields(statement, options),
        { label: label("账户", "account"), value: statement.accountId },
        { label: label("期初余额", "brought forward"), value: statement.opening, type: money },
        { label: label("本期缴费", "paid in"), value: t.deposits, type: money },
        { label: label("本期扣费", "charged"), value: t.charges, type: money },
        { label: label("本期退费", "refunded"), value: t.refunds, type: money },
        { label: label("退还余额", "paid back"), value: t.payouts, type: money },
        { label: label("调整", "adjustments"), value: t.adjustments, type: money },
        { label: label("期末余额", "closing balance"), value: statement.closing, type: money }
      ]
    },
    {
      type: "table",
      caption: label("明细", "Entries"),
      columns: [
        { label: label("日期", "date"), kind: "date" },
        { label: label("序号", "no."), kind: "integer" },
        { label: label("类型", "kind"), kind: "text" },
        { label: label("月份", "month"), kind: "text" },
        { label: label("天数", "meal days"), kind: "integer" },
        { label: label("说明", "note"), kind: "text" },
        { label: label("金额", "amount"), ...money },
        { label: label("余额", "balance"), ...money }
      ],
      rows: [
        [statement.from, null, label("期初余额", "brought forward"), null, null, null, null, statement.opening],
        ...statement.lines.map((l): ReadonlyArray<CellInput> => [
          l.date,
          l.seq,
          accountEntryLabels[l.kind],
          l.month ?? null,
          l.days ?? null,
          l.note ?? null,
          l.change,
          l.balance
        ])
      ],
      empty: label("本期无收支", "no entries in the period")
    },
    {
      type: "notes",
      notes: [
        label(
          "期末余额 = 期初余额 + 缴费 − 扣费 + 退费 − 退还余额 ± 调整；余额为负表示欠费。",
          "Closing balance = brought forward + paid in − charged + refunded − paid back ± adjustments; a negative balance is owed."
        )
      ]
    },
    ...signatureLines(options, [
      { role: label("经办人", "Handled by"), name: options.publisher },
      { role: label("家长/本人签字", "Diner or parent"), name: undefined }
    ])
  ]
  return make({
    title: label("伙食费对账单", "Meal-fee statement"),
    subtitle: periodText(statement.from, statement.to),
    ...documentFields(options),
    sections: [{ blocks }]
  })
}

const ratingLabels: Readonly<Record<"good" | "fair" | "poor", Messages>> = {
  good: label("好", "good"),
  fair: label("一般", "fair"),
  poor: label("差", "poor")
}

const companionText = (c: Canteen.Companion): Messages => {
  const who = c._tag === "parent" ? c.name : c.name ?? c.staffId
  const role = c._tag === "leader" ? label("学校负责人", "school leader") : c._tag === "staff" ? label("教职工", "staff") : label("家长", "parent")
  return label(`${who}（${role.zh}）`, `${who} (${role.en})`)
}

/**
 * The daily food-safety register of a period (食品安全日常记录): the tableware disinfection record
 * (餐用具消毒记录 — start, meal, method, temperature or available chlorine, seconds, what, who), the
 * accompanied-meal record (陪餐记录 — meal, who ate, rating, problems found), the food handlers'
 * morning checks (从业人员晨检记录 — handler, time, temperature, symptoms, stood down, checked by)
 * and the findings, as `houqin.canteen.hygieneRegister(school, from, to)` gives them.
 *
 * @since 0.1.0
 * @category builders
 */
export const hygieneRegisterReport = (
  register: Canteen.Hygiene.HygieneRegister,
  options: DocumentOptions & { readonly handlerNames?: Readonly<Record<string, string>> } = {}
): Result.Result<Report, ValidationError> => {
  const meal = (k: Canteen.MealKind | undefined): Messages => (k === undefined ? label("全天", "whole day") : Meal.mealKindLabels[k])
  const handler = (id: string) => options.handlerNames?.[id] ?? id
  const blocks: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        { label: label("期间", "period"), value: periodText(register.from, register.to) },
        { label: label("供餐餐次", "meals served"), value: register.meals.length, type: { kind: "integer" } },
        { label: label("问题", "findings"), value: register.findings.length, type: { kind: "integer" } }
      ]
    },
    {
      type: "table",
      caption: label("餐用具消毒记录", "Tableware disinfection"),
      columns: [
        { label: label("开始时间", "started"), kind: "instant" },
        { label: label("餐次", "meal"), kind: "text" },
        { label: label("方式", "method"), kind: "text" },
        { label: label("温度（°C）", "temperature (°C)"), kind: "decimal", scale: 1 },
        { label: label("有效氯（mg/L）", "chlorine (mg/L)"), kind: "decimal" },
        { label: label("时间（秒）", "seconds"), kind: "integer" },
        { label: label("消毒物品", "items"), kind: "text" },
        { label: label("操作人", "operator"), kind: "text" }
      ],
      rows: register.disinfections.map((d): ReadonlyArray<CellInput> => [
        d.at,
        meal(d.meal),
        Canteen.Hygiene.disinfectionMethodLabels[d.method],
        d.celsius ?? null,
        d.chlorineMgPerL ?? null,
        d.seconds,
        d.items ?? "",
        d.operator
      ]),
      empty: label("本期无消毒记录", "no disinfection recorded")
    },
    {
      type: "table",
      caption: label("陪餐记录", "Accompanied meals"),
      columns: [
        { label: label("日期", "date"), kind: "date" },
        { label: label("餐次", "meal"), kind: "text" },
        { label: label("陪餐人员", "ate with the students"), kind: "text" },
        { label: label("评价", "rating"), kind: "text" },
        { label: label("发现的问题", "problems found"), kind: "text" }
      ],
      rows: register.accompaniedMeals.map((a): ReadonlyArray<CellInput> => [
        a.date,
        meal(a.meal),
        listText(a.companions.map(companionText)),
        a.rating === undefined ? "" : ratingLabels[a.rating],
        a.problems.join("；")
      ]),
      empty: label("本期无陪餐记录", "no accompanied meal recorded")
    },
    {
      type: "table",
      caption: label("从业人员晨检记录", "Food handlers' morning checks"),
      columns: [
        { label: label("日期", "date"), kind: "date" },
        { label: label("姓名", "handler"), kind: "text" },
        { label: label("时间", "time"), kind: "instant" },
        { label: label("体温（°C）", "temperature (°C)"), kind: "decimal", scale: 1 },
        { label: label("症状", "symptoms"), kind: "text" },
        { label: label("暂停上岗", "stood down"), kind: "text" },
        { label: label("检查人", "checked by"), kind: "text" }
      ],
      rows: register.handlerChecks.map((c): ReadonlyArray<CellInput> => [
        c.date,
        handler(c.handlerId),
        c.at,
        c.celsius ?? null,
        c.symptoms.length === 0 ? words.none : listText(c.symptoms.map((s) => Canteen.Hygiene.handlerSymptomLabels[s])),
        c.standDown ? words.yes : words.no,
        c.checkedBy
      ]),
      empty: label("本期无晨检记录", "no morning check recorded")
    },
    findingsTable(register.findings, { caption: label("发现的问题", "Findings") }),
    ...signatureLines(options, [
      { role: label("食堂负责人", "Canteen manager"), name: options.publisher },
      { role: label("食品安全管理员", "Food safety officer"), name: undefined }
    ])
  ]
  return make({
    title: label("食品安全日常记录", "Daily food-safety records"),
    subtitle: periodText(register.from, register.to),
    ...documentFields(options),
    sections: [{ blocks }]
  })
}

const weekdayLabels: ReadonlyArray<Messages> = [
  label("星期一", "Monday"),
  label("星期二", "Tuesday"),
  label("星期三", "Wednesday"),
  label("星期四", "Thursday"),
  label("星期五", "Friday"),
  label("星期六", "Saturday"),
  label("星期日", "Sunday")
]

/**
 * Options of the weekly menu publication: the recipes (to name the dishes; ids otherwise) and the
 * planned meals of the week (for the pre-meal price of each dish, 餐前合算), and who drew up the
 * menu (制定人, before 审核人 and 公示人).
 *
 * @since 0.1.0
 * @category models
 */
export interface MenuReportOptions extends DocumentOptions {
  readonly recipes?: ReadonlyArray<Canteen.Recipe>
  readonly meals?: ReadonlyArray<Canteen.Meal>
  readonly preparer?: string
}

/**
 * The weekly menu publication (每周食谱公示): the week's meals day by day — date, weekday, meal,
 * dishes — then, for the meals already planned, each dish's pre-meal price per serving (餐前菜价合算:
 * planned servings, cost per serving, cost; a costing with unpriced ingredients is marked
 * incomplete, never printed as a price), then the menu's findings (the menu rules of the pack,
 * banned high-risk foods) and those raised when the meals were planned, and the signature lines
 * (制定人, 审核人, 公示人). A cancelled meal is left out of the prices.
 *
 * @since 0.1.0
 * @category builders
 */
export const weeklyMenuPublication = (menu: Canteen.Menu, options: MenuReportOptions = {}): Result.Result<Report, ValidationError> => {
  const names = new Map((options.recipes ?? []).map((r) => [r.id as string, r.name]))
  const dish = (id: string): string => names.get(id) ?? id
  const weekEnd = LocalDate.addDays(menu.weekStart, 6)
  const order = (a: { readonly date: string; readonly kind: Canteen.MealKind }, b: { readonly date: string; readonly kind: Canteen.MealKind }) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : Meal.MealKind.literals.indexOf(a.kind) - Meal.MealKind.literals.indexOf(b.kind)
  const menuMeals = [...menu.meals].sort(order)
  const planned = (options.meals ?? [])
    .filter((m) => m.date >= menu.weekStart && m.date <= weekEnd && m.status !== "cancelled")
    .sort(order)
  const currency = planned[0]?.currency ?? "CNY"
  const money = { kind: "money", currency } as const
  const incomplete = (m: Canteen.Meal, recipeId: string): boolean => {
    const d = m.preMealCost.dishes.find((x) => x.recipeId === recipeId)
    return d === undefined || Canteen.MealCost.unpricedLines(d).length > 0
  }
  const priceRows: Array<ReadonlyArray<CellInput>> = planned.flatMap((m) =>
    m.dishes.map((d) => {
      const cost = m.preMealCost.dishes.find((x) => x.recipeId === d.recipeId)
      const partial = incomplete(m, d.recipeId)
      return [
        m.date,
        Meal.mealKindLabels[m.kind],
        dish(d.recipeId),
        d.plannedServings,
        partial || cost === undefined ? null : cost.perServing,
        partial || cost === undefined ? null : cost.cost,
        partial ? label("缺少价格，未能合算", "incomplete: ingredients without a price") : null
      ]
    })
  )
  const findings = [...menu.findings, ...planned.flatMap((m) => m.findings ?? [])]
  return make({
    title: label("每周食谱公示", "Weekly menu"),
    subtitle: `${menu.weekStart} — ${weekEnd}`,
    ...documentFields(options),
    sections: [
      {
        title: label("食谱", "Menu"),
        blocks: [{
          type: "table",
          columns: [
            { label: label("日期", "date"), kind: "date" },
            { label: label("星期", "day"), kind: "text" },
            { label: label("餐次", "meal"), kind: "text" },
            { label: label("菜品", "dishes"), kind: "text" }
          ],
          rows: menuMeals.map((m) => [
            m.date,
            weekdayLabels[LocalDate.dayOfWeek(m.date) - 1]!,
            Meal.mealKindLabels[m.kind],
            listText(m.dishes.map((id) => ({ zh: dish(id), en: dish(id) })))
          ]),
          empty: label("本周无食谱", "no meals this week")
        }]
      },
      {
        title: label("餐前菜价合算", "Dish prices before the meal"),
        blocks: [{
          type: "table",
          columns: [
            { label: label("日期", "date"), kind: "date" },
            { label: label("餐次", "meal"), kind: "text" },
            { label: label("菜品", "dish"), kind: "text" },
            { label: label("计划份数", "servings planned"), kind: "integer" },
            { label: label("每份成本", "cost per serving"), ...money },
            { label: label("成本", "cost"), ...money },
            { label: label("说明", "note"), kind: "text" }
          ],
          rows: priceRows,
          empty: label("本周尚无已计划的餐次", "no meal of this week is planned yet")
        }, {
          type: "notes",
          notes: [
            label(
              "菜价按计划餐次的餐前合算：配方毛料用量按库存价值或价目表计价；有原料无价可依时不公布该菜价格。",
              "Prices are the planned meals' pre-meal costings: each recipe's gross quantities at stock value or from the price list; a dish with an ingredient nothing priced shows no price."
            )
          ]
        }]
      },
      {
        title: label("检查发现", "Findings"),
        blocks: [
          findingsTable(findings),
          ...signatureLines(options, [
            { role: label("制定人", "Drawn up by"), name: options.preparer },
            { role: words.reviewer, name: options.reviewer },
            { role: words.publisher, name: options.publisher }
          ])
        ]
      }
    ]
  })
}
