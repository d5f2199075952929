//! Generation of documents and their events, column by column.

use super::rng::Rng;
use super::units::{World, NO_UNIT, ROLE_CLERK, ROLE_DEPUTY, ROLE_HEAD, ROLE_SPECIALIST, TO_GROUP};
use crate::calendar::office::local_day;
use crate::calendar::VietnamCalendar;
use crate::model::egov::{CHANNEL_AXIS, CHANNEL_PAPER, CHANNEL_PROVINCE};
use crate::model::{Instant, KnownAction, Level, Urgency, HOUR_MS, MINUTE_MS};

/// Document types of Decree 30/2020/NĐ-CP used by the generator: (name, abbreviation, working
/// days to handle at normal urgency).
pub(crate) const DOC_TYPES: [(&str, &str, u32); 10] = [
    ("công văn", "CV", 10),
    ("quyết định", "QĐ", 10),
    ("báo cáo", "BC", 7),
    ("kế hoạch", "KH", 15),
    ("tờ trình", "TTr", 5),
    ("thông báo", "TB", 7),
    ("giấy mời", "GM", 3),
    ("chỉ thị", "CT", 10),
    ("hướng dẫn", "HD", 15),
    ("công điện", "CĐ", 2),
];

/// Shapes of flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Down = 0,
    Up = 1,
    Lateral = 2,
    Signing = 3,
    Local = 4,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Down, Kind::Up, Kind::Lateral, Kind::Signing, Kind::Local];
    const WEIGHTS: [f64; 5] = [0.32, 0.25, 0.15, 0.15, 0.13];

    /// The value of the `flow` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Down => "directive",
            Kind::Up => "report",
            Kind::Lateral => "coordination",
            Kind::Signing => "submission",
            Kind::Local => "local",
        }
    }

    /// Weights over [`DOC_TYPES`].
    fn type_weights(self) -> [f64; 10] {
        match self {
            Kind::Down => [40.0, 15.0, 0.0, 12.0, 0.0, 10.0, 8.0, 5.0, 7.0, 3.0],
            Kind::Up => [35.0, 0.0, 55.0, 0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            Kind::Lateral => [70.0, 0.0, 0.0, 0.0, 0.0, 10.0, 20.0, 0.0, 0.0, 0.0],
            Kind::Signing => [20.0, 0.0, 0.0, 0.0, 80.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            Kind::Local => [50.0, 0.0, 10.0, 15.0, 0.0, 15.0, 10.0, 0.0, 0.0, 0.0],
        }
    }

    fn subjects(self) -> &'static [&'static str] {
        match self {
            Kind::Down => &[
                "V/v triển khai thực hiện Nghị định của Chính phủ",
                "V/v tăng cường công tác phòng, chống thiên tai",
                "V/v thực hiện nhiệm vụ phát triển kinh tế - xã hội",
                "V/v đẩy mạnh giải ngân vốn đầu tư công",
                "V/v chấn chỉnh kỷ luật, kỷ cương hành chính",
                "V/v tổ chức kiểm tra công tác cải cách hành chính",
            ],
            Kind::Up => &[
                "Báo cáo tình hình thực hiện nhiệm vụ tháng",
                "Báo cáo kết quả công tác cải cách hành chính",
                "Báo cáo tiến độ giải ngân vốn đầu tư công",
                "Báo cáo công tác tiếp công dân, giải quyết khiếu nại",
                "V/v đề xuất kinh phí thực hiện nhiệm vụ",
            ],
            Kind::Lateral => &[
                "V/v góp ý dự thảo văn bản quy phạm pháp luật",
                "V/v phối hợp thẩm định hồ sơ dự án",
                "V/v cung cấp thông tin, số liệu",
                "V/v mời họp liên ngành",
            ],
            Kind::Signing => &[
                "Tờ trình phê duyệt kế hoạch",
                "Tờ trình ban hành quyết định",
                "V/v trình ký văn bản",
                "Tờ trình phân bổ kinh phí",
            ],
            Kind::Local => &[
                "V/v tổ chức tiếp công dân định kỳ",
                "V/v rà soát hộ nghèo, hộ cận nghèo",
                "V/v thực hiện thủ tục hành chính trên môi trường điện tử",
                "V/v công tác đảm bảo trật tự an toàn giao thông",
            ],
        }
    }
}

/// Offset of each kind's subjects in the flat subject list.
pub(crate) fn subject_text(kind: u8, index: u8) -> &'static str {
    Kind::ALL[kind as usize].subjects()[index as usize]
}

/// Per-unit slow factors, flaky edges and the e-government mix, resolved to unit indexes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Problems {
    pub slow_factor: Vec<f64>,
    /// (from, to, probability, delay in working ms)
    pub flaky: Vec<(u32, u32, f64, f64)>,
    /// Per unit: probability that a document it issues is on paper.
    pub paper_share: Vec<f64>,
    /// Per unit: probability that an electronic document it issues is digitally signed.
    pub signed_share: Vec<f64>,
    /// Per unit: every handover it sends goes on paper (the injected paper-sending units).
    pub paper_sender: Vec<bool>,
}

/// Bits of [`Columns::doc_egov`]: the document is on paper (else electronic).
pub(crate) const DOC_PAPER: u8 = 1;
/// Bits of [`Columns::doc_egov`]: the document is digitally signed.
pub(crate) const DOC_SIGNED: u8 = 2;
/// Salt of the e-government draws' own random streams (the other streams are untouched).
const EGOV_SALT: u64 = 0xE60F_D0C5_16ED_0001;

/// Everything a run needs besides the document count.
pub(crate) struct Plan<'a> {
    pub world: &'a World,
    pub cal: &'a VietnamCalendar,
    pub problems: &'a Problems,
    pub seed: u64,
    pub start: Instant,
    pub span_working_ms: i64,
    pub open_share: f64,
    /// Share of directive documents that fan out (copy model).
    pub fan_out: f64,
    /// Largest number of copies a fan-out document may open (keeps one document a small part
    /// of the log at small sizes).
    pub max_copies: usize,
    /// Probability that a fan-out document has recipients that never act past `accepted`.
    pub stall_share: f64,
}

impl Plan<'_> {
    /// Copy-model features (fan-outs, deadlines on `sent`) are on; off, the logs are the chain
    /// logs of earlier versions, event for event.
    fn copy_model(&self) -> bool {
        self.fan_out > 0.0
    }
}

