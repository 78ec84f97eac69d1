/**
 * Storage of the shared people-and-organisation model: the organisation (one per school) and the
 * students, with their repository services and commands.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Schema } from "effect"
import { ValidationError } from "../kernel/Errors.ts"
import type { Organisation as OrganisationType, Student as StudentType } from "../kernel/People.ts"
import { ClassId, Organisation, Sex, Student, StudentId } from "../kernel/People.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import * as Command from "./Command.ts"
import * as Repository from "./Repository.ts"
import { aggregate } from "./Storage.ts"

/**
 * The organisation aggregate (`kernel.organisation`).
 *
 * @since 0.1.0
 * @category specs
 */
export const OrganisationSpec = aggregate({
  name: "kernel.organisation",
  schema: Organisation,
  fields: {
    name: { kind: "text", get: (o: OrganisationType) => o.school.name },
    kind: { kind: "text", get: (o: OrganisationType) => o.school.kind }
  }
})

/**
 * The student aggregate (`kernel.student`), queryable by class, sex, birth date and enrolment.
 *
 * @since 0.1.0
 * @category specs
 */
export const StudentSpec = aggregate({
  name: "kernel.student",
  schema: Student,
  fields: {
    classId: { kind: "text", get: (s: StudentType) => s.classId },
    sex: { kind: "text", get: (s: StudentType) => s.sex },
    birthDate: { kind: "date", get: (s: StudentType) => s.birthDate },
    enrolled: { kind: "bool", get: (s: StudentType) => s.enrolled }
  }
})

/**
 * @since 0.1.0
 * @category services
 */
export class OrganisationRepository extends Context.Service<OrganisationRepository, Repository.Repository<OrganisationType>>()(
  "@houqin/core/OrganisationRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class StudentRepository extends Context.Service<StudentRepository, Repository.Repository<StudentType>>()(
  "@houqin/core/StudentRepository"
) {}

/**
 * The people repositories over a storage backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const repositories = Layer.mergeAll(
  Repository.layer(OrganisationRepository, OrganisationSpec),
  Repository.layer(StudentRepository, StudentSpec)
)

const checkOrganisation = (org: OrganisationType): Effect.Effect<OrganisationType, ValidationError> => {
  const ids = (kind: string, items: ReadonlyArray<{ readonly id: string }>) => {
    const seen = new Set<string>()
    for (let i = 0; i < items.length; i++) {
      const id = items[i]!.id
      if (seen.has(id)) {
        return ValidationError.at(["organisation", kind, i, "id"], { zh: `编号重复：${id}`, en: `duplicate id ${id}` }, "organisation.duplicateId")
      }
      seen.add(id)
    }
    return undefined
  }
  const error = ids("roles", org.roles) ?? ids("departments", org.departments) ?? ids("staff", org.staff) ??
    ids("grades", org.grades) ?? ids("classes", org.classes) ?? ids("dinerGroups", org.dinerGroups)
  if (error) return Effect.fail(error)
  const roleIds = new Set(org.roles.map((r) => r.id))
  const staffIds = new Set(org.staff.map((s) => s.id))
  const departmentIds = new Set(org.departments.map((d) => d.id))
  const gradeIds = new Set(org.grades.map((g) => g.id))
  for (let i = 0; i < org.staff.length; i++) {
    const s = org.staff[i]!
    const j = s.roles.findIndex((r) => !roleIds.has(r))
    if (j >= 0) {
      return Effect.fail(ValidationError.at(["organisation", "staff", i, "roles", j], {
        zh: `未定义的角色：${s.roles[j]}`,
        en: `unknown role ${s.roles[j]}`
      }, "organisation.unknownRole"))
    }
    if (s.departmentId !== undefined && !departmentIds.has(s.departmentId)) {
      return Effect.fail(ValidationError.at(["organisation", "staff", i, "departmentId"], {
        zh: `未定义的部门：${s.departmentId}`,
        en: `unknown department ${s.departmentId}`
      }, "organisation.unknownDepartment"))
    }
  }
  for (let i = 0; i < org.departments.length; i++) {
    const d = org.departments[i]!
    if (d.headId !== undefined && !staffIds.has(d.headId)) {
      return Effect.fail(ValidationError.at(["organisation", "departments", i, "headId"], {
        zh: `未定义的教职工：${d.headId}`,
        en: `unknown staff member ${d.headId}`
      }, "organisation.unknownStaff"))
    }
  }
  for (let i = 0; i < org.classes.length; i++) {
    if (!gradeIds.has(org.classes[i]!.gradeId)) {
      return Effect.fail(ValidationError.at(["organisation", "classes", i, "gradeId"], {
        zh: `未定义的年级：${org.classes[i]!.gradeId}`,
        en: `unknown grade ${org.classes[i]!.gradeId}`
      }, "organisation.unknownGrade"))
    }
  }
  for (let i = 0; i < org.chains.length; i++) {
    const links = org.chains[i]!.links
    for (let j = 0; j < links.length; j++) {
      const l = links[j]!
      if (!roleIds.has(l.roleId) || !staffIds.has(l.staffId)) {
        return Effect.fail(ValidationError.at(["organisation", "chains", i, "links", j], {
          zh: "责任链引用了未定义的角色或教职工",
          en: "the responsibility chain names an unknown role or staff member"
        }, "organisation.unknownChainLink"))
      }
    }
  }
  return Effect.succeed(org)
}

const OrganisationInput = Organisation.mapFields(({ version: _v, ...rest }) => ({ ...rest, version: Schema.optionalKey(Schema.Int) }))

/**
 * Records a school's organisation: creates it, or replaces it when `organisation.version` names the
 * version read.
 *
 * @since 0.1.0
 * @category commands
 */
