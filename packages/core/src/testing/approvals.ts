/**
 * fast-check arbitraries and fixtures of the approvals module: org charts with the presets' roles,
 * random policies (rules over amount bands, categories and attributes, steps over roles, named
 * staff, department heads and the chain), and requests. Every value is accepted by its schema.
 *
 * @since 0.1.0
 */
import * as fc from "fast-check"
import type { Organisation } from "../kernel/People.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import type { ApproverSet, ConditionKind, Policy, PolicyTemplate, Quorum, Request, RequestKind, Rule } from "../approvals/model.ts"
import { requestKinds } from "../approvals/model.ts"
import type { Scenario } from "../simulation/model.ts"

const roles = [
  { id: "teamLeader", name: { zh: "班组长", en: "team leader" }, level: 10 },
  { id: "officer", name: { zh: "干事", en: "officer" }, level: 20 },
  { id: "director", name: { zh: "主任", en: "director" }, level: 30 },
  { id: "committee", name: { zh: "园委会", en: "committee" }, level: 40 }
]

/**
 * A kindergarten's org chart: a committee of three (the head, the deputy and the health teacher),
 * a logistics department with a director, an officer and a team leader, and teachers without an
 * approving role.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const kindergartenOrg = (schoolId = "kg-1"): Organisation => ({
  schoolId,
  id: schoolId,
  version: 0,
  school: { id: schoolId, name: "实验幼儿园", kind: "kindergarten", zone: "Asia/Shanghai" },
  roles,
  departments: [
    { id: "dept-logistics", name: "后勤组", headId: "s-director" },
    { id: "dept-teaching", name: "保教组", headId: "s-officer" }
  ],
  staff: [
    { id: "s-head", name: "王园长", roles: ["committee"], active: true },
    { id: "s-deputy", name: "李副园长", roles: ["committee"], active: true },
    { id: "s-health", name: "赵保健老师", roles: ["committee"], active: true },
    { id: "s-director", name: "陈主任", departmentId: "dept-logistics", roles: ["director"], active: true },
    { id: "s-officer", name: "刘干事", departmentId: "dept-logistics", roles: ["officer"], active: true },
    { id: "s-leader", name: "周组长", departmentId: "dept-logistics", roles: ["teamLeader"], active: true },
    { id: "s-teacher", name: "孙老师", departmentId: "dept-teaching", roles: [], active: true },
    { id: "s-teacher2", name: "吴老师", departmentId: "dept-teaching", roles: [], active: true }
  ],
  grades: [],
  classes: [],
  dinerGroups: [],
  chains: [{
    links: [
      { roleId: "director", staffId: "s-director" },
      { roleId: "officer", staffId: "s-officer" },
      { roleId: "teamLeader", staffId: "s-leader" }
    ]
  }]
}) as unknown as Organisation

/**
 * A request with sensible defaults (a purchase by a teacher, submitted 2026-03-02 09:00 +08:00).
 *
 * @since 0.1.0
 * @category fixtures
 */
export const request = (fields: Partial<Omit<Request, "amount">> & { readonly fen: number }): Request => {
  const { fen, ...rest } = fields
  return {
    id: "req-1",
    kind: "purchase",
    requesterId: "s-teacher",
    departmentId: "dept-teaching",
    title: "绘本一批",
    submittedAt: fromEpochMillis(Date.UTC(2026, 2, 2, 1, 0)),
    ...rest,
    amount: { amount: fen, currency: "CNY" }
  } as Request
}

