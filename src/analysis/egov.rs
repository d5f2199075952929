//! E-government indicators (issue "E-government indicators"): how documents move — electronic or
//! on paper, digitally signed or not, and over which channel (the national interconnection axis,
//! the province's own network, paper) — per unit, level or month.
//!
//! A document counts in every group where it was issued or received in the scope (the units of
//! its copies selected by the query; by month, the months in which a copy opened in the window),
//! and once in the total: document counts of groups add up to at least the total. A handover (a
//! copy opened by a `sent`, or the next visit of a chain, selected as in the flow graph) counts
//! once, at its sender (by month: the month it was sent), so handover counts of groups add up to
//! the total. Its channel is the one on the `sent`, else the one on the arrival, else unknown.
//! Shares are over the documents whose value is known, 0 when none is; unknown values are
//! counted as unknown, never guessed.

use super::copies::{for_each_document, handover_selected, selected, Copy};
use super::stats::mean_and_median;
use crate::calendar::by_key::ByKey;
use crate::model::egov::{CHANNEL_AXIS, CHANNEL_PAPER, CHANNEL_PROVINCE};
use crate::model::time::civil_from_days;
use crate::model::{DocFormat, Instant, Level, TimeZone, DAY_MS};
use crate::query::Scope;
use crate::store::{Id, UnitIx};
use serde::Serialize;

/// How the e-government rows are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EgovBy {
    /// One row per unit.
    Unit,
    /// One row per level.
    Level,
    /// One row per calendar month (in the tracker's time zone).
    Month,
}

impl EgovBy {
    /// Parses `unit`, `level` or `month`.
    pub fn parse(text: &str) -> Option<EgovBy> {
        match text.trim() {
            "unit" => Some(EgovBy::Unit),
            "level" => Some(EgovBy::Level),
            "month" => Some(EgovBy::Month),
            _ => None,
        }
    }
}

/// Handovers per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ChannelCounts {
    /// Over the national interconnection axis (trục liên thông văn bản quốc gia).
    pub axis: u64,
    /// Over the province's own network.
    pub province: u64,
    /// On paper.
    pub paper: u64,
    /// Over another named channel.
    pub other: u64,
    /// With no channel recorded.
    pub unknown: u64,
}

/// Median transit (calendar milliseconds, `sent` to arrival) per channel; `None` when no
/// handover of that channel arrived.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ChannelMedians {
    /// Axis.
    pub axis: Option<f64>,
    /// Province network.
    pub province: Option<f64>,
    /// Paper.
    pub paper: Option<f64>,
    /// Other channels.
    pub other: Option<f64>,
    /// Unknown channel.
    pub unknown: Option<f64>,
}

/// A unit that sent documents on paper in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperSender {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: Option<String>,
    /// Handovers it sent on paper.
    pub count: u64,
}

/// One row (or the total).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EgovRow {
    /// Unit id, level (`central` … `commune`, `unknown`), month (`2026-03`), or `total`.
    pub key: String,
    /// Unit name, or the level's Vietnamese name.
    pub name: Option<String>,
    /// Level of the unit (or the level of a level row).
    pub level: Option<Level>,
    /// Documents issued or received in the group.
    pub documents: u64,
    /// Of which electronic.
    pub electronic: u64,
    /// On paper.
    pub paper: u64,
    /// Of unknown format.
    pub format_unknown: u64,
    /// Digitally signed.
    pub signed: u64,
    /// Not signed.
    pub unsigned: u64,
    /// Not known whether signed.
    pub signed_unknown: u64,
    /// `electronic / (electronic + paper)`, 0 when both are 0.
    pub electronic_share: f64,
    /// `signed / (signed + unsigned)`, 0 when both are 0.
    pub signed_share: f64,
    /// Handovers sent from the group, per channel.
    pub handovers: ChannelCounts,
    /// Median transit per channel of those handovers.
    pub transit_median_ms: ChannelMedians,
    /// Units of the group that sent on paper, most first (then by id).
    pub paper_senders: Vec<PaperSender>,
}

/// The e-government indicators of a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Egov {
    /// How the rows are made.
    pub by: EgovBy,
    /// Rows: units top level first then by id; levels top to bottom then `unknown`; months in
    /// order. Groups with neither a document nor a handover are left out.
    pub rows: Vec<EgovRow>,
    /// Every document once, every handover once.
    pub total: EgovRow,
}