/// The generated columns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    // documents
    pub doc_text: String,
    /// `doc_text[doc_off[2d]..doc_off[2d+1]]` is the id, then up to `doc_off[2d+2]` the number.
    pub doc_off: Vec<u32>,
    pub doc_type: Vec<u8>,
    pub doc_kind: Vec<u8>,
    pub doc_subject: Vec<u8>,
    pub doc_urgency: Vec<Urgency>,
    pub doc_due: Vec<Instant>,
    pub doc_issuer: Vec<u32>,
    /// Format and signature of each document: [`DOC_PAPER`] | [`DOC_SIGNED`] bits.
    pub doc_egov: Vec<u8>,
    /// Events of document `d`: `ev_start[d]..ev_start[d + 1]`.
    pub ev_start: Vec<u32>,
    // events
    pub ev_unit: Vec<u32>,
    pub ev_action: Vec<u8>,
    pub ev_at: Vec<Instant>,
    /// A unit index, [`NO_UNIT`], or [`TO_GROUP`] | a group index (a list of units).
    pub ev_to: Vec<u32>,
    pub ev_actor: Vec<u32>,
    /// Channel id of `sent` and `arrived` events (`crate::model::egov::CHANNEL_*`), 0 on the
    /// others.
    pub ev_channel: Vec<u8>,
    /// Sparse deadlines of `sent` events: event indexes (increasing) and the deadlines.
    pub due_ev: Vec<u32>,
    pub due_at: Vec<Instant>,
    /// Copies (a recipient's handling of a document), per document `cp_start[d]..cp_start[d+1]`:
    /// the event that opened each (its `sent`, or the first event of a root copy), the event that
    /// closed it ([`NO_UNIT`] if none) and its due. Indexes before the cut; dropped after it.
    pub cp_start: Vec<u32>,
    pub cp_open: Vec<u32>,
    pub cp_close: Vec<u32>,
    pub cp_due: Vec<Instant>,
    // ground truth counters (after the cut)
    pub as_of: Instant,
    pub flaky_delayed: Vec<usize>,
    pub open: usize,
    pub overdue_open: usize,
    pub open_copies: usize,
    pub overdue_copies: usize,
}

#[cfg(test)]
fn action_code(a: KnownAction) -> u8 {
    KnownAction::ALL.iter().position(|k| *k == a).unwrap_or(0) as u8
}

const SENT: u8 = 0;
const ARRIVED: u8 = 1;
const REJECTED: u8 = 2;
const ACCEPTED: u8 = 3;
const ASSIGNED: u8 = 4;
const PROCESSING: u8 = 5;
const COMPLETED: u8 = 6;
const RECALLED: u8 = 7;
const RECALL_ACCEPTED: u8 = 8;
const RECALL_REFUSED: u8 = 9;

const P_REJECT: f64 = 0.012;
const P_RECALL: f64 = 0.008;
const SECOND: f64 = 1000.0;
const MAX_STEP_MS: f64 = 60.0 * 7.5 * HOUR_MS as f64;

/// A duration in whole seconds, at least one second.
fn secs(ms: f64) -> i64 {
    let x = ms.clamp(SECOND, MAX_STEP_MS) / SECOND;
    // `x.round()` for a positive x, exactly (x - floor(x) is exact): WebAssembly has a floor
    // instruction but computes `round` in software.
    let f = x.floor();
    let whole = if x - f >= 0.5 { f + 1.0 } else { f };
    whole as i64 * 1000
}
/// Probability that a fan-out send has one recipient recalled.
const P_FAN_RECALL: f64 = 0.05;
/// Longest transit of a fan-out copy (recipients of a list are chosen as of this long after
/// the send, so that none is abolished in transit).
const FAN_TRANSIT_MAX: i64 = 30 * MINUTE_MS;
/// A stored target list.
fn group_to(g: u32) -> u32 {
    TO_GROUP | g
}

/// Who forwards a fan-out further down: the recipients themselves with probability `0`, and
/// the recipients of their forwards with probability `1`.
#[derive(Debug, Clone, Copy)]
struct Forward(f64, f64);
const NO_FORWARD: Forward = Forward(0.0, 0.0);

/// One event of a fan-out document before the document's events are merged by time.
#[derive(Debug, Clone, Copy)]
struct BufEvent {
    at: Instant,
    seq: u32,
    unit: u32,
    to: u32,
    actor: u32,
    action: u8,
    channel: u8,
}

/// One copy of a fan-out document while it is generated (`seq`s index the buffer).
#[derive(Debug, Clone, Copy)]
struct BufCopy {
    unit: u32,
    open_seq: u32,
    open_at: Instant,
    /// [`NO_UNIT`] while open.
    close_seq: u32,
    /// `Instant::MAX` while open.
    close_at: Instant,
    /// The due of the `sent` that opened it, if it gave one.
    sent_due: Option<Instant>,
    /// The previous copy at the same unit in this document.
    prev_same_unit: u32,
}

/// Buffers reused from one fan-out document to the next (nothing allocated per event).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    events: Vec<BufEvent>,
    dues: Vec<(u32, Instant)>,
    copies: Vec<BufCopy>,
    /// (seq of a delayed `arrived`, flaky edge)
    delayed: Vec<(u32, usize)>,
    /// seq -> final event index
    pos: Vec<u32>,
    /// Sort keys, then the seqs in time order.
    keys: Vec<u64>,
    /// Per unit: its newest copy in the current document, or [`NO_UNIT`].
    unit_copy: Vec<u32>,
}

struct DocGen<'p, 'a> {
    plan: &'p Plan<'a>,
    cols: &'p mut Columns,
    /// (document, event index of the delayed `arrived`, flaky edge)
    delayed: &'p mut Vec<(u32, u32, usize)>,
    scratch: &'p mut Scratch,
    doc: u32,
    kind: Kind,
    /// Urgency factor of handling times.
    uf: f64,
    /// Working days to handle, by type and urgency.
    days: u32,
    doc_due: Instant,
    /// Probability that a recipient of a fan-out never acts (this document).
    stall_p: f64,
    /// A department has forwarded this document down already (one does, not several).
    dept_forwarded: bool,
    /// The document is on paper: every handover of it is on the `paper` channel.
    paper: bool,
}

impl DocGen<'_, '_> {
    fn push(&mut self, unit: u32, action: u8, at: Instant, to: u32, actor: u32) {
        let channel = match action {
            SENT => self.channel(unit, to),
            // A chain's `arrived` directly follows its `sent`.
            ARRIVED => {
                debug_assert_eq!(self.cols.ev_action.last(), Some(&SENT));
                *self.cols.ev_channel.last().unwrap_or(&0)
            }
            _ => 0,
        };
        let c = &mut *self.cols;
        debug_assert!(c.ev_at.len() == c.ev_start[self.doc as usize] as usize || *c.ev_at.last().unwrap_or(&0) < at);
        c.ev_unit.push(unit);
        c.ev_action.push(action);
        c.ev_at.push(at);
        c.ev_to.push(to);
        c.ev_actor.push(actor);
        c.ev_channel.push(channel);
    }

    /// The channel of a handover of this document from `sender` to `to` (a unit or a list):
    /// paper for a paper document or a paper-sending unit, else the national axis when either
    /// end is a central unit, else the province's network.
    fn channel(&self, sender: u32, to: u32) -> u8 {
        let w = self.plan.world;
        if self.paper || self.plan.problems.paper_sender[sender as usize] {
            return CHANNEL_PAPER;
        }
        // Lists never name central units.
        let central = |u: u32| u & TO_GROUP == 0 && w.units[u as usize].level == Level::Central;
        if central(sender) || central(to) {
            CHANNEL_AXIS
        } else {
            CHANNEL_PROVINCE
        }
    }

    /// Opens a copy of a chain document at the next event (index `ev`).
    fn chain_copy(&mut self, ev: usize, due: Option<Instant>) -> usize {
        let c = &mut *self.cols;
        c.cp_open.push(ev as u32);
        c.cp_close.push(NO_UNIT);
        c.cp_due.push(due.unwrap_or(self.doc_due));
        c.cp_open.len() - 1
    }

    fn close_chain_copy(&mut self, copy: usize) {
        let c = &mut *self.cols;
        c.cp_close[copy] = (c.ev_at.len() - 1) as u32;
    }

