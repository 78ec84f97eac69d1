/**
 * A small, strict XML parser for the tests: it accepts only well-formed documents (one root, tags
 * that nest and match, quoted attributes without `<`, no duplicate attribute, only the five
 * predefined entities and character references, no character XML 1.0 forbids) and fails loudly
 * otherwise. It reads the renderers' SVG, the XLSX parts and the HTML (which is written as
 * well-formed markup), so a test can look at the text a hostile input became.
 */

export interface XmlElement {
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<XmlElement | string>
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y
const SPACE = /[ \t\r\n]*/y
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u

const decode = (s: string, where: number): string =>
  s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(";")) throw new SyntaxError(`bare & near ${where}`)
    switch (body) {
      case "amp":
        return "&"
      case "lt":
        return "<"
      case "gt":
        return ">"
      case "quot":
        return "\""
      case "apos":
        return "'"
    }
    const hex = /^#x([0-9a-fA-F]+)$/.exec(body)
    const dec = /^#([0-9]+)$/.exec(body)
    const cp = hex !== null ? parseInt(hex[1]!, 16) : dec !== null ? parseInt(dec[1]!, 10) : undefined
    if (cp === undefined || cp > 0x10ffff) throw new SyntaxError(`unknown entity &${body}; near ${where}`)
    return String.fromCodePoint(cp)
  })

export const parseXml = (xml: string): XmlElement => {
  if (FORBIDDEN.test(xml)) throw new SyntaxError("a character XML 1.0 forbids")
  let i = 0
  const skipSpace = () => {
    SPACE.lastIndex = i
    SPACE.exec(xml)
    i = SPACE.lastIndex
  }
  const name = (): string => {
    NAME.lastIndex = i
    const m = NAME.exec(xml)
    if (m === null) throw new SyntaxError(`a name expected at ${i}`)
    i = NAME.lastIndex
    return m[0]
  }
  const skipMisc = () => {
    for (;;) {
      skipSpace()
      if (xml.startsWith("<?", i)) {
        const end = xml.indexOf("?>", i)
        if (end < 0) throw new SyntaxError("unclosed processing instruction")
        i = end + 2
      } else if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i)
        if (end < 0) throw new SyntaxError("unclosed comment")
        i = end + 3
      } else if (/^<!DOCTYPE/i.test(xml.slice(i, i + 9))) {
        const end = xml.indexOf(">", i)
        i = end + 1
      } else return
    }
  }
  const element = (): XmlElement => {
    if (xml[i] !== "<") throw new SyntaxError(`< expected at ${i}`)
    i++
    const tag = name()
    const attrs: Record<string, string> = {}
    for (;;) {
      const before = i
      skipSpace()
      if (xml.startsWith("/>", i)) {
        i += 2
        return { name: tag, attrs, children: [] }
      }
      if (xml[i] === ">") {
        i++
        break
      }
      if (i === before) throw new SyntaxError(`space expected before an attribute at ${i}`)
      const a = name()
      skipSpace()
      if (xml[i] !== "=") throw new SyntaxError(`= expected at ${i}`)
      i++
      skipSpace()
      const q = xml[i]
      if (q !== "\"" && q !== "'") throw new SyntaxError(`quoted value expected at ${i}`)
      const end = xml.indexOf(q, i + 1)
      if (end < 0) throw new SyntaxError("unclosed attribute value")
      const raw = xml.slice(i + 1, end)
      if (raw.includes("<")) throw new SyntaxError(`< in an attribute value at ${i}`)
      if (Object.hasOwn(attrs, a)) throw new SyntaxError(`duplicate attribute ${a} at ${i}`)
      attrs[a] = decode(raw, i)
      i = end + 1
    }
    const children: Array<XmlElement | string> = []
    for (;;) {
      if (i >= xml.length) throw new SyntaxError(`unclosed element <${tag}>`)
      if (xml.startsWith("</", i)) {
        i += 2
        const closing = name()
        if (closing !== tag) throw new SyntaxError(`</${closing}> closes <${tag}> at ${i}`)
        skipSpace()
        if (xml[i] !== ">") throw new SyntaxError(`> expected at ${i}`)
        i++
        return { name: tag, attrs, children }
      }
      if (xml.startsWith("<!--", i)) {
        const end = xml.indexOf("-->", i)
        if (end < 0) throw new SyntaxError("unclosed comment")
        i = end + 3
        continue
      }
      if (xml[i] === "<") {
        children.push(element())
        continue
      }
      const next = xml.indexOf("<", i)
      const raw = xml.slice(i, next < 0 ? xml.length : next)
      if (raw.includes("]]>")) throw new SyntaxError("]]> in text")
      children.push(decode(raw, i))
      i = next < 0 ? xml.length : next
    }
  }
  skipMisc()
  const root = element()
  skipMisc()
  if (i !== xml.length) throw new SyntaxError(`content after the root element at ${i}`)
  return root
}

/** every element of a tree, depth first */
export const elements = function*(e: XmlElement): Generator<XmlElement> {
  yield e
  for (const c of e.children) if (typeof c !== "string") yield* elements(c)
}

/** the elements of a name */
export const byName = (e: XmlElement, name: string): Array<XmlElement> => [...elements(e)].filter((x) => x.name === name)

/** the text content of an element */
export const textOf = (e: XmlElement): string => e.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("")
