/**
 * The `approvals` section of a rule pack: policy presets as data.
 *
 * - `kindergarten`: the seed documents' rule — purchases up to ¥1,000 approved by the committee
 *   (园委会); above ¥1,000 the committee discusses it, a form is approved, and the purchase goes
 *   through a designated government purchasing point.
 * - `school`: the director – officer – team leader responsibility chain (主任—干事—班(组)长逐级
 *   管理责任制), with major spending taken to the school committee as a collective decision.
 * - `government`: the school preset plus rules generated from the procurement thresholds of
 *   `data/procurement-thresholds.csv` (via `src/data/procurement-thresholds.generated.ts`).
 *
 * The presets name the roles `teamLeader`, `officer`, `director` and `committee`, the levels the
 * kernel's org chart uses (10 < 20 < 30 < 40); a school whose roles have other ids overrides the
 * presets in its own pack. No rule here is a legal minimum that a school may not loosen, so the
 * section declares no strictness; the government thresholds bind public schools by law, and a
 * school should keep them when it overrides the rest.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Procurement from "../data/procurement-thresholds.generated.ts"
import type { RoleId } from "../kernel/People.ts"
import * as RP from "../kernel/RulePack.ts"
import type { ConditionKind, PolicyTemplate, RequestKind, Rule, StepRequirement } from "./model.ts"
import { PolicyTemplate as PolicyTemplateSchema, requestKinds } from "./model.ts"
import { kindLabel } from "./labels.ts"

/**
 * The schema of the section.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApprovalsRules = Schema.Struct({
  presets: Schema.Struct({
    kindergarten: PolicyTemplateSchema,
    school: PolicyTemplateSchema,
    government: PolicyTemplateSchema
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export type ApprovalsRules = typeof ApprovalsRules.Type

/**
 * The section, for `packs/RulePack.ts`.
 *
 * @since 0.1.0
 * @category sections
 */
export const section = RP.section("approvals", ApprovalsRules)

const committee: StepRequirement = { approvers: { type: "role", roleId: "committee" as RoleId }, quorum: { type: "all" } }

/**
 * The seed kindergarten rule (材物管理: 购置仟元以内物品由园委会讨论通过，仟元以上的物品由园委会讨论通过，
 * 再填表审批，并到指定的政府采购点去购置). "仟元以内" includes ¥1,000.00 itself; "仟元以上" is
 * what lies above it.
 *
 * @since 0.1.0
 * @category presets
 */
export const kindergarten: PolicyTemplate = {
  name: { zh: "幼儿园物品购置审批", en: "Kindergarten purchase approval" },
  kinds: ["purchase"],
  source: "seed documents (../shared/seeds), a kindergarten's semester report, 材物管理 item 1",
  rules: [
    {
      id: "kg.upTo1000",
      name: { zh: "仟元以内物品由园委会讨论通过", en: "Up to ¥1,000: approved by the committee" },
      kinds: ["purchase"],
      // ¥1,000.00 = 100,000 fen, inclusive (仟元以内) — seed documents
      when: { amount: { lte: 100_000 } },
      steps: [committee],
      source: "seed: 购置仟元以内物品由园委会讨论通过"
    },
    {
      id: "kg.above1000",
      name: {
        zh: "仟元以上物品经园委会讨论通过，再填表审批，并到指定的政府采购点购置",
        en: "Above ¥1,000: committee discussion, an approval form and a designated government purchasing point"
      },
      kinds: ["purchase"],
      // above ¥1,000.00 = 100,000 fen (仟元以上) — seed documents
      when: { amount: { gt: 100_000 } },
      steps: [committee],
      conditions: ["collectiveDecision", "form", "designatedPurchasingPoint"],
      source: "seed: 仟元以上的物品由园委会讨论通过，再填表审批，并到指定的政府采购点去购置"
    }
  ]
}

/**
 * A school rule on the director – officer – team leader chain: every request climbs the
 * requester's department's responsibility chain (team leader, then officer, then director), each
 * link within 48 hours or it escalates to the next level; purchases, disposals and budget changes
 * of ¥50,000 or more also need the school committee's collective decision (三重一大).
 *
 * @since 0.1.0
 * @category presets
 */
export const school: PolicyTemplate = {
  name: { zh: "学校后勤审批（主任—干事—班组长逐级负责）", en: "School logistics approval (director – officer – team leader chain)" },
  kinds: requestKinds,
  source: "seed documents (../shared/seeds), a school's plan: 建立主任—干事—班(组)长逐级管理责任制",
  rules: [
    {
      id: "school.chain",
      name: { zh: "逐级审批：班组长、干事、主任", en: "Up the chain: team leader, officer, director" },
      kinds: requestKinds,
      when: {},
      steps: [{
        approvers: { type: "chain" },
        quorum: { type: "chain" },
        // 48 hours per step: school practice, no national source
        deadlineHours: 48,
        escalateTo: { type: "nextLevel" }
      }]
    },
    {
      id: "school.major",
      name: { zh: "大额支出由校务会集体决策（三重一大）", en: "Major spending: a collective decision of the school committee" },
      kinds: ["purchase", "assetDisposal", "budgetChange"],
      // ¥50,000 = 5,000,000 fen: a common school threshold for 三重一大 spending; no national
      // source — each school sets its own in its pack
      when: { amount: { gte: 5_000_000 } },
      steps: [committee],
      conditions: ["collectiveDecision"]
    }
  ]
}