    /// Index of the next event pushed to the columns.
    fn next_ev(&self) -> usize {
        self.cols.ev_at.len()
    }
}

impl Plan<'_> {
    fn dept(&self, rng: &mut Rng) -> u32 {
        self.world.departments[rng.weighted(&self.world.dept_weights)]
    }

    fn other_dept(&self, rng: &mut Rng, not: u32) -> u32 {
        if self.world.departments.len() < 2 {
            return self.world.province;
        }
        loop {
            let d = self.dept(rng);
            if d != not {
                return d;
            }
        }
    }

    fn central(&self, rng: &mut Rng) -> u32 {
        let c = &self.world.central;
        // The Government Office and the Ministry of Home Affairs write most often.
        if rng.chance(0.35) {
            c[rng.below(2)]
        } else {
            c[rng.below(c.len())]
        }
    }

    /// Appends a lower-level chain: district then maybe a commune under it, or a commune.
    fn lower(&self, rng: &mut Rng, t: Instant, route: &mut Vec<u32>, commune_share: f64) {
        let layout = self.world.layout_at(t);
        if layout.districts.is_empty() {
            route.push(layout.communes[rng.below(layout.communes.len())]);
        } else {
            let i = rng.below(layout.districts.len());
            route.push(layout.districts[i]);
            if rng.chance(commune_share) {
                let g = &layout.groups[i];
                route.push(g[rng.below(g.len())]);
            }
        }
    }

    /// A commune and, with districts, the district above it (bottom-up order).
    fn commune_up(&self, rng: &mut Rng, t: Instant, route: &mut Vec<u32>, via_district: bool) {
        let layout = self.world.layout_at(t);
        let g = rng.below(layout.groups.len());
        let group = &layout.groups[g];
        route.push(group[rng.below(group.len())]);
        if via_district {
            if let Some(&d) = layout.districts.get(g) {
                route.push(d);
            }
        }
    }

    fn route(&self, rng: &mut Rng, kind: Kind, t: Instant, route: &mut Vec<u32>) {
        let w = self.world;
        let p = w.province;
        let has_districts = !w.layout_at(t).districts.is_empty();
        route.clear();
        match kind {
            Kind::Down => {
                if rng.chance(0.3) {
                    route.push(self.central(rng));
                    route.push(p);
                    let r = rng.f64();
                    if r < 0.4 {
                        return;
                    }
                    route.push(self.dept(rng));
                    if r >= 0.75 {
                        self.lower(rng, t, route, 0.7);
                    }
                } else {
                    route.push(p);
                    let r = rng.f64();
                    if r < 0.75 {
                        route.push(self.dept(rng));
                    }
                    if r >= 0.45 {
                        self.lower(rng, t, route, 0.7);
                    }
                }
            }
            Kind::Up => {
                let r = rng.f64();
                if r < 0.4 {
                    self.commune_up(rng, t, route, true);
                    route.push(self.dept(rng));
                    if rng.chance(0.4) {
                        route.push(p);
                    }
                } else if r < 0.6 {
                    if has_districts {
                        let l = w.layout_at(t);
                        route.push(l.districts[rng.below(l.districts.len())]);
                    } else {
                        self.commune_up(rng, t, route, false);
                    }
                    route.push(p);
                } else if r < 0.85 {
                    route.push(self.dept(rng));
                    route.push(p);
                    if rng.chance(0.35) {
                        route.push(self.central(rng));
                    }
                } else {
                    self.commune_up(rng, t, route, true);
                    if !has_districts {
                        route.push(self.dept(rng));
                    }
                }
            }
            Kind::Lateral => {
                let a = self.dept(rng);
                let b = self.other_dept(rng, a);
                route.extend([a, b]);
                if rng.chance(0.4) {
                    route.push(a);
                }
            }
            Kind::Signing => {
                let r = rng.f64();
                if r < 0.6 {
                    let d = self.dept(rng);
                    route.extend([d, p, d]);
                    if rng.chance(0.4) {
                        self.lower(rng, t, route, 0.5);
                    }
                } else if r < 0.85 {
                    let l = w.layout_at(t);
                    if has_districts {
                        let i = rng.below(l.districts.len());
                        let d = l.districts[i];
                        route.extend([d, p, d]);
                        if rng.chance(0.5) {
                            let g = &l.groups[i];
                            route.push(g[rng.below(g.len())]);
                        }
                    } else {
                        let c = l.communes[rng.below(l.communes.len())];
                        let d = self.dept(rng);
                        route.extend([c, d, c]);
                    }
                } else {
                    route.extend([self.dept(rng), p, self.central(rng)]);
                }
            }
            Kind::Local => {
                let l = w.layout_at(t);
                let down = rng.chance(0.65);
                if has_districts {
                    let i = rng.below(l.districts.len());
                    let g = &l.groups[i];
                    let c = g[rng.below(g.len())];
                    if down {
                        route.extend([l.districts[i], c]);
                    } else {
                        route.extend([c, l.districts[i]]);
                    }
                } else {
                    let c = l.communes[rng.below(l.communes.len())];
                    let d = self.dept(rng);
                    if down {
                        route.extend([d, c]);
                    } else {
                        route.extend([c, d]);
                    }
                }
            }
        }
    }

    /// Handling at a unit after its arrival: the clerk registers it, a leader assigns it, a
    /// specialist starts — each after a log-normal wait scaled by the unit's slow factor and the
    /// urgency's factor. Stops at the first step `ok` refuses (the unit is abolished by
    /// then), and takes none when `forced` already. Returns the steps taken (action, actor, time),
    /// how many, and whether one was refused. Draws the same random numbers either way.
    fn handling_steps(
        &self,
        rng: &mut Rng,
        cur: u32,
        mut t: Instant,
        (slow, uf): (f64, f64),
        mut forced: bool,
        ok: &dyn Fn(Instant) -> bool,
    ) -> ([(u8, u32, Instant); 3], usize, bool) {
        let (min, hour) = (MINUTE_MS as f64, HOUR_MS as f64);
        let head = if rng.chance(0.5) { ROLE_HEAD } else { ROLE_DEPUTY };
        let sp = ROLE_SPECIALIST + rng.below(4) as u32;
        let plan = [
            (ACCEPTED, ROLE_CLERK, 25.0 * min, 1.0),
            (ASSIGNED, head, 1.5 * hour, 0.9),
            (PROCESSING, sp, 40.0 * min, 1.0),
        ];
        let mut steps = [(0u8, 0u32, 0 as Instant); 3];
        let mut n = 0;
        for (action, role, median, sigma) in plan {
            if forced {
                break;
            }
            let at = self.cal.add_office_ms(t, secs(rng.log_normal(median, sigma) * slow * uf));
            if ok(at) {
                steps[n] = (action, self.world.actor(cur, role), at);
                n += 1;
                t = at;
            } else {
                forced = true;
            }
        }
        (steps, n, forced)
    }

    /// When a province-level unit sends a list of the lower level (every district or every
    /// commune) at `at`: then, or, when its arrivals could fall after the cut-over, the first
    /// office instant of the new layout. So the list, the sending and every arrival are of one
    /// layout: no list of new communes sent before they exist, none of abolished units
    /// arriving after it.
    fn lower_send_at(&self, at: Instant) -> Instant {
        match self.world.cutover {
            Some(c) if at < c && self.cal.add_office_ms(at, FAN_TRANSIT_MAX) >= c => self.cal.next_office_instant(c),
            _ => at,
        }
    }

    fn handling_median(&self, u: u32) -> f64 {
        let def = &self.world.units[u as usize];
        let h = HOUR_MS as f64;
        match def.level {
            Level::Central => 6.0 * h,
            Level::Province if u == self.world.province => 5.0 * h,
            Level::Province => 8.0 * h,
            Level::District => 6.0 * h,
            Level::Commune => 5.0 * h,
        }
    }

    /// Generates `n` documents; `salt` varies the streams between attempts; `per_doc` is the
    /// expected number of events per document (to reserve the columns once).
    pub fn run(&self, n: usize, salt: u64, per_doc: f64) -> Columns {
        let n = n.max(1);
        let mut cols = Columns { ev_start: vec![0], doc_off: vec![0], cp_start: vec![0], ..Columns::default() };
        cols.doc_type.reserve(n);
        let est = (n as f64 * per_doc.clamp(1.0, 1e4) * 1.05) as usize + 64;
        cols.ev_unit.reserve(est);
        cols.ev_action.reserve(est);
        cols.ev_at.reserve(est);
        cols.ev_to.reserve(est);
        cols.ev_actor.reserve(est);
        cols.ev_channel.reserve(est);
        cols.cp_open.reserve(est / 3);
        cols.cp_close.reserve(est / 3);
        cols.cp_due.reserve(est / 3);
        let mut delayed: Vec<(u32, u32, usize)> = Vec::new();
        let mut scratch = Scratch { unit_copy: vec![NO_UNIT; self.world.units.len()], ..Scratch::default() };
        let mut counters = vec![0u32; self.world.units.len()];
        let mut route = Vec::with_capacity(8);
        let stream_seed = self.seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = self.span_working_ms as f64 / n as f64;
        let mut prev_offset = 0i64;
        let mut created = self.cal.next_office_instant(self.start);
        let mut last = Vec::with_capacity(n);
        let mut first = Vec::with_capacity(n);
        for i in 0..n {
            let mut rng = Rng::stream(stream_seed, i as u64);
            let offset = ((i as f64 + rng.f64()) * slot / SECOND) as i64 * 1000;
            created = self.cal.add_office_ms(created, offset - prev_offset);
            prev_offset = offset;
            let mut g = DocGen {
                plan: self,
                cols: &mut cols,
                delayed: &mut delayed,
                scratch: &mut scratch,
                doc: i as u32,
                kind: Kind::Down,
                uf: 1.0,
                days: 1,
                doc_due: created,
                stall_p: 0.0,
                dept_forwarded: false,
                paper: false,
            };
            let never_closes = g.document(&mut rng, created, &mut route, &mut counters);
            let c = &mut cols;
            c.ev_start.push(c.ev_at.len() as u32);
            c.cp_start.push(c.cp_open.len() as u32);
            first.push(created);
            last.push(if never_closes { Instant::MAX } else { *c.ev_at.last().unwrap_or(&created) });
        }
        self.cut(&mut cols, &last, &first, &delayed, stream_seed);
        cols
    }

    /// Ends the log: every document is cut at the generation end `E` (the completion time below
    /// which `1 - open_share` of the documents finish, but not before the newest document is
    /// created; a document with a recipient that never acts never finishes). When fewer than
    /// `open_share` of the documents are then open, the newest closed ones are stalled too:
    /// they stop after a random prefix of their events, held at a unit or in transit, as
    /// forgotten documents are. Counts the open and overdue documents and copies.
    fn cut(
        &self,
        cols: &mut Columns,
        last: &[Instant],
        first: &[Instant],
        delayed: &[(u32, u32, usize)],
        stream_seed: u64,
    ) {
        let n = last.len();
        let k = ((n as f64) * self.open_share.clamp(0.0, 1.0)).round() as usize;
        let newest_first = first.iter().copied().max().unwrap_or(self.start);
        let finite_max = last.iter().copied().filter(|&t| t != Instant::MAX).max().unwrap_or(self.start);
        let mut sorted = last.to_vec();
        let end = if k == 0 {
            finite_max
        } else if k >= n {
            newest_first
        } else {
            let (_, e, _) = sorted.select_nth_unstable(n - k - 1);
            *e
        };
        // More documents that never finish than open ones wanted: all the others finish.
        let end = if end == Instant::MAX { finite_max } else { end };
        let end = end.max(newest_first);
        cols.as_of = end;
        // How many events each document keeps.
        let mut keep: Vec<u32> = Vec::with_capacity(n);
        let mut open = 0usize;
        for (d, &done) in last.iter().enumerate() {
            let (a, b) = (cols.ev_start[d] as usize, cols.ev_start[d + 1] as usize);
            let kept = a + cols.ev_at[a..b].partition_point(|&t| t <= end);
            if kept < b || done == Instant::MAX {
                open += 1;
            }
            keep.push((kept - a) as u32);
        }
        let mut d = n;
        while open < k && d > 0 {
            d -= 1;
            let len = cols.ev_start[d + 1] - cols.ev_start[d];
            if keep[d] == len && len >= 2 && last[d] != Instant::MAX {
                let mut rng = Rng::stream(stream_seed ^ 0xC0FF_EE00_5EED, d as u64);
                keep[d] = 1 + rng.below(len as usize - 1) as u32;
                open += 1;
            }
        }
        // Open and overdue documents and copies, from the copies' opening and closing events.
        let (mut open_docs, mut overdue_docs, mut open_copies, mut overdue_copies) = (0, 0, 0, 0);
        for (d, &k) in keep.iter().enumerate() {
            let kept_end = cols.ev_start[d] + k;
            let mut doc_open = false;
            for c in cols.cp_start[d] as usize..cols.cp_start[d + 1] as usize {
                let close = cols.cp_close[c];
                if cols.cp_open[c] < kept_end && (close == NO_UNIT || close >= kept_end) {
                    doc_open = true;
                    open_copies += 1;
                    if cols.cp_due[c] < end {
                        overdue_copies += 1;
                    }
                }
            }
            if doc_open {
                open_docs += 1;
                if cols.doc_due[d] < end {
                    overdue_docs += 1;
                }
            }
        }
        debug_assert_eq!(open_docs, open);
        cols.open = open_docs;
        cols.overdue_open = overdue_docs;
        cols.open_copies = open_copies;
        cols.overdue_copies = overdue_copies;
        cols.flaky_delayed = vec![0; self.problems.flaky.len()];
        for &(doc, ev, edge) in delayed {
            if ev < cols.ev_start[doc as usize] + keep[doc as usize] {
                cols.flaky_delayed[edge] += 1;
            }
        }
        // Keep the prefixes, and the deadlines of kept events.
        let mut w = 0usize;
        let mut j = 0usize;
        let mut wj = 0usize;
        for (d, &k) in keep.iter().enumerate() {
            let (a, b) = (cols.ev_start[d] as usize, cols.ev_start[d + 1] as usize);
            let kept = a + k as usize;
            cols.ev_start[d] = w as u32;
            if w != a {
                cols.ev_unit.copy_within(a..kept, w);
                cols.ev_action.copy_within(a..kept, w);
                cols.ev_at.copy_within(a..kept, w);
                cols.ev_to.copy_within(a..kept, w);
                cols.ev_actor.copy_within(a..kept, w);
                cols.ev_channel.copy_within(a..kept, w);
            }
            while j < cols.due_ev.len() && (cols.due_ev[j] as usize) < b {
                let e = cols.due_ev[j] as usize;
                if e < kept {
                    cols.due_ev[wj] = (w + e - a) as u32;
                    cols.due_at[wj] = cols.due_at[j];
                    wj += 1;
                }
                j += 1;
            }
            w += kept - a;
        }
        cols.ev_start[n] = w as u32;
        cols.ev_unit.truncate(w);
        cols.ev_action.truncate(w);
        cols.ev_at.truncate(w);
        cols.ev_to.truncate(w);
        cols.ev_actor.truncate(w);
        cols.ev_channel.truncate(w);
        cols.due_ev.truncate(wj);
        cols.due_at.truncate(wj);
        cols.cp_start = Vec::new();
        cols.cp_open = Vec::new();
        cols.cp_close = Vec::new();
        cols.cp_due = Vec::new();
    }
}

