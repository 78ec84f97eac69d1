/**
 * A strict RFC 4180 reader for the tests: records end with CRLF, fields are separated by commas,
 * a quoted field may hold commas, quotes (doubled) and line breaks; a quote inside an unquoted
 * field or text after a closing quote is an error.
 */
export const parseCsv = (text: string): Array<Array<string>> => {
  if (!text.startsWith("\uFEFF")) throw new SyntaxError("no byte-order mark")
  const s = text.slice(1)
  const records: Array<Array<string>> = []
  let i = 0
  while (i < s.length) {
    const record: Array<string> = []
    for (;;) {
      let field = ""
      if (s[i] === "\"") {
        i++
        for (;;) {
          if (i >= s.length) throw new SyntaxError("unclosed quoted field")
          if (s[i] === "\"") {
            if (s[i + 1] === "\"") {
              field += "\""
              i += 2
            } else {
              i++
              break
            }
          } else field += s[i++]
        }
        if (!(s[i] === "," || s.startsWith("\r\n", i))) throw new SyntaxError(`text after a closing quote at ${i}`)
      } else {
        while (i < s.length && s[i] !== "," && !s.startsWith("\r\n", i)) {
          if (s[i] === "\"") throw new SyntaxError(`a quote inside an unquoted field at ${i}`)
          if (s[i] === "\r" || s[i] === "\n") throw new SyntaxError(`a bare line break at ${i}`)
          field += s[i++]
        }
      }
      record.push(field)
      if (s[i] === ",") {
        i++
        continue
      }
      if (!s.startsWith("\r\n", i)) throw new SyntaxError(`a record must end with CRLF (at ${i})`)
      i += 2
      break
    }
    records.push(record)
  }
  return records
}
