/**
 * The shared people-and-organisation model: the school, its departments, roles (with their level
 * in the responsibility chain), staff, grades, classes, students and diner groups. Takers,
 * custodians, approvers, diners and requesters in every module refer to it.
 *
 * An `Organisation` is one aggregate per school (its org chart); students are aggregates of their
 * own, since a school has thousands.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Messages } from "./Errors.ts"
import * as Id from "./Id.ts"
import { LocalDateSchema } from "./LocalDate.ts"
import { ZoneSchema } from "./Time.ts"

/** @since 0.1.0 @category schemas */
export const SchoolId = Id.branded("SchoolId")
/** @since 0.1.0 @category models */
export type SchoolId = typeof SchoolId.Type
/** @since 0.1.0 @category schemas */
export const StaffId = Id.branded("StaffId")
/** @since 0.1.0 @category models */
export type StaffId = typeof StaffId.Type
/** @since 0.1.0 @category schemas */
export const StudentId = Id.branded("StudentId")
/** @since 0.1.0 @category models */
export type StudentId = typeof StudentId.Type
/** @since 0.1.0 @category schemas */
export const DepartmentId = Id.branded("DepartmentId")
/** @since 0.1.0 @category models */
export type DepartmentId = typeof DepartmentId.Type
/** @since 0.1.0 @category schemas */
export const GradeId = Id.branded("GradeId")
/** @since 0.1.0 @category models */
export type GradeId = typeof GradeId.Type
/** @since 0.1.0 @category schemas */
export const ClassId = Id.branded("ClassId")
/** @since 0.1.0 @category models */
export type ClassId = typeof ClassId.Type
/** @since 0.1.0 @category schemas */
export const DinerGroupId = Id.branded("DinerGroupId")
/** @since 0.1.0 @category models */
export type DinerGroupId = typeof DinerGroupId.Type
/** @since 0.1.0 @category schemas */
export const RoleId = Id.branded("RoleId")
/** @since 0.1.0 @category models */
export type RoleId = typeof RoleId.Type

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))

/**
 * Kinds of school.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SchoolKind = Schema.Literals(["kindergarten", "primary", "secondary", "nineYear", "twelveYear", "vocational", "special", "other"])

/**
 * @since 0.1.0
 * @category schemas
 */
export const School = Schema.Struct({
  id: SchoolId,
  name: Name,
  kind: SchoolKind,
  zone: ZoneSchema,
  region: Schema.optionalKey(Schema.String)
})

/**
 * A role in the organisation. `level` orders the responsibility chain: a higher level is more
 * senior (team leader 10 < officer 20 < director 30 < committee 40 in the presets).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Role = Schema.Struct({
  id: RoleId,
  name: Messages,
  level: Schema.Int
})
/** @since 0.1.0 @category models */
export type Role = typeof Role.Type

/** @since 0.1.0 @category schemas */
export const Department = Schema.Struct({
  id: DepartmentId,
  name: Name,
  parentId: Schema.optionalKey(DepartmentId),
  headId: Schema.optionalKey(StaffId)
})
/** @since 0.1.0 @category models */
export type Department = typeof Department.Type

/** @since 0.1.0 @category schemas */
export const Staff = Schema.Struct({
  id: StaffId,
  name: Name,
  departmentId: Schema.optionalKey(DepartmentId),
  roles: Schema.Array(RoleId),
  active: Schema.Boolean
})
/** @since 0.1.0 @category models */
export type Staff = typeof Staff.Type

/**
 * A grade (年级). `level` orders grades: kindergarten 小班/中班/大班 are −2/−1/0, primary 1–6,
 * junior secondary 7–9, senior secondary 10–12.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Grade = Schema.Struct({
  id: GradeId,
  name: Name,
  level: Schema.Int
})
/** @since 0.1.0 @category models */
export type Grade = typeof Grade.Type

/** @since 0.1.0 @category schemas */
export const SchoolClass = Schema.Struct({
  id: ClassId,
  gradeId: GradeId,
  name: Name,
  headTeacherId: Schema.optionalKey(StaffId)
})
/** @since 0.1.0 @category models */
export type SchoolClass = typeof SchoolClass.Type