/// The shape of a fan-out directive.
#[derive(Debug, Clone, Copy)]
struct FanShape {
    issuer: u32,
    target: FanTarget,
    fwd: Forward,
}

#[derive(Debug, Clone, Copy)]
enum FanTarget {
    /// A fixed list (departments).
    Group(u32),
    /// Every district (or every commune without districts), chosen at the send; `both`: every
    /// district and every commune at once.
    Lower { both: bool },
}

impl DocGen<'_, '_> {
    /// Generates one document; returns whether it has a copy that never closes.
    fn document(&mut self, rng: &mut Rng, created: Instant, route: &mut Vec<u32>, counters: &mut [u32]) -> bool {
        let plan = self.plan;
        let w = plan.world;
        let kind = Kind::ALL[rng.weighted(&Kind::WEIGHTS)];
        let fan = if kind == Kind::Down && plan.copy_model() && rng.chance(plan.fan_out) {
            self.fan_shape(rng)
        } else {
            None
        };
        if fan.is_none() {
            plan.route(rng, kind, created, route);
        }
        let ty = rng.weighted(&kind.type_weights());
        let urgency = if ty == 9 {
            [Urgency::Flash, Urgency::VeryUrgent][rng.below(2)]
        } else {
            Urgency::ALL[rng.weighted(&[0.8, 0.13, 0.05, 0.02])]
        };
        let days = match urgency {
            Urgency::Normal => DOC_TYPES[ty].2,
            Urgency::Urgent => DOC_TYPES[ty].2.min(3),
            Urgency::VeryUrgent => DOC_TYPES[ty].2.min(2),
            Urgency::Flash => 1,
        };
        let uf = match urgency {
            Urgency::Normal => 1.0,
            Urgency::Urgent => 0.45,
            Urgency::VeryUrgent => 0.25,
            Urgency::Flash => 0.12,
        };
        let issuer = match fan {
            Some(f) => f.issuer,
            None => route[0],
        };
        let subjects = kind.subjects();
        let subject = rng.below(subjects.len());
        let due = plan.cal.due_after_working_days(created, days);
        {
            let c = &mut *self.cols;
            use std::fmt::Write;
            let _ = write!(c.doc_text, "VB{:07}", self.doc + 1);
            c.doc_off.push(c.doc_text.len() as u32);
            counters[issuer as usize] += 1;
            let seq = counters[issuer as usize];
            let abbr = &w.units[issuer as usize].abbr;
            let _ = if ty == 0 {
                write!(c.doc_text, "{seq}/{abbr}-VP")
            } else {
                write!(c.doc_text, "{seq}/{}-{abbr}", DOC_TYPES[ty].1)
            };
            c.doc_off.push(c.doc_text.len() as u32);
            c.doc_type.push(ty as u8);
            c.doc_kind.push(kind as u8);
            c.doc_subject.push(subject as u8);
            c.doc_urgency.push(urgency);
            c.doc_due.push(due);
            c.doc_issuer.push(issuer);
            // Format and signature from their own stream: the other draws stay as they were.
            let mut egov = Rng::stream(plan.seed ^ EGOV_SALT, self.doc as u64);
            let p = &plan.problems;
            self.paper = egov.chance(p.paper_share[issuer as usize]);
            let signed = !self.paper && egov.chance(p.signed_share[issuer as usize]);
            c.doc_egov.push(if self.paper { DOC_PAPER } else { 0 } | if signed { DOC_SIGNED } else { 0 });
        }
        self.kind = kind;
        self.uf = uf;
        self.days = days;
        self.doc_due = due;
        match fan {
            Some(shape) => self.fan_flow(rng, created, shape),
            None => {
                self.flow(rng, created, route, uf);
                false
            }
        }
    }

