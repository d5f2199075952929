//! A short seeded fuzz run inside the test command: the entry points of `lienthong::fuzzing`
//! (the same ones the cargo-fuzz targets in `fuzz/` drive) on a small corpus of valid inputs
//! and on deterministic random mutations of it. Any panic fails the test.
//!
//! Longer runs: `cd fuzz && cargo +nightly fuzz run json_records` (or `times`, `csv`, `xes`,
//! `edxml`, `columns`), see `fuzz/README.md`.

use lienthong::fuzzing::{columns, csv, edxml, json_records, times, xes};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the readers, for insertions.
const SPICE: &[&[u8]] = &[
    b"\"",
    b",",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b"\n",
    b"null",
    b"-",
    b"9999999999999999999",
    b"1e308",
    b"NaN",
    b"\\u0000",
    b"\\ud800",
    b"T",
    b"Z",
    b"+18:00",
    b"-99:99",
    b"24:00",
    b"60",
    b"/",
    b"29/02/2100",
    b"0021",
    b"\"to\":[\"A\",\"A\",\"B\"]",
    b"\"action\":\"sent\"",
    b"\"action\":\"completed\"",
    b"\"successor\":\"A\"",
    b"\"channel\":\"axis\"",
    b"\"format\":\"giay\"",
    "ký số điện tử".as_bytes(),
    b"\xff\xfe",
    b"\xc3",
    b"\r\n",
    b";",
    b"\t",
    b"\"\"",
    b"\xef\xbb\xbf",
    b"\xfe\xff",
    b"\x00",
    b"\xd8\x00",
    b"\xcc\x81",
    b"o\xcc\x9b\xcc\xa3",
    b"\xf4\xec",
    b"X1|X2;X3",
    // edXML markup.
    b"<",
    b">",
    b"</",
    b"/>",
    b"&amp;",
    b"&#x0;",
    b"&bogus;",
    b"<![CDATA[",
    b"<!--",
    b"<?xml version=\"1.0\"?>",
    b"<edXML>",
    b"</edXML>",
    b"<edXML:To><edXML:OrganId>X</edXML:OrganId></edXML:To>",
    b"<ContentTransferEncoded>UEsDBA==",
    b"<StatusCode>13</StatusCode>",
    b"2026/02/30 25:00:00",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if !v.is_empty() => {
                let end = (at + 1 + rng.below(8)).min(v.len());
                v.drain(at.min(end)..end);
            }
            1 => {
                let s = SPICE[rng.below(SPICE.len())];
                v.splice(at..at, s.iter().copied());
            }
            2 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] = rng.next() as u8;
            }
            3 if !v.is_empty() => {
                // Duplicate a slice: repeated records, long strings.
                let start = at.min(v.len() - 1);
                let end = (start + rng.below(40)).min(v.len());
                let chunk: Vec<u8> = v[start..end].to_vec();
                v.splice(end..end, chunk);
            }
            _ => {
                let s = SPICE[rng.below(SPICE.len())];
                v.extend_from_slice(s);
            }
        }
    }
    v
}

fn run(name: &str, f: fn(&[u8]), corpus: &[&[u8]], cases: usize, seed: u64) {
    let mut rng = Rng(seed);
    for input in corpus {
        assert!(catch_unwind(AssertUnwindSafe(|| f(input))).is_ok(), "{name}: panic on corpus input {input:?}");
    }
    for i in 0..cases {
        let base = corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, base);
        let r = catch_unwind(AssertUnwindSafe(|| f(&input)));
        assert!(r.is_ok(), "{name}: panic on case {i} (seed {seed}): {:?}", String::from_utf8_lossy(&input));
    }
}

const UNITS: &[u8] = br#"[{"id":"P","level":"province"},{"id":"A","level":"commune","parent":"P"},{"id":"B","level":"commune","parent":"P","validTo":"2026-03-03","successor":"A"},{"id":"C","level":"central"}]"#;
const DOCS: &[u8] = br#"[{"id":"d1","type":"cong van","urgency":"urgent","due":"2026-03-04","format":"electronic","signed":true},{"id":"d2","due":1772500000000,"format":"paper"}]"#;
const EVENTS: &[u8] = br#"[{"doc":"d1","unit":"P","action":"sent","at":"2026-03-02T08:00","to":["A","B"],"due":"2026-03-05","channel":"province"},{"doc":"d1","unit":"A","action":"arrived","at":"2026-03-02T09:00"},{"doc":"d1","unit":"A","action":"completed","at":"2026-03-06T09:00"},{"doc":"d1","unit":"P","action":"recalled","at":"2026-03-02T10:00","to":"B"},{"doc":"d2","unit":"C","action":"sent","at":1772413200000,"to":"P","channel":"axis"},{"doc":"d2","unit":"P","action":"arrived","at":"02/03/2026 15:00"},{"doc":"d3","unit":"A","action":"processing","at":"2026-03-02 08:00:00.5"},{"doc":"d3","unit":"P","action":"arrived","at":"2026-03-03T08:00:00+07:00"}]"#;

#[test]
fn json_records_never_panic() {
    let mut whole = Vec::new();
    for (i, part) in [UNITS, DOCS, EVENTS].iter().enumerate() {
        if i > 0 {
            whole.push(b'\n');
        }
        whole.extend_from_slice(part);
    }
    let events_only = [b"[]\n[]\n".as_slice(), EVENTS].concat();
    run("json_records", json_records, &[&whole, &events_only, b"\n\n[]"], 5000, 0x5EED_0001);
}

