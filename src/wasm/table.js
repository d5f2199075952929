// analysisCsv's table, flattened in JavaScript from the result the analysis method returned:
// the text the command line's `table` writes (Rust, src/export/table.rs, `node_csv`), compared
// table by table in tests/js/export.test.mjs. In JavaScript because the result is a JS object
// already: moving it back into the wasm to flatten it cost 4 KB of gzip the package has not.
//
// `mode`: 0 the result is one row, 1 each element is a row, 2 the fields named in `fields`
// (comma-separated) give the rows, with a first column `tag` naming the field when `tag` is set.
export function tableCsv(result, mode, fields, tag) {
  const columns = [], index = new Map(), nonEmpty = [], rows = [];
  let row, rowTag = null;
  const cell = (path, text) => {
    let c = index.get(path);
    if (c === undefined) {
      c = columns.length;
      index.set(path, c);
      columns.push(path);
      nonEmpty.push(false);
    }
    if (text !== "") nonEmpty[c] = true;
    row[c] = text;
  };
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  // A value in one cell: as JSON writes it (numbers as Rust's Display does, without an
  // exponent), null and non-finite numbers empty, a list's or object's values joined by ":".
  const text = (v) =>
    v === null || v === undefined
      ? ""
      : typeof v === "number"
        ? number(v)
        : typeof v === "object"
          ? (Array.isArray(v) ? v : Object.values(v)).map(text).join(":")
          : String(v);
  const cellOf = (path, v) => {
    if (isObject(v)) for (const [k, x] of Object.entries(v)) cellOf(path + "." + k, x);
    else cell(path, Array.isArray(v) ? v.map(text).join(";") : text(v));
  };
  const oneRow = (v) => {
    if (v === null || v === undefined) return;
    row = [];
    if (rowTag) cell(rowTag[0], rowTag[1]);
    if (isObject(v)) for (const [k, x] of Object.entries(v)) cellOf(k, x);
    else cellOf("value", v);
    rows.push(row);
  };
  const eachRow = (v) => (Array.isArray(v) ? v.forEach(oneRow) : oneRow(v));
  if (mode === 0) oneRow(result);
  else if (mode === 1) eachRow(result);
  else if (isObject(result)) {
    const names = fields.split(",");
    for (const [k, x] of Object.entries(result)) {
      if (!names.includes(k)) continue;
      rowTag = tag ? [tag, k] : null;
      eachRow(x);
    }
  } else oneRow(result);

  // Columns: an always-empty column with nested ones (an optional group) is left out; nested
  // columns first seen in a later row stand where their group first appeared.
  const nested = (outer, inner) => inner.length > outer.length && inner.startsWith(outer) && inner[outer.length] === ".";
  const n = columns.length;
  const keep = columns.map((c, i) => nonEmpty[i] || !columns.some((o) => nested(c, o)));
  const anchor = (c) => {
    for (let p = 0; p < n; p++) if (p === c || nested(columns[p], columns[c])) return p;
    return c;
  };
  const order = [];
  for (let a = 0; a < n; a++) {
    if (anchor(a) !== a) continue;
    for (let c = a; c < n; c++) if (keep[c] && anchor(c) === a) order.push(c);
  }
  const line = (cells) => order.map((c) => field(cells[c] ?? "")).join(",") + "\n";
  return line(columns) + rows.map(line).join("");
}

/** A CSV field: quoted when it holds a comma, a quote or a line break, or starts or ends with a
 *  space or a tab (which readers that trim would lose). */
function field(s) {
  return /[",\n\r]|^[ \t]|[ \t]$/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/** A finite number as Rust's `{}` writes an f64 (shortest digits, never an exponent); "" else.
 *  One difference: a number needing all 17 digits whose 18th is exactly 5 ends as JavaScript
 *  rounds that tie (to even), Rust up (docs/SEMANTICS.md, "Exports"). */
function number(v) {
  if (!Number.isFinite(v)) return "";
  if (Object.is(v, -0)) return "-0";
  const s = String(v);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const sign = s[0] === "-" ? "-" : "";
  const [int, frac = ""] = s.slice(sign.length, e).split(".");
  const digits = int + frac;
  const point = int.length + Number(s.slice(e + 1));
  return (
    sign +
    (point <= 0
      ? "0." + "0".repeat(-point) + digits
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : digits.slice(0, point) + "." + digits.slice(point))
  );
}