    /// Picks who sends a directive to whom at once, or `None` when the list would not fit in
    /// [`Plan::max_copies`] or names fewer than two units (then the document is a route).
    fn fan_shape(&mut self, rng: &mut Rng) -> Option<FanShape> {
        let plan = self.plan;
        let w = plan.world;
        let fits = |g: u32| g != NO_UNIT && (2..=plan.max_copies).contains(&w.groups[g as usize].len());
        let r = rng.f64();
        if r < 0.45 {
            // A ministry, or the province, to the province's departments: all of them, or a
            // handful (those of a ministry's field).
            let m = rng.below(w.central.len());
            let g = if rng.chance(0.35) { w.g_departments } else { w.g_handful[m] };
            let (issuer, fwd) =
                if r < 0.2 { (w.central[m], Forward(0.15, 0.3)) } else { (w.province, Forward(0.15, 0.3)) };
            fits(g).then_some(FanShape { issuer, target: FanTarget::Group(g), fwd })
        } else {
            // The province (or a department) to every district, or every commune.
            let (issuer, fwd, p_both) = if r < 0.75 {
                (w.province, Forward(0.35, 0.0), 0.12)
            } else {
                (plan.dept(rng), Forward(0.25, 0.0), 0.08)
            };
            let both = rng.chance(p_both);
            // The list is taken from the layout in force at the send: it must fit in each.
            let pick = |l: &super::units::Layout| if both && l.g_both != NO_UNIT { l.g_both } else { l.g_lower };
            let ok = std::iter::once(&w.before).chain(w.after.as_ref()).all(|l| fits(pick(l)));
            ok.then_some(FanShape { issuer, target: FanTarget::Lower { both }, fwd })
        }
    }

