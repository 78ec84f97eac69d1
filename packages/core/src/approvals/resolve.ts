/**
 * Resolving approver sets against the org chart (the kernel's `People.Organisation`): who holds a
 * role, who heads the request's department, who is on its responsibility chain, and the level
 * that orders a step.
 *
 * @since 0.1.0
 */
import type { Messages } from "../kernel/Errors.ts"
import type { Organisation, Role, Staff } from "../kernel/People.ts"
import * as People from "../kernel/People.ts"
import type { ApproverSet, Request } from "./model.ts"

/**
 * An index of an organisation for fast look-ups (cached per organisation object).
 *
 * @since 0.1.0
 * @category models
 */
export interface OrgIndex {
  readonly org: Organisation
  readonly roles: ReadonlyMap<string, Role>
  readonly staff: ReadonlyMap<string, Staff>
  /** active holders of each role, by staff id */
  readonly holders: ReadonlyMap<string, ReadonlyArray<string>>
  /** the highest level of each staff member's roles (0 without roles) */
  readonly levelOf: ReadonlyMap<string, number>
  /** roles by ascending level, then id */
  readonly rolesByLevel: ReadonlyArray<Role>
}

const cache = new WeakMap<Organisation, OrgIndex>()

/**
 * The index of an organisation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const indexOrg = (org: Organisation): OrgIndex => {
  const hit = cache.get(org)
  if (hit !== undefined) return hit
  const roles = new Map(org.roles.map((r) => [r.id as string, r]))
  const staff = new Map(org.staff.map((s) => [s.id as string, s]))
  const holders = new Map<string, Array<string>>()
  const levelOf = new Map<string, number>()
  for (const s of org.staff) {
    let level = 0
    for (const r of s.roles) {
      const role = roles.get(r)
      if (role !== undefined) level = Math.max(level, role.level)
      if (s.active) {
        const list = holders.get(r) ?? []
        list.push(s.id)
        holders.set(r, list)
      }
    }
    levelOf.set(s.id, level)
  }
  for (const list of holders.values()) list.sort()
  const rolesByLevel = [...org.roles].sort((a, b) => a.level - b.level || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const index: OrgIndex = { org, roles, staff, holders, levelOf, rolesByLevel }
  cache.set(org, index)
  return index
}

/**
 * The members of an approver set for a request, and the words that name it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resolved {
  /** staff ids, ordered: by level then id (for a chain, the chain's own order, junior first) */
  readonly members: ReadonlyArray<string>
  readonly level: number
  readonly label: Messages
}

const nameOf = (ix: OrgIndex, id: string): string => ix.staff.get(id)?.name ?? id

const byLevel = (ix: OrgIndex) => (a: string, b: string): number =>
  (ix.levelOf.get(a) ?? 0) - (ix.levelOf.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0)

const maxLevel = (ix: OrgIndex, ids: ReadonlyArray<string>): number =>
  ids.reduce((m, id) => Math.max(m, ix.levelOf.get(id) ?? 0), 0)

const activeOnly = (ix: OrgIndex, ids: ReadonlyArray<string>): Array<string> =>
  ids.filter((id) => ix.staff.get(id)?.active === true)

/**
 * The department a request is for: the one it names, else the requester's own from the org chart.
 *
 * @since 0.1.0
 * @category resolution
 */
export const departmentOf = (ix: OrgIndex, request: Request): string | undefined =>
  request.departmentId ?? ix.staff.get(request.requesterId)?.departmentId

/**
 * The head who approves for a department: its head (or, when it has none, its nearest ancestor's,
 * as `People.departmentHead`); when that head is the requester, the head of the next department
 * up — nobody approves their own request, so a head's request goes to the head above them. Absent
 * when nobody above the requester heads a department.
 *
 * @since 0.1.0
 * @category resolution
 */
export const headFor = (ix: OrgIndex, departmentId: string | undefined, requesterId: string): string | undefined => {
  const seen = new Set<string>()
  let current = departmentId === undefined ? undefined : ix.org.departments.find((d) => d.id === departmentId)
  while (current !== undefined && !seen.has(current.id)) {
    if (current.headId !== undefined && current.headId !== requesterId) return current.headId
    seen.add(current.id)
    const parent = current.parentId
    current = parent === undefined ? undefined : ix.org.departments.find((d) => d.id === parent)
  }
  return undefined
}