/**
 * A group of diners with one food budget and one meal fee: the students of some grades, staff,
 * or others (visitors, 陪餐 companions).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DinerGroup = Schema.Struct({
  id: DinerGroupId,
  name: Name,
  kind: Schema.Literals(["students", "staff", "other"]),
  gradeIds: Schema.optionalKey(Schema.Array(GradeId))
})
/** @since 0.1.0 @category models */
export type DinerGroup = typeof DinerGroup.Type

/**
 * A responsibility chain (主任—干事—班组长): the people responsible, most senior first, for a
 * department or, without one, for the whole logistics office.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResponsibilityChain = Schema.Struct({
  departmentId: Schema.optionalKey(DepartmentId),
  links: Schema.Array(Schema.Struct({ roleId: RoleId, staffId: StaffId }))
})
/** @since 0.1.0 @category models */
export type ResponsibilityChain = typeof ResponsibilityChain.Type

/**
 * A school's org chart: one aggregate per school.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Organisation = Schema.Struct({
  schoolId: SchoolId,
  id: SchoolId,
  version: Schema.Int,
  school: School,
  roles: Schema.Array(Role),
  departments: Schema.Array(Department),
  staff: Schema.Array(Staff),
  grades: Schema.Array(Grade),
  classes: Schema.Array(SchoolClass),
  dinerGroups: Schema.Array(DinerGroup),
  chains: Schema.Array(ResponsibilityChain)
})
/** @since 0.1.0 @category models */
export type Organisation = typeof Organisation.Type

/**
 * Sex as recorded for growth references: `M` or `F` (WHO codes them 1 and 2).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sex = Schema.Literals(["M", "F"])
/** @since 0.1.0 @category models */
export type Sex = typeof Sex.Type

/**
 * A student: an aggregate of its own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Student = Schema.Struct({
  schoolId: SchoolId,
  id: StudentId,
  version: Schema.Int,
  name: Name,
  sex: Sex,
  birthDate: LocalDateSchema,
  classId: ClassId,
  enrolled: Schema.Boolean
})
/** @since 0.1.0 @category models */
export type Student = typeof Student.Type

/**
 * The staff who hold a role (active staff only).
 *
 * @since 0.1.0
 * @category getters
 */
export const staffWithRole = (org: Organisation, roleId: RoleId): ReadonlyArray<Staff> =>
  org.staff.filter((s) => s.active && s.roles.includes(roleId))

/**
 * A staff member by id.
 *
 * @since 0.1.0
 * @category getters
 */
export const findStaff = (org: Organisation, staffId: string): Staff | undefined => org.staff.find((s) => s.id === staffId)

/**
 * A role by id.
 *
 * @since 0.1.0
 * @category getters
 */
export const findRole = (org: Organisation, roleId: string): Role | undefined => org.roles.find((r) => r.id === roleId)

/**
 * The head of a department, walking up to parent departments when one has none.
 *
 * @since 0.1.0
 * @category getters
 */
export const departmentHead = (org: Organisation, departmentId: string): StaffId | undefined => {
  const seen = new Set<string>()
  let current = org.departments.find((d) => d.id === departmentId)
  while (current !== undefined && !seen.has(current.id)) {
    if (current.headId !== undefined) return current.headId
    seen.add(current.id)
    const parent = current.parentId
    current = parent === undefined ? undefined : org.departments.find((d) => d.id === parent)
  }
  return undefined
}

/**
 * The responsibility chain of a department, or the school-wide chain when the department has
 * none of its own.
 *
 * @since 0.1.0
 * @category getters
 */
export const chainOf = (org: Organisation, departmentId?: string): ResponsibilityChain | undefined =>
  (departmentId === undefined ? undefined : org.chains.find((c) => c.departmentId === departmentId)) ??
    org.chains.find((c) => c.departmentId === undefined)

/**
 * The grade of a class.
 *
 * @since 0.1.0
 * @category getters
 */
export const gradeOfClass = (org: Organisation, classId: string): Grade | undefined => {
  const c = org.classes.find((k) => k.id === classId)
  return c === undefined ? undefined : org.grades.find((g) => g.id === c.gradeId)
}