    /// A chain document: one token moving along `route`.
    fn flow(&mut self, rng: &mut Rng, created: Instant, route: &[u32], uf: f64) {
        let plan = self.plan;
        let w = plan.world;
        let cal = plan.cal;
        let min = MINUTE_MS as f64;
        let hour = HOUR_MS as f64;
        let mut cur = route[0];
        let mut next_idx = 1;
        let mut t = created;
        let specialist = |rng: &mut Rng| ROLE_SPECIALIST + rng.below(4) as u32;
        let sp = specialist(rng);
        let mut copy = self.chain_copy(self.next_ev(), None);
        self.push(cur, PROCESSING, t, NO_UNIT, w.actor(cur, sp));
        let mut issuer_visit = true;
        loop {
            let slow = plan.problems.slow_factor[cur as usize];
            let valid_to = w.units[cur as usize].valid_to;
            let ok = |at: Instant| valid_to.is_none_or(|v| at < v);
            let mut forced = false;
            if !issuer_visit {
                if rng.chance(P_REJECT) {
                    let at = cal.add_office_ms(t, secs(rng.log_normal(40.0 * min, 1.0) * slow * uf));
                    if ok(at) {
                        self.push(cur, REJECTED, at, NO_UNIT, w.actor(cur, ROLE_CLERK));
                        self.close_chain_copy(copy);
                        return;
                    }
                    forced = true;
                }
                let (steps, n, refused) = plan.handling_steps(rng, cur, t, (slow, uf), forced, &ok);
                for &(action, actor, at) in &steps[..n] {
                    self.push(cur, action, at, NO_UNIT, actor);
                    t = at;
                }
                forced = refused;
            }
            // Drafting at the issuer, handling elsewhere.
            let median = if issuer_visit { 3.0 * hour } else { plan.handling_median(cur) };
            issuer_visit = false;
            let done_at = cal.add_office_ms(t, secs(rng.log_normal(median, 0.9) * slow * uf));
            if !forced && !ok(done_at) {
                forced = true;
            }
            let transit = secs(rng.log_normal(40.0 * SECOND, 1.0));
            // Where next, and when it arrives there.
            let (send_at, target, arrive_at) = if forced {
                // The unit is abolished: it hands the document over at the cut-over.
                let v = valid_to.unwrap_or(t);
                let send_at = {
                    let s = cal.add_office_ms(t, 1000);
                    if s < v {
                        s
                    } else {
                        t + 1000
                    }
                };
                let mut target = None;
                while next_idx < route.len() {
                    let x = route[next_idx];
                    next_idx += 1;
                    if let Some(r) = w.resolve(x, v).filter(|&r| r != cur) {
                        target = Some(r);
                        break;
                    }
                }
                let target = target
                    .or_else(|| w.resolve(w.units[cur as usize].successor, v).filter(|&r| r != cur))
                    .unwrap_or(w.province);
                (send_at, target, cal.add_office_ms(send_at.max(v), transit))
            } else {
                let arrive = cal.add_office_ms(done_at, transit);
                let mut target = None;
                while next_idx < route.len() {
                    let x = route[next_idx];
                    next_idx += 1;
                    if let Some(r) = w.resolve(x, arrive).filter(|&r| r != cur) {
                        target = Some(r);
                        break;
                    }
                }
                match target {
                    None => {
                        self.push(cur, COMPLETED, done_at, NO_UNIT, w.actor(cur, specialist(rng)));
                        self.close_chain_copy(copy);
                        return;
                    }
                    Some(target) => (done_at, target, arrive),
                }
            };
            // A report tells its recipient by when it needs an answer, sometimes.
            let due = (plan.copy_model() && self.kind == Kind::Up && rng.chance(0.3))
                .then(|| cal.due_after_working_days(send_at, self.days.min(5)));
            if let Some(d) = due {
                self.cols.due_ev.push(self.next_ev() as u32);
                self.cols.due_at.push(d);
            }
            self.push(cur, SENT, send_at, target, w.actor(cur, ROLE_CLERK));
            self.close_chain_copy(copy);
            let next_copy = self.chain_copy(self.next_ev() - 1, due);
            let mut arrive_at = arrive_at;
            let mut delayed = None;
            if let Some(e) = plan.problems.flaky.iter().position(|f| f.0 == cur && f.1 == target) {
                let (_, _, p, delay) = plan.problems.flaky[e];
                if rng.chance(p) {
                    let late = cal.add_office_ms(send_at, secs(rng.log_normal(delay, 0.5)));
                    if w.resolve(target, late) == Some(target) && late > arrive_at {
                        arrive_at = late;
                        delayed = Some(e);
                    }
                }
            }
            if let Some(e) = delayed {
                self.delayed.push((self.doc, self.next_ev() as u32, e));
            }
            self.push(target, ARRIVED, arrive_at, NO_UNIT, NO_UNIT);
            t = arrive_at;
            // Occasionally the sender takes the document back.
            if rng.chance(P_RECALL) {
                let recall_at = cal.add_office_ms(t, secs(rng.log_normal(hour, 1.0)));
                let answer_at = cal.add_office_ms(recall_at, secs(rng.log_normal(30.0 * min, 1.0)));
                if w.resolve(cur, recall_at) == Some(cur) && w.resolve(target, answer_at) == Some(target) {
                    self.push(cur, RECALLED, recall_at, target, w.actor(cur, ROLE_CLERK));
                    if rng.chance(0.6) {
                        self.push(target, RECALL_ACCEPTED, answer_at, NO_UNIT, w.actor(target, ROLE_CLERK));
                        self.close_chain_copy(next_copy);
                        return;
                    }
                    self.push(target, RECALL_REFUSED, answer_at, NO_UNIT, w.actor(target, ROLE_CLERK));
                    t = answer_at;
                }
            }
            copy = next_copy;
            cur = target;
        }
    }

    /// A fan-out directive: the issuer drafts it and sends it to a list at once; each recipient
    /// handles its own copy on its own clock and may forward it further down. Copies are
    /// generated one after the other, then the document's events are merged by time.
    fn fan_flow(&mut self, rng: &mut Rng, created: Instant, shape: FanShape) -> bool {
        let plan = self.plan;
        let w = plan.world;
        let cal = plan.cal;
        let issuer = shape.issuer;
        let stalls = plan.stall_share > 0.0 && rng.chance(plan.stall_share);
        let sp = ROLE_SPECIALIST + rng.below(4) as u32;
        let first = self.emit(issuer, PROCESSING, created, NO_UNIT, w.actor(issuer, sp));
        let root = self.new_copy(issuer, first, created, None);
        let slow = plan.problems.slow_factor[issuer as usize];
        let mut done = cal.add_office_ms(created, secs(rng.log_normal(3.0 * HOUR_MS as f64, 0.9) * slow * self.uf));
        let (group, fwd) = match shape.target {
            FanTarget::Group(g) => (g, shape.fwd),
            FanTarget::Lower { both } => {
                done = plan.lower_send_at(done);
                let l = w.layout_at(done);
                if both && l.g_both != NO_UNIT {
                    (l.g_both, NO_FORWARD)
                } else {
                    (l.g_lower, shape.fwd)
                }
            }
        };
        // A few recipients of some documents never act past `accepted`.
        self.stall_p = if stalls { (1.5 / w.groups[group as usize].len() as f64).min(0.5) } else { 0.0 };
        let due = rng.chance(0.7).then(|| cal.due_after_working_days(done, self.days));
        self.send_group(rng, issuer, root, done, group, fwd, due);
        self.flush()
    }

    fn emit(&mut self, unit: u32, action: u8, at: Instant, to: u32, actor: u32) -> u32 {
        let channel = if action == SENT { self.channel(unit, to) } else { 0 };
        self.emit_with(unit, action, at, to, actor, channel)
    }

    fn emit_with(&mut self, unit: u32, action: u8, at: Instant, to: u32, actor: u32, channel: u8) -> u32 {
        let s = &mut self.scratch.events;
        let seq = s.len() as u32;
        s.push(BufEvent { at, seq, unit, to, actor, action, channel });
        seq
    }