const ruleNamesEn: Readonly<Record<string, string>> = {
  "分散采购限额标准": "decentralised purchasing limit",
  "公开招标数额标准": "open-tender threshold",
  "必须招标(工程建设项目)": "tender required by law (construction projects)",
  "必须招标项目范围": "scope of projects that must be tendered"
}

const conditionsOf = (rule: string): ReadonlyArray<ConditionKind> =>
  rule.startsWith("分散采购限额标准")
    ? ["governmentProcurement"]
    : rule.startsWith("公开招标数额标准")
    ? ["governmentProcurement", "openTender"]
    : ["mandatoryTender"]

const isWorks = (row: Procurement.Row): boolean =>
  row.jurisdiction === "national" || /工程|施工|勘察|设计|监理/.test(row.object)

// a goods-and-services row ("货物、服务", "货物和服务", "货物或服务") that is not about works
const isServices = (row: Procurement.Row): boolean => !isWorks(row) && row.object.includes("服务")

/**
 * The request kinds that buy a service: a repair (维修服务; building work is category `works`,
 * under the works thresholds). Purchases buy goods or services and are covered by the goods rule;
 * disposals, requisitions from stock and budget changes buy nothing.
 *
 * @since 0.1.0
 * @category presets
 */
export const serviceKinds: ReadonlyArray<RequestKind> = ["repair"]

/**
 * Rules generated from rows of the procurement-thresholds table: each row becomes a rule that
 * matches amounts at or above its threshold (the table's `comparison`), on purchases — or, for
 * works, on repairs of category `works` — and requires government procurement, an open tender or
 * a tender required by law. A goods-and-services row also becomes a second rule (`<id>.services`)
 * on the {@link serviceKinds} (repairs), for every category but `works`. A share condition in the row's `effect` ("预算资金占投资额10%以上")
 * becomes a test on the attribute `budgetFundShare` (以上 includes the boundary).
 *
 * @since 0.1.0
 * @category presets
 */
export const procurementRules = (rows: ReadonlyArray<Procurement.Row>): Array<Rule> =>
  rows.flatMap((row, i) => {
    const fen = Math.round(row.thresholdCny * 100)
    const share = /(\d+(?:\.\d+)?)%以上/.exec(row.effect)
    const kinds: ReadonlyArray<RequestKind> = isWorks(row) ? ["repair"] : ["purchase"]
    const ruleEn = ruleNamesEn[row.rule] ?? row.rule
    const rule: Rule = {
      id: `gov.${row.jurisdiction}.${i + 1}`,
      name: { zh: `${row.rule}：${row.object}`, en: `${ruleEn}: ${row.object}` },
      kinds,
      when: {
        amount: row.comparison === ">" ? { gt: fen } : { gte: fen },
        ...(isWorks(row) ? { category: ["works"] } : {}),
        ...(share === null ? {} : { attributes: [{ key: "budgetFundShare", op: "gte" as const, value: Number(share[1]) / 100 }] })
      },
      steps: [],
      conditions: conditionsOf(row.rule),
      source: `${row.source} (${row.confidence})`
    }
    if (!isServices(row)) return [rule]
    // the same threshold for the request kinds that buy a service, less building work (works)
    return [rule, {
      ...rule,
      id: `${rule.id}.services`,
      name: { zh: `${row.rule}：${row.object}（服务：${serviceKinds.map((k) => kindLabel[k].zh).join("、")}）`, en: `${ruleEn}: ${row.object} (services: ${serviceKinds.map((k) => kindLabel[k].en).join(", ")})` },
      kinds: serviceKinds,
      when: { ...rule.when, categoryNot: ["works"] }
    }]
  })

/**
 * The rows of the procurement-thresholds table that bind a school: the local guideline for
 * city- and county-level units (a school is one; the provincial row is left out) and the national
 * tendering rules. The central catalogue binds central budget units only.
 *
 * @since 0.1.0
 * @category presets
 */
export const schoolProcurementRows: ReadonlyArray<Procurement.Row> = Procurement.rows.filter((r) =>
  (r.jurisdiction === "local_guideline" && !r.object.startsWith("省级")) || r.jurisdiction === "national"
)

/**
 * The example government pack: the school preset plus the generated procurement rules.
 *
 * @since 0.1.0
 * @category presets
 */
export const government: PolicyTemplate = {
  name: { zh: "公办学校审批（含政府采购限额标准）", en: "Public school approval (with government procurement thresholds)" },
  kinds: requestKinds,
  source: "school preset + data/procurement-thresholds.csv (财库〔2019〕69号; 发改委令第16号)",
  rules: [...school.rules, ...procurementRules(schoolProcurementRows)]
}

/**
 * The `cn` defaults of the section.
 *
 * @since 0.1.0
 * @category packs
 */
export const cn: ApprovalsRules = {
  presets: { kindergarten, school, government }
}