const memo = new WeakMap<OrgIndex, Map<string, Resolved>>()
const staffMemo = new WeakMap<OrgIndex, WeakMap<ApproverSet, Resolved>>()

/**
 * Resolves an approver set for a request. Inactive staff are left out. Results that depend only
 * on the org chart (a role, named staff, a department's head or chain) are cached per index.
 *
 * @since 0.1.0
 * @category resolution
 */
export const resolve = (ix: OrgIndex, set: ApproverSet, request: Request): Resolved => {
  if (set.type === "attribute") return resolveUncached(ix, set, request)
  if (set.type === "staff") {
    let m = staffMemo.get(ix)
    if (m === undefined) {
      m = new WeakMap()
      staffMemo.set(ix, m)
    }
    let hit = m.get(set)
    if (hit === undefined) {
      hit = resolveUncached(ix, set, request)
      m.set(set, hit)
    }
    return hit
  }
  const dept = departmentOf(ix, request) ?? ""
  // a department head depends on who asks (a head asking goes to the parent department's head)
  const key = set.type === "role"
    ? `role\u0000${set.roleId}`
    : set.type === "departmentHead"
    ? `departmentHead\u0000${dept}\u0000${request.requesterId}`
    : `${set.type}\u0000${dept}`
  let m = memo.get(ix)
  if (m === undefined) {
    m = new Map()
    memo.set(ix, m)
  }
  let hit = m.get(key)
  if (hit === undefined) {
    hit = resolveUncached(ix, set, request)
    m.set(key, hit)
  }
  return hit
}

const resolveUncached = (ix: OrgIndex, set: ApproverSet, request: Request): Resolved => {
  switch (set.type) {
    case "role": {
      const role = ix.roles.get(set.roleId)
      const members = ix.holders.get(set.roleId) ?? []
      return {
        members,
        level: role?.level ?? 0,
        label: { zh: role?.name.zh ?? set.roleId, en: role?.name.en ?? set.roleId }
      }
    }
    case "staff": {
      const members = activeOnly(ix, [...new Set(set.staffIds)]).sort(byLevel(ix))
      const names = members.map((id) => nameOf(ix, id))
      return { members, level: maxLevel(ix, members), label: { zh: names.join("、"), en: names.join(", ") } }
    }
    case "departmentHead": {
      const head = headFor(ix, departmentOf(ix, request), request.requesterId)
      const members = head === undefined ? [] : activeOnly(ix, [head])
      const name = head === undefined ? "—" : nameOf(ix, head)
      return { members, level: maxLevel(ix, members), label: { zh: `部门负责人（${name}）`, en: `head of department (${name})` } }
    }
    case "attribute": {
      const v = request.attributes?.[set.key]
      const members = typeof v === "string" && ix.staff.has(v) ? activeOnly(ix, [v]) : []
      const name = typeof v === "string" ? nameOf(ix, v) : "—"
      return { members, level: maxLevel(ix, members), label: { zh: `申请中“${set.key}”指定的人员（${name}）`, en: `the person named by the request's "${set.key}" (${name})` } }
    }
    case "chain": {
      const chain = People.chainOf(ix.org, departmentOf(ix, request))
      // the chain is stored most senior first; approvals climb it, junior first
      const ids = chain === undefined ? [] : [...new Set(chain.links.map((l) => l.staffId as string))].reverse()
      const members = activeOnly(ix, ids)
      const names = members.map((id) => nameOf(ix, id))
      return {
        members,
        level: maxLevel(ix, members),
        label: { zh: `责任链（${names.join(" → ")}）`, en: `responsibility chain (${names.join(" → ")})` }
      }
    }
  }
}

/**
 * The role an overdue step escalates to: the named role, or the least senior role above `level`
 * that someone other than the requester holds.
 *
 * @since 0.1.0
 * @category resolution
 */
export const escalationRole = (
  ix: OrgIndex,
  target: { readonly type: "nextLevel" } | { readonly type: "role"; readonly roleId: string },
  level: number,
  requesterId: string
): Role | undefined => {
  if (target.type === "role") return ix.roles.get(target.roleId)
  return ix.rolesByLevel.find((r) => r.level > level && (ix.holders.get(r.id) ?? []).some((s) => s !== requesterId))
}