export const saveOrganisation = Command.make({
  name: "kernel.saveOrganisation",
  input: Schema.Struct({ ...Command.contextFields, organisation: OrganisationInput }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* OrganisationRepository
      const org = yield* checkOrganisation({ ...input.organisation, version: input.organisation.version ?? 0 })
      if (org.schoolId !== input.schoolId || org.id !== input.schoolId || org.school.id !== input.schoolId) {
        return yield* ValidationError.at(["organisation", "schoolId"], {
          zh: "组织架构的学校编号必须与命令的学校编号一致",
          en: "the organisation's school id must be the command's school id"
        }, "organisation.schoolMismatch")
      }
      return org.version === 0 ? yield* repo.insert(org) : yield* repo.update(org)
    })
})

const StudentInput = Schema.Struct({
  id: StudentId,
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  sex: Sex,
  birthDate: LocalDateSchema,
  classId: ClassId
})

/**
 * Enrols students (a bulk write: one audit entry with the rows' count and hash).
 *
 * @since 0.1.0
 * @category commands
 */
export const enrolStudents = Command.make({
  name: "kernel.enrolStudents",
  bulk: "students",
  input: Schema.Struct({ ...Command.contextFields, students: Schema.Array(StudentInput) }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* StudentRepository
      const orgs = yield* OrganisationRepository
      const org = yield* orgs.get(input.schoolId, input.schoolId)
      const classes = new Set(org.classes.map((c) => c.id))
      const seen = new Set<string>()
      for (let i = 0; i < input.students.length; i++) {
        const s = input.students[i]!
        if (!classes.has(s.classId)) {
          return yield* ValidationError.at(["students", i, "classId"], { zh: `未定义的班级：${s.classId}`, en: `unknown class ${s.classId}` }, "student.unknownClass")
        }
        if (seen.has(s.id)) {
          return yield* ValidationError.at(["students", i, "id"], { zh: `学生编号重复：${s.id}`, en: `duplicate student id ${s.id}` }, "student.duplicateId")
        }
        seen.add(s.id)
      }
      return yield* repo.insertMany(input.students.map((s): StudentType => ({ ...s, schoolId: input.schoolId, version: 0, enrolled: true })))
    })
})

/**
 * Changes a student's class or marks the student as having left (`enrolled: false`).
 *
 * @since 0.1.0
 * @category commands
 */
export const updateStudent = Command.make({
  name: "kernel.updateStudent",
  input: Schema.Struct({
    ...Command.contextFields,
    studentId: StudentId,
    version: Schema.Int,
    classId: Schema.optionalKey(ClassId),
    enrolled: Schema.optionalKey(Schema.Boolean)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* StudentRepository
      const current = yield* repo.get(input.schoolId, input.studentId)
      return yield* repo.update({
        ...current,
        version: input.version,
        ...(input.classId === undefined ? {} : { classId: input.classId }),
        ...(input.enrolled === undefined ? {} : { enrolled: input.enrolled })
      })
    })
})