    fn new_copy(&mut self, unit: u32, open_seq: u32, open_at: Instant, sent_due: Option<Instant>) -> u32 {
        let s = &mut *self.scratch;
        let idx = s.copies.len() as u32;
        s.copies.push(BufCopy {
            unit,
            open_seq,
            open_at,
            close_seq: NO_UNIT,
            close_at: Instant::MAX,
            sent_due,
            prev_same_unit: s.unit_copy[unit as usize],
        });
        s.unit_copy[unit as usize] = idx;
        idx
    }

    fn close_copy(&mut self, copy: u32, seq: u32, at: Instant) {
        let c = &mut self.scratch.copies[copy as usize];
        c.close_seq = seq;
        c.close_at = at;
    }

    /// `sender` (whose copy `copy` this `sent` closes) sends the document to every unit of
    /// group `g` at once; each recipient handles its copy.
    #[allow(clippy::too_many_arguments)]
    fn send_group(
        &mut self,
        rng: &mut Rng,
        sender: u32,
        copy: u32,
        at: Instant,
        g: u32,
        fwd: Forward,
        due: Option<Instant>,
    ) {
        let w = self.plan.world;
        let seq = self.emit(sender, SENT, at, group_to(g), w.actor(sender, ROLE_CLERK));
        self.close_copy(copy, seq, at);
        if let Some(d) = due {
            self.scratch.dues.push((seq, d));
        }
        let members = &w.groups[g as usize];
        let recall = if rng.chance(P_FAN_RECALL) { rng.below(members.len()) } else { usize::MAX };
        for (j, &x) in members.iter().enumerate() {
            let transit = secs(rng.log_normal(40.0 * SECOND, 1.0)).min(FAN_TRANSIT_MAX);
            let stall = self.stall_p > 0.0 && rng.chance(self.stall_p);
            self.receive(rng, sender, x, at, seq, transit, due, fwd, stall, j == recall, Instant::MIN);
        }
    }

    /// The `sent` event `send_seq` of `sender` at `send_at` reaches `unit`: a new copy there,
    /// unless `unit` already holds an open copy of the document (SPEC §2: none is opened then).
    #[allow(clippy::too_many_arguments)]
    fn receive(
        &mut self,
        rng: &mut Rng,
        sender: u32,
        unit: u32,
        send_at: Instant,
        send_seq: u32,
        transit: i64,
        due: Option<Instant>,
        fwd: Forward,
        stall: bool,
        recall: bool,
        not_before: Instant,
    ) {
        let plan = self.plan;
        let w = plan.world;
        let cal = plan.cal;
        let mut k = self.scratch.unit_copy[unit as usize];
        while k != NO_UNIT {
            let c = &mut self.scratch.copies[k as usize];
            if c.close_at > send_at {
                // This earlier `sent` opened it; the later one found it open.
                if send_at < c.open_at {
                    c.open_at = send_at;
                    c.open_seq = send_seq;
                    c.sent_due = due;
                }
                return;
            }
            k = c.prev_same_unit;
        }
        let from = send_at.max(not_before).max(w.units[unit as usize].valid_from.unwrap_or(Instant::MIN));
        let mut arrive = cal.add_office_ms(from, transit);
        let mut delayed = None;
        if let Some(e) = plan.problems.flaky.iter().position(|f| f.0 == sender && f.1 == unit) {
            let (_, _, p, delay) = plan.problems.flaky[e];
            if rng.chance(p) {
                let late = cal.add_office_ms(send_at, secs(rng.log_normal(delay, 0.5)));
                if w.resolve(unit, late) == Some(unit) && late > arrive {
                    arrive = late;
                    delayed = Some(e);
                }
            }
        }
        let copy = self.new_copy(unit, send_seq, send_at, due);
        let channel = self.channel(sender, unit);
        let a = self.emit_with(unit, ARRIVED, arrive, NO_UNIT, NO_UNIT, channel);
        if let Some(e) = delayed {
            self.scratch.delayed.push((a, e));
        }
        self.handle(rng, copy, unit, sender, arrive, fwd, stall, recall);
    }

    /// A recipient's handling of its copy from its arrival at `t`: registered, assigned,
    /// handled, then completed or forwarded down; or rejected, recalled, left untouched, or
    /// handed over when the unit is abolished.
    #[allow(clippy::too_many_arguments)]
    fn handle(
        &mut self,
        rng: &mut Rng,
        copy: u32,
        cur: u32,
        sender: u32,
        t: Instant,
        fwd: Forward,
        stall: bool,
        recall: bool,
    ) {
        let plan = self.plan;
        let w = plan.world;
        let cal = plan.cal;
        let min = MINUTE_MS as f64;
        let hour = HOUR_MS as f64;
        let slow = plan.problems.slow_factor[cur as usize];
        let uf = self.uf;
        let valid_to = w.units[cur as usize].valid_to;
        let ok = |at: Instant| valid_to.is_none_or(|v| at < v);
        let mut t = t;
        if stall {
            // Never acted on past registration (still handed over if the unit is abolished).
            if rng.chance(0.6) {
                let at = cal.add_office_ms(t, secs(rng.log_normal(25.0 * min, 1.0) * slow * uf));
                if ok(at) {
                    self.emit(cur, ACCEPTED, at, NO_UNIT, w.actor(cur, ROLE_CLERK));
                    t = at;
                }
            }
            if let Some(v) = valid_to {
                // Untouched until the cut-over, then handed over on the last afternoon.
                let last = cal.office_end_of_day(cal.working_day_before(local_day(v))) - 1000;
                let at = last - secs(rng.log_normal(20.0 * min, 1.0)).min(2 * HOUR_MS);
                self.hand_over(rng, copy, cur, at.max(t));
            }
            return;
        }
        if recall {
            // The sender takes this recipient's copy back (recorded at the sender, naming it).
            let recall_at = cal.add_office_ms(t, secs(rng.log_normal(hour, 1.0)));
            let answer_at = cal.add_office_ms(recall_at, secs(rng.log_normal(30.0 * min, 1.0)));
            if w.resolve(sender, recall_at) == Some(sender) && ok(answer_at) {
                self.emit(sender, RECALLED, recall_at, cur, w.actor(sender, ROLE_CLERK));
                if rng.chance(0.6) {
                    let s = self.emit(cur, RECALL_ACCEPTED, answer_at, NO_UNIT, w.actor(cur, ROLE_CLERK));
                    self.close_copy(copy, s, answer_at);
                    return;
                }
                self.emit(cur, RECALL_REFUSED, answer_at, NO_UNIT, w.actor(cur, ROLE_CLERK));
                t = answer_at;
            }
        }
        let mut forced = false;
        if rng.chance(P_REJECT) {
            let at = cal.add_office_ms(t, secs(rng.log_normal(40.0 * min, 1.0) * slow * uf));
            if ok(at) {
                let s = self.emit(cur, REJECTED, at, NO_UNIT, w.actor(cur, ROLE_CLERK));
                self.close_copy(copy, s, at);
                return;
            }
            forced = true;
        }
        let (steps, n, refused) = plan.handling_steps(rng, cur, t, (slow, uf), forced, &ok);
        for &(action, actor, at) in &steps[..n] {
            self.emit(cur, action, at, NO_UNIT, actor);
            t = at;
        }
        let forced = refused;
        let done_at = cal.add_office_ms(t, secs(rng.log_normal(plan.handling_median(cur), 0.9) * slow * uf));
        if !forced && ok(done_at) {
            let group = if fwd.0 > 0.0 && rng.chance(fwd.0) { self.forward_group(cur, done_at) } else { NO_UNIT };
            if group == NO_UNIT {
                let actor = w.actor(cur, ROLE_SPECIALIST + rng.below(4) as u32);
                let s = self.emit(cur, COMPLETED, done_at, NO_UNIT, actor);
                self.close_copy(copy, s, done_at);
                return;
            }
            // A department's list of the lower level is sent in the layout it names.
            let province = w.units[cur as usize].level == Level::Province;
            let send_at = if province { plan.lower_send_at(done_at) } else { done_at };
            if ok(cal.add_office_ms(send_at, FAN_TRANSIT_MAX)) {
                self.dept_forwarded |= province;
                let due = rng.chance(0.7).then(|| cal.due_after_working_days(send_at, (self.days / 2).max(1)));
                self.send_group(rng, cur, copy, send_at, group, Forward(fwd.1, 0.0), due);
                return;
            }
        }
        self.hand_over(rng, copy, cur, t);
    }

