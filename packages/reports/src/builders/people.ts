/**
 * The people of a school from the kernel's organisation: the staff roster (教职工名册 — name,
 * department, roles, whether in post) and, with the students, the classes and how many pupils each
 * has (班级人数).
 *
 * @since 0.1.0
 */
import type { People, ValidationError } from "@houqin/core"
import type { Result } from "effect"
import { label, listText } from "../Locale.ts"
import type { BlockInput, Report } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * The staff roster and, with the students, the class list of a school.
 *
 * @since 0.1.0
 * @category builders
 */
export const staffRoster = (
  org: People.Organisation,
  options: DocumentOptions & { readonly students?: ReadonlyArray<People.Student> } = {}
): Result.Result<Report, ValidationError> => {
  const departments = new Map(org.departments.map((d) => [d.id as string, d.name]))
  const roles = new Map(org.roles.map((r) => [r.id as string, r]))
  const staff = [...org.staff].sort((a, b) =>
    (departments.get(a.departmentId ?? "") ?? "\uffff").localeCompare(departments.get(b.departmentId ?? "") ?? "\uffff", "zh-CN") ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
  const roleNames = (ids: ReadonlyArray<string>) => {
    const rs = ids.map((id) => roles.get(id)).filter((r) => r !== undefined).sort((a, b) => b.level - a.level)
    return rs.length === 0 ? null : listText(rs.map((r) => r.name))
  }
  const sections: Array<{ title?: { zh: string; en: string }; blocks: ReadonlyArray<BlockInput> }> = [{
    title: label("教职工", "Staff"),
    blocks: [
      {
        type: "fields",
        fields: [
          { label: label("在岗人数", "in post"), value: org.staff.filter((s) => s.active).length, type: { kind: "integer" } },
          { label: label("部门数", "departments"), value: org.departments.length, type: { kind: "integer" } }
        ]
      },
      {
        type: "table",
        columns: [
          { label: label("姓名", "name"), kind: "text" },
          { label: label("部门", "department"), kind: "text" },
          { label: label("岗位", "roles"), kind: "text" },
          { label: label("在岗", "in post"), kind: "text" }
        ],
        rows: staff.map((s) => [
          s.name,
          s.departmentId === undefined ? null : departments.get(s.departmentId) ?? s.departmentId,
          roleNames(s.roles),
          s.active ? label("是", "yes") : label("否", "no")
        ]),
        empty: label("无教职工记录", "no staff recorded")
      }
    ]
  }]
  if (options.students !== undefined) {
    const counts = new Map<string, { all: number; boys: number; girls: number }>()
    for (const s of options.students) {
      if (!s.enrolled) continue
      const c = counts.get(s.classId) ?? { all: 0, boys: 0, girls: 0 }
      c.all++
      if (s.sex === "M") c.boys++
      else c.girls++
      counts.set(s.classId, c)
    }
    const grades = new Map(org.grades.map((g) => [g.id as string, g]))
    const classes = [...org.classes].sort((a, b) =>
      (grades.get(a.gradeId)?.level ?? 0) - (grades.get(b.gradeId)?.level ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    )
    const total = { all: 0, boys: 0, girls: 0 }
    for (const c of counts.values()) {
      total.all += c.all
      total.boys += c.boys
      total.girls += c.girls
    }
    sections.push({
      title: label("班级", "Classes"),
      blocks: [{
        type: "table",
        columns: [
          { label: label("年级", "grade"), kind: "text" },
          { label: label("班级", "class"), kind: "text" },
          { label: label("人数", "pupils"), kind: "integer" },
          { label: label("男", "boys"), kind: "integer" },
          { label: label("女", "girls"), kind: "integer" }
        ],
        rows: classes.map((c) => {
          const n = counts.get(c.id) ?? { all: 0, boys: 0, girls: 0 }
          return [grades.get(c.gradeId)?.name ?? c.gradeId, c.name, n.all, n.boys, n.girls]
        }),
        totals: { label: label("合计", "total"), values: [null, null, total.all, total.boys, total.girls] }
      }]
    })
  }
  sections[sections.length - 1] = { ...sections[sections.length - 1]!, blocks: [...sections[sections.length - 1]!.blocks, ...signatureLines(options, [{ role: label("制表人", "Prepared by"), name: options.reviewer }])] }
  return make({
    title: label("教职工与班级名册", "Staff and classes"),
    school: options.school ?? org.school.name,
    ...documentFields({ ...options, zone: options.zone ?? org.school.zone }),
    sections
  })
}