/**
 * A random org chart: the four preset roles, 1–4 holders of each (so that some quorums cannot
 * be met), departments with heads and a responsibility chain, and staff without roles.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const orgChart = (schoolId = "school-p"): fc.Arbitrary<Organisation> =>
  fc.record({
    holders: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 5 })),
    plain: fc.integer({ min: 1, max: 4 }),
    departments: fc.integer({ min: 1, max: 3 })
  }).map(({ holders, plain, departments }) => {
    const staff: Array<{ id: string; name: string; departmentId: string; roles: Array<string>; active: boolean }> = []
    const depts = Array.from({ length: departments }, (_, i) => `dept-${i + 1}`)
    roles.forEach((role, r) => {
      for (let i = 0; i < holders[r]!; i++) {
        staff.push({ id: `${role.id}-${i + 1}`, name: `${role.name.zh}${i + 1}`, departmentId: depts[i % depts.length]!, roles: [role.id], active: true })
      }
    })
    for (let i = 0; i < plain; i++) staff.push({ id: `staff-${i + 1}`, name: `教职工${i + 1}`, departmentId: depts[i % depts.length]!, roles: [], active: true })
    return {
      schoolId,
      id: schoolId,
      version: 0,
      school: { id: schoolId, name: "测试学校", kind: "primary", zone: "Asia/Shanghai" },
      roles,
      departments: depts.map((id, i) => ({ id, name: `部门${i + 1}`, headId: `director-1` })),
      staff,
      grades: [],
      classes: [],
      dinerGroups: [],
      chains: [{
        links: [
          { roleId: "director", staffId: "director-1" },
          { roleId: "officer", staffId: "officer-1" },
          { roleId: "teamLeader", staffId: "teamLeader-1" }
        ]
      }]
    } as unknown as Organisation
  })

const approverSet: fc.Arbitrary<ApproverSet> = fc.oneof(
  fc.constantFrom(...roles.map((r) => ({ type: "role", roleId: r.id }) as ApproverSet)),
  fc.constantFrom(
    { type: "departmentHead" } as ApproverSet,
    { type: "chain" } as ApproverSet,
    { type: "staff", staffIds: ["committee-1", "director-1"] } as unknown as ApproverSet,
    { type: "staff", staffIds: ["officer-1"] } as unknown as ApproverSet
  )
)

const quorum: fc.Arbitrary<Quorum> = fc.oneof(
  fc.constant({ type: "oneOf" }),
  fc.constant({ type: "all" }),
  fc.constant({ type: "chain" }),
  fc.integer({ min: 2, max: 3 }).map((n): Quorum => ({ type: "nOf", n }))
)

/**
 * Thresholds the random policies use, in fen: amounts are drawn around them.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const thresholds: ReadonlyArray<number> = [50_000, 100_000, 500_000, 5_000_000]

const conditionKind: fc.Arbitrary<ConditionKind> = fc.constantFrom("collectiveDecision", "form", "designatedPurchasingPoint", "governmentProcurement")

/**
 * A random rule over amount bands, categories and an attribute.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const rule = (id: string, kinds: ReadonlyArray<RequestKind> = requestKinds): fc.Arbitrary<Rule> =>
  fc.record({
    kinds: fc.subarray([...kinds], { minLength: 1 }),
    low: fc.option(fc.tuple(fc.constantFrom(...thresholds), fc.boolean()), { nil: undefined }),
    category: fc.option(fc.constantFrom(["books"], ["food", "books"], ["works"]), { nil: undefined }),
    urgent: fc.option(fc.boolean(), { nil: undefined }),
    steps: fc.array(fc.record({ approvers: approverSet, quorum }), { minLength: 0, maxLength: 2 }),
    conditions: fc.uniqueArray(conditionKind, { maxLength: 2 })
  }).map(({ kinds: k, low, category, urgent, steps, conditions }): Rule => ({
    id,
    name: { zh: `规则 ${id}`, en: `rule ${id}` },
    kinds: k,
    when: {
      ...(low === undefined ? {} : { amount: low[1] ? { gte: low[0] } : { gt: low[0] } }),
      ...(category === undefined ? {} : { category }),
      ...(urgent === undefined ? {} : { attributes: [{ key: "urgent", op: "eq", value: urgent }] })
    },
    steps: steps.map((s) => (s.approvers.type === "role" || s.approvers.type === "staff" || s.quorum.type !== "nOf" ? s : { ...s, quorum: { type: "oneOf" } })),
    ...(conditions.length === 0 ? {} : { conditions })
  }))

/**
 * A random policy template of 1–5 rules over all request kinds, with a catch-all rule so that
 * most requests are routed.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const policyTemplate: fc.Arbitrary<PolicyTemplate> = fc.record({
  rules: fc.array(fc.integer(), { minLength: 1, maxLength: 5 }).chain((xs) => fc.tuple(...xs.map((_, i) => rule(`r${i + 1}`)))),
  repeat: fc.boolean()
}).map(({ rules, repeat }) => ({
  name: { zh: "随机政策", en: "random policy" },
  kinds: requestKinds,
  rules: [
    { id: "r0", name: { zh: "兜底", en: "catch-all" }, kinds: requestKinds, when: {}, steps: [{ approvers: { type: "role", roleId: "teamLeader" }, quorum: { type: "oneOf" } }] } as unknown as Rule,
    ...rules
  ],
  allowRepeatApprover: repeat
}))

/**
 * A stored policy from {@link policyTemplate}.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const policy = (schoolId = "school-p"): fc.Arbitrary<Policy> =>
  policyTemplate.map((t) => ({ ...t, schoolId, id: "policy-p", version: 0, revision: 1, effectiveFrom: "2026-01-01" }) as unknown as Policy)

/**
 * A random request by a member of `org`, its amount at, just below or just above a threshold,
 * or anywhere up to ¥100,000.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const requestOf = (org: Organisation, id = "req-p"): fc.Arbitrary<Request> =>
  fc.record({
    kind: fc.constantFrom(...requestKinds),
    requester: fc.constantFrom(...org.staff.map((s) => s.id)),
    fen: fc.oneof(
      fc.tuple(fc.constantFrom(...thresholds), fc.integer({ min: -1, max: 1 })).map(([t, d]) => t + d),
      fc.integer({ min: 0, max: 10_000_000 })
    ),
    category: fc.option(fc.constantFrom("books", "food", "works", "toys"), { nil: undefined }),
    urgent: fc.option(fc.boolean(), { nil: undefined })
  }).map(({ kind, requester, fen, category, urgent }) => {
    const staff = org.staff.find((s) => s.id === requester)!
    return {
      id,
      kind,
      requesterId: requester,
      ...(staff.departmentId === undefined ? {} : { departmentId: staff.departmentId }),
      title: "随机申请",
      amount: { amount: fen, currency: "CNY" },
      ...(category === undefined ? {} : { category }),
      ...(urgent === undefined ? {} : { attributes: { urgent } }),
      submittedAt: fromEpochMillis(1_772_413_200_000)
    } as unknown as Request
  })

/**
 * The org chart of a school of `students` students: a school committee (校务会) of 7, a logistics
 * office with a director, 3 officers and 6 team leaders (canteen, maintenance, dormitories,
 * grounds, stores, security), and one teacher per 16 students in 6 grade groups, each group's
 * responsibility chain running through one team leader and one officer to the director.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const schoolOrg = (students = 2000, schoolId = "school-1"): Organisation => {
  const teachers = Math.max(1, Math.round(students / 16))
  const groups = 6
  const staff: Array<{ id: string; name: string; departmentId?: string; roles: Array<string>; active: boolean }> = []
  for (let i = 1; i <= 7; i++) staff.push({ id: `committee-${i}`, name: `校务委员${i}`, roles: ["committee"], active: true })
  staff.push({ id: "director-1", name: "总务主任", departmentId: "dept-logistics", roles: ["director"], active: true })
  for (let i = 1; i <= 3; i++) staff.push({ id: `officer-${i}`, name: `干事${i}`, departmentId: "dept-logistics", roles: ["officer"], active: true })
  for (let i = 1; i <= 6; i++) staff.push({ id: `leader-${i}`, name: `班组长${i}`, departmentId: "dept-logistics", roles: ["teamLeader"], active: true })
  for (let i = 1; i <= teachers; i++) staff.push({ id: `teacher-${i}`, name: `教师${i}`, departmentId: `dept-group-${((i - 1) % groups) + 1}`, roles: [], active: true })
  const departments = [
    { id: "dept-logistics", name: "总务处", headId: "director-1" },
    ...Array.from({ length: groups }, (_, g) => ({ id: `dept-group-${g + 1}`, name: `${g + 1}年级组`, parentId: "dept-logistics", headId: `leader-${g + 1}` }))
  ]
  const chains = [
    { links: [{ roleId: "director", staffId: "director-1" }, { roleId: "officer", staffId: "officer-1" }, { roleId: "teamLeader", staffId: "leader-1" }] },
    ...Array.from({ length: groups }, (_, g) => ({
      departmentId: `dept-group-${g + 1}`,
      links: [
        { roleId: "director", staffId: "director-1" },
        { roleId: "officer", staffId: `officer-${(g % 3) + 1}` },
        { roleId: "teamLeader", staffId: `leader-${g + 1}` }
      ]
    }))
  ]
  return {
    schoolId,
    id: schoolId,
    version: 0,
    school: { id: schoolId, name: "第一中学", kind: "secondary", zone: "Asia/Shanghai" },
    roles: roles.map((r) => (r.id === "committee" ? { ...r, name: { zh: "校务会", en: "school committee" } } : r)),
    departments,
    staff,
    grades: [],
    classes: [],
    dinerGroups: [],
    chains
  } as unknown as Organisation
}

/**
 * A term (20 weeks of 5 school days, from 2026-03-02) of a school's requests: purchases, repairs,
 * requisitions, asset disposals and budget changes, with rates scaled to the number of students
 * (a 2,000-student school files about 17 a school day), approvers available for 90% of steps,
 * answering in 12 hours on average, rejecting 3% and returning 5%.
 *
 * @since 0.1.0
 * @category fixtures
 */