/// Channel class of a channel id: axis 0, province 1, paper 2, other 3, unknown 4.
fn class(channel: u8) -> usize {
    match channel {
        0 => 4,
        CHANNEL_AXIS => 0,
        CHANNEL_PROVINCE => 1,
        CHANNEL_PAPER => 2,
        _ => 3,
    }
}

#[derive(Default)]
struct Acc {
    documents: u64,
    format: [u64; 3],
    signed: [u64; 3],
    handovers: [u64; 5],
    transits: [Vec<i64>; 5],
    paper: ByKey<u32, u64>,
}

impl Acc {
    fn document(&mut self, format: Option<DocFormat>, signed: Option<bool>) {
        self.documents += 1;
        self.format[match format {
            Some(DocFormat::Electronic) => 0,
            Some(DocFormat::Paper) => 1,
            None => 2,
        }] += 1;
        self.signed[match signed {
            Some(true) => 0,
            Some(false) => 1,
            None => 2,
        }] += 1;
    }

    fn handover(&mut self, channel: usize, transit: Option<i64>, sender: UnitIx) {
        self.handovers[channel] += 1;
        if let Some(t) = transit {
            self.transits[channel].push(t);
        }
        if channel == 2 {
            *self.paper.get_or_default(sender.raw()) += 1;
        }
    }

    fn row(mut self, key: String, scope: &Scope<'_>) -> EgovRow {
        let store = scope.store;
        let share = |a: u64, b: u64| if a + b == 0 { 0.0 } else { a as f64 / (a + b) as f64 };
        let mut medians = [None; 5];
        for (m, t) in medians.iter_mut().zip(self.transits.iter_mut()) {
            if !t.is_empty() {
                *m = Some(mean_and_median(t).1);
            }
        }
        let mut paper_senders: Vec<PaperSender> = self
            .paper
            .iter()
            .map(|(&u, &count)| {
                let u = UnitIx::from_raw(u);
                PaperSender {
                    unit: store.units.id(u).to_string(),
                    name: store.texts.resolve_opt(store.units.name[u.index()]).map(str::to_string),
                    count,
                }
            })
            .collect();
        super::order::sort_by(&mut paper_senders, |a, b| b.count.cmp(&a.count).then_with(|| a.unit.cmp(&b.unit)));
        let h = self.handovers;
        EgovRow {
            key,
            name: None,
            level: None,
            documents: self.documents,
            electronic: self.format[0],
            paper: self.format[1],
            format_unknown: self.format[2],
            signed: self.signed[0],
            unsigned: self.signed[1],
            signed_unknown: self.signed[2],
            electronic_share: share(self.format[0], self.format[1]),
            signed_share: share(self.signed[0], self.signed[1]),
            handovers: ChannelCounts { axis: h[0], province: h[1], paper: h[2], other: h[3], unknown: h[4] },
            transit_median_ms: ChannelMedians {
                axis: medians[0],
                province: medians[1],
                paper: medians[2],
                other: medians[3],
                unknown: medians[4],
            },
            paper_senders,
        }
    }
}

/// Month number (year × 12 + month − 1) of an instant in `zone`.
fn month(at: Instant, zone: TimeZone) -> i64 {
    let (y, m, _) = civil_from_days((at + zone.offset_ms()).div_euclid(DAY_MS));
    y as i64 * 12 + m as i64 - 1
}

/// The channel of the handover that opened copy `c` of a document whose history starts at
/// event `base`: the `sent`'s, else the arrival's, else 0.
fn channel_of(scope: &Scope<'_>, base: usize, c: &Copy) -> u8 {
    let ch = &scope.store.events.channel;
    let on = |k: u32| if k == u32::MAX { 0 } else { ch.get(base + k as usize).copied().unwrap_or(0) };
    match on(c.opened_by) {
        0 => on(c.arrived_by),
        x => x,
    }
}