    /// The list a recipient forwards a directive to: a district to its communes, a department
    /// to every district (or commune); [`NO_UNIT`] for others or when the list would exceed
    /// [`Plan::max_copies`].
    fn forward_group(&self, cur: u32, at: Instant) -> u32 {
        let plan = self.plan;
        let w = plan.world;
        let g = match w.units[cur as usize].level {
            Level::District => {
                let l = &w.before;
                l.districts.iter().position(|&d| d == cur).map_or(NO_UNIT, |i| l.g_district_communes[i])
            }
            Level::Province if cur != w.province && !self.dept_forwarded => w.layout_at(plan.lower_send_at(at)).g_lower,
            _ => NO_UNIT,
        };
        if g != NO_UNIT && self.scratch.copies.len() + w.groups[g as usize].len() <= plan.max_copies {
            g
        } else {
            NO_UNIT
        }
    }

    /// An abolished unit hands its copy over at the cut-over: to its successor (a district's
    /// is the province).
    fn hand_over(&mut self, rng: &mut Rng, copy: u32, cur: u32, t: Instant) {
        let plan = self.plan;
        let w = plan.world;
        let cal = plan.cal;
        let def = &w.units[cur as usize];
        let v = def.valid_to.unwrap_or(t);
        // A second later, or a millisecond when that second is past office hours.
        let send_at = {
            let s = cal.add_office_ms(t, 1000);
            if s < v {
                s
            } else {
                t + 1
            }
        };
        let successor = if def.successor == NO_UNIT { None } else { w.resolve(def.successor, v) };
        let target = successor.filter(|&r| r != cur).unwrap_or(w.province);
        let s = self.emit(cur, SENT, send_at, target, w.actor(cur, ROLE_CLERK));
        let due = self.scratch.copies[copy as usize].sent_due;
        self.close_copy(copy, s, send_at);
        if let Some(d) = due {
            self.scratch.dues.push((s, d));
        }
        let transit = secs(rng.log_normal(40.0 * SECOND, 1.0)).min(FAN_TRANSIT_MAX);
        self.receive(rng, cur, target, send_at, s, transit, due, NO_FORWARD, false, false, v);
    }

    /// Merges the buffered events of a fan-out document by time (ties in generation order,
    /// then nudged apart by a millisecond so that times strictly increase) into the columns,
    /// with its deadlines, copies and delayed arrivals. Returns whether a copy never closes.
    fn flush(&mut self) -> bool {
        let s = &mut *self.scratch;
        let c = &mut *self.cols;
        // Sort (time, seq) packed in one integer when it fits (it always does in practice).
        let min_at = s.events.iter().map(|e| e.at).min().unwrap_or(0);
        let span = s.events.iter().map(|e| e.at).max().unwrap_or(0) - min_at;
        s.keys.clear();
        if span < 1 << 42 && s.events.len() < 1 << 22 {
            s.keys.extend(s.events.iter().map(|e| ((e.at - min_at) as u64) << 22 | e.seq as u64));
            s.keys.sort_unstable();
            for k in s.keys.iter_mut() {
                *k &= (1 << 22) - 1;
            }
        } else {
            s.events.sort_unstable_by_key(|e| (e.at, e.seq));
            s.keys.extend(s.events.iter().map(|e| e.seq as u64));
            s.events.sort_unstable_by_key(|e| e.seq);
        }
        s.pos.clear();
        s.pos.resize(s.events.len(), 0);
        let base = c.ev_at.len() as u32;
        let mut prev = Instant::MIN;
        for (i, &seq) in s.keys.iter().enumerate() {
            let e = &s.events[seq as usize];
            let at = if e.at <= prev { prev + 1 } else { e.at };
            prev = at;
            s.pos[seq as usize] = base + i as u32;
            c.ev_unit.push(e.unit);
            c.ev_action.push(e.action);
            c.ev_at.push(at);
            c.ev_to.push(e.to);
            c.ev_actor.push(e.actor);
            c.ev_channel.push(e.channel);
        }
        for d in s.dues.iter_mut() {
            d.0 = s.pos[d.0 as usize];
        }
        s.dues.sort_unstable_by_key(|d| d.0);
        for &(e, due) in &s.dues {
            c.due_ev.push(e);
            c.due_at.push(due);
        }
        let mut never_closes = false;
        for cp in &s.copies {
            c.cp_open.push(s.pos[cp.open_seq as usize]);
            c.cp_close.push(if cp.close_seq == NO_UNIT {
                never_closes = true;
                NO_UNIT
            } else {
                s.pos[cp.close_seq as usize]
            });
            c.cp_due.push(cp.sent_due.unwrap_or(self.doc_due));
            s.unit_copy[cp.unit as usize] = NO_UNIT;
        }
        for &(a, e) in &s.delayed {
            self.delayed.push((self.doc, s.pos[a as usize], e));
        }
        s.events.clear();
        s.dues.clear();
        s.copies.clear();
        s.delayed.clear();
        never_closes
    }
}

/// The action of a stored action code.
pub(crate) fn action_of(code: u8) -> KnownAction {
    KnownAction::ALL[code as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secs_rounds_like_f64_round() {
        let mut r = super::super::rng::Rng::new(5);
        let halves = (1..2_000).map(|k| k as f64 * 500.0 + [0.0, -1e-9, 1e-9][k % 3]);
        for ms in halves.chain((0..20_000).map(|_| r.f64() * 2.0 * MAX_STEP_MS)) {
            let want = (ms.clamp(SECOND, MAX_STEP_MS) / SECOND).round() as i64 * 1000;
            assert_eq!(secs(ms), want, "{ms}");
        }
    }

    #[test]
    fn action_codes_match_known_actions() {
        for (code, a) in [
            (SENT, KnownAction::Sent),
            (ARRIVED, KnownAction::Arrived),
            (REJECTED, KnownAction::Rejected),
            (ACCEPTED, KnownAction::Accepted),
            (ASSIGNED, KnownAction::Assigned),
            (PROCESSING, KnownAction::Processing),
            (COMPLETED, KnownAction::Completed),
            (RECALLED, KnownAction::Recalled),
            (RECALL_ACCEPTED, KnownAction::RecallAccepted),
            (RECALL_REFUSED, KnownAction::RecallRefused),
        ] {
            assert_eq!(action_code(a), code);
            assert_eq!(action_of(code), a);
        }
    }
}