export const schoolScenario = (policy: Policy, options: { readonly students?: number; readonly org?: Organisation; readonly id?: string } = {}) => {
  const students = options.students ?? 2000
  const org = options.org ?? schoolOrg(students)
  const scale = students / 2000
  return {
    id: options.id ?? "school-term",
    name: { zh: "一学期的审批申请", en: "a term of approval requests" },
    term: { start: "2026-03-02", weeks: 20, daysPerWeek: 5, zone: "Asia/Shanghai", openHour: 8, closeHour: 17 },
    arrivals: [
      { kind: "purchase", perDay: 6 * scale, amount: { medianFen: 80_000, sigma: 1.2, minFen: 100, maxFen: 50_000_000 }, categories: [{ value: "teaching", weight: 5 }, { value: "office", weight: 3 }, { value: "canteen", weight: 2 }] },
      { kind: "repair", perDay: 3 * scale, amount: { medianFen: 30_000, sigma: 1, minFen: 100 }, categories: [{ value: "maintenance", weight: 9 }, { value: "works", weight: 1 }] },
      { kind: "requisition", perDay: 7.5 * scale, amount: { medianFen: 8_000, sigma: 0.8, minFen: 100 } },
      { kind: "assetDisposal", perDay: 0.3 * scale, amount: { medianFen: 300_000, sigma: 1, minFen: 100 } },
      { kind: "budgetChange", perDay: 0.2 * scale, amount: { medianFen: 2_000_000, sigma: 1, minFen: 100 } }
    ],
    requesters: org.staff.filter((s) => s.id.startsWith("teacher-") || s.id.startsWith("leader-")).map((s) => s.id),
    behaviour: { availability: 0.9, meanResponseHours: 12, rejectShare: 0.03, returnShare: 0.05, resubmitHours: 24, maxRounds: 3 },
    policy,
    org
  } as unknown as Scenario
}