#[test]
fn time_readers_never_panic() {
    let corpus: &[&[u8]] = &[
        b"2026-03-02T08:00",
        b"2026-03-02 08:00:00.123+07:00",
        b"02/03/2026 08:00",
        b"2026-02-13",
        b"1772413200000",
        b"3d",
        b"1d4h30m",
        b"2w",
        b"+07:00",
        b"-0330",
        b"\x00\x00\x00\x00\x00\x00\xf0\x7f",
    ];
    run("times", times, corpus, 20000, 0x5EED_0002);
}

#[test]
fn xes_importer_never_panics() {
    let log = br#"<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016">
<global scope="event"><string key="org:group" value="P"/></global>
<trace><string key="concept:name" value="d1"/><date key="deadline" value="2026-03-05T17:00:00+07:00"/>
<event><string key="concept:name" value="sent"/><date key="time:timestamp" value="2026-03-02T08:00:00.000+07:00"/></event>
<event><string key="concept:name" value="arrived"/><string key="org:resource" value="A &amp; B"/><date key="time:timestamp" value="2026-03-02T09:00:00Z"/><list key="l"><values><int key="i" value="1"/></values></list></event>
</trace>
<trace><event><string key="concept:name" value="x"/><date key="time:timestamp" value="yesterday"/></event></trace>
<event><string key="concept:name" value="outside"/></event>
<!-- c --><![CDATA[ <x> ]]>
</log>"#;
    let nested = br#"<log><trace><string key="concept:name" value="S&#x1EA1;n"/><container key="c"><container key="d"><boolean key="b" value="true"/></container></container><event><float key="f" value="1e3"/><id key="i" value="1"/><date key="time:timestamp" value="02/03/2026 08:00"/><string key="concept:name" value="completed"/><string key="org:group" value="Q"/></event></trace></log>"#;
    run("xes", xes, &[log, nested, b"<log/>", b"\xef\xbb\xbf<log></log>"], 1500, 0x5EED_0003);
}

/// CSV files: the CLI's export, a Vietnamese office export (`;`, quoted newlines, several
/// targets, Windows-1258 and UTF-16 copies), random bytes; each input's first byte sets the
/// chunk sizes of the streaming import, which must equal the one-shot import.
#[test]
fn csv_import_never_panics() {
    let cli = b"\x05doc,unit,action,at,to,actor,due,channel\nd1,P,sent,2026-03-02T08:00:00+07:00,A;B,vt,2026-03-05,province\nd1,A,arrived,2026-03-02T09:00:00+07:00,,,,province\nd1,A,completed,2026-03-03T09:00:00+07:00,,,,\n";
    let office = "\x02S\u{1ed1} hi\u{1ec7}u;\u{110}\u{1a1}n v\u{1ecb};Tr\u{1ea1}ng th\u{e1}i;Th\u{1edd}i gian;N\u{1a1}i nh\u{1ead}n;H\u{1ea1}n;Ghi ch\u{fa}\r\n12/UBND;H23;sent;26/06/2021 08:00;\"X1|X2\";01/07/2021;\"a\r\nb\"\r\n12/UBND;X1;arrived;2021-06-26 09:00:00.123;;;\r\n".as_bytes();
    let cp1258 = b"\x03S\xf4\xec hi\xea\xf2u\t\xd0\xf5n vi\xf2\tTra\xf2ng tha\xeci\tTh\xf5\xcci gian\nd1\tS\xf5\xd2\tarrived\t26/06/2021\n";
    let utf16: Vec<u8> = [0x07u8, 0xff, 0xfe]
        .into_iter()
        .chain("doc\tunit\taction\tat\nd1\tA\tarrived\t2021-06-26 08:00\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let mut rng = Rng(0x5EED_0003);
    let noise: Vec<u8> = (0..512).map(|_| rng.next() as u8).collect();
    run("csv", csv, &[cli, office, cp1258, &utf16, &noise, b"", b"\x00\n\n"], 6000, 0x5EED_0004);
}

#[test]
fn edxml_never_panics() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/edxml");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("tests/fixtures/edxml")
        .map(|e| e.expect("fixture").path())
        .filter(|p| p.extension().is_some_and(|x| x == "edxml"))
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect();
    files.sort();
    let statuses: Vec<u8> = files.iter().filter(|f| f.len() < 2000).flatten().copied().collect();
    let list = [b"<list>".as_slice(), &files[0], &files[1], b"</list>"].concat();
    // Inputs cargo-fuzz found where one piece and chunks disagreed (fixed since).
    let regressions: Vec<Vec<u8>> = std::fs::read_dir(format!("{dir}/regressions"))
        .expect("tests/fixtures/edxml/regressions")
        .map(|e| std::fs::read(e.expect("regression").path()).expect("regression"))
        .collect();
    let mut corpus: Vec<&[u8]> = files.iter().chain(&regressions).map(Vec::as_slice).collect();
    corpus.extend([statuses.as_slice(), list.as_slice(), b"1212<edXML/>", b""]);
    run("edxml", edxml, &corpus, 3000, 0x5EED_0003);
}

#[test]
fn column_loads_never_panic() {
    // Dictionaries of 3, 2 and 5 ids, 8 events, mixed widths and times; then a few shapes.
    let mut full = vec![3, 1, 2, 3, 2, 1, 2, 5, 1, 2, 3, 4, 5, 8];
    full.extend((0..64).map(|i| (i * 7 % 11) as u8));
    full.extend([0, 1, 2, 3 | 8 | 16]);
    full.extend((0..40).map(|i| (i * 13 % 256) as u8));
    let corpus: &[&[u8]] = &[&full, b"", &[5, 1, 1, 5, 1, 1, 5, 1, 1, 47, 255, 255, 255, 255, 3, 3, 3, 27]];
    run("columns", columns, corpus, 5000, 0x5EED_0003);
}