/// Computes the e-government indicators of the scope.
///
/// # Complexity
/// One pass over the documents' copies, then a linear-time median per group and channel.
pub fn egov(scope: &Scope<'_>, by: EgovBy, zone: TimeZone) -> Egov {
    let store = scope.store;
    let units = &store.units;
    let docs = &store.documents;
    let mut groups: ByKey<i64, Acc> = ByKey::default();
    let mut total = Acc::default();
    let mut keys: Vec<i64> = Vec::new();
    let group_of = |u: UnitIx| -> i64 {
        match by {
            EgovBy::Unit => u.raw() as i64,
            // Top level first: the level's index, 4 for no level.
            EgovBy::Level => units.level[u.index()].map_or(4, Level::index) as i64,
            EgovBy::Month => 0,
        }
    };
    for_each_document(scope, false, &mut |d, history, copies, _, _| {
        keys.clear();
        let mut any = false;
        for c in copies.iter().filter(|c| selected(scope, c)) {
            any = true;
            match by {
                EgovBy::Month if scope.in_window(c.opened_at) => keys.push(month(c.opened_at, zone)),
                EgovBy::Month => {}
                _ => keys.push(group_of(c.unit)),
            }
        }
        if !any {
            return;
        }
        let (format, signed) = (docs.format[d.index()], docs.signed[d.index()]);
        total.document(format, signed);
        keys.sort_unstable();
        keys.dedup();
        for &k in &keys {
            groups.get_or_default(k).document(format, signed);
        }
        for c in copies.iter().filter(|c| handover_selected(scope, c)) {
            let ch = class(channel_of(scope, history.start, c));
            let transit = c.transit_ms();
            total.handover(ch, transit, c.from_unit);
            let k = match by {
                EgovBy::Month => month(c.handover_at, zone),
                _ => group_of(c.from_unit),
            };
            groups.get_or_default(k).handover(ch, transit, c.from_unit);
        }
    });
    let mut rows: Vec<EgovRow> = groups
        .into_entries()
        .into_iter()
        .map(|(k, acc)| {
            let (key, name, level) = match by {
                EgovBy::Unit => {
                    let u = UnitIx::from_index(k as usize);
                    (
                        units.id(u).to_string(),
                        store.texts.resolve_opt(units.name[u.index()]).map(str::to_string),
                        units.level[u.index()],
                    )
                }
                EgovBy::Level => {
                    let l = Level::from_index(k as usize);
                    (l.map_or("unknown", Level::as_str).to_string(), l.map(|l| l.name_vi().to_string()), l)
                }
                EgovBy::Month => (format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1), None, None),
            };
            EgovRow { name, level, ..acc.row(key, scope) }
        })
        .collect();
    if by == EgovBy::Unit {
        super::order::sort_by(&mut rows, |a, b| {
            let l = |r: &EgovRow| r.level.map_or(4, Level::index);
            l(a).cmp(&l(b)).then_with(|| a.key.cmp(&b.key))
        });
    }
    Egov { by, rows, total: total.row("total".to_string(), scope) }
}

impl Egov {
    /// The rows and the total as CSV (a header row, then one line per row; `paperSenders` as
    /// `unit:count` separated by `;`, median transits in milliseconds, empty when none).
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "key,name,level,documents,electronic,paper,formatUnknown,signed,unsigned,signedUnknown,\
             electronicShare,signedShare,axis,province,paperHandovers,other,unknown,\
             axisMedianMs,provinceMedianMs,paperMedianMs,otherMedianMs,unknownMedianMs,paperSenders\n",
        );
        let field = |s: &str| {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let median = |m: Option<f64>| m.map_or(String::new(), |v| format!("{v}"));
        for r in self.rows.iter().chain([&self.total]) {
            let h = &r.handovers;
            let m = &r.transit_median_ms;
            let senders: Vec<String> = r.paper_senders.iter().map(|p| format!("{}:{}", p.unit, p.count)).collect();
            let cells = [
                field(&r.key),
                field(r.name.as_deref().unwrap_or("")),
                r.level.map_or(String::new(), |l| l.as_str().to_string()),
                r.documents.to_string(),
                r.electronic.to_string(),
                r.paper.to_string(),
                r.format_unknown.to_string(),
                r.signed.to_string(),
                r.unsigned.to_string(),
                r.signed_unknown.to_string(),
                format!("{}", r.electronic_share),
                format!("{}", r.signed_share),
                h.axis.to_string(),
                h.province.to_string(),
                h.paper.to_string(),
                h.other.to_string(),
                h.unknown.to_string(),
                median(m.axis),
                median(m.province),
                median(m.paper),
                median(m.other),
                median(m.unknown),
                field(&senders.join(";")),
            ];
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}
