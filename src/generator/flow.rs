//! Generation of documents and their events, column by column.

use super::office::Office;
use super::rng::Rng;
use super::units::{World, NO_UNIT, ROLE_CLERK, ROLE_DEPUTY, ROLE_HEAD, ROLE_SPECIALIST};
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

/// Per-unit slow factors and flaky edges, resolved to unit indexes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Problems {
    pub slow_factor: Vec<f64>,
    /// (from, to, probability, delay in working ms)
    pub flaky: Vec<(u32, u32, f64, f64)>,
}

/// Everything a run needs besides the document count.
pub(crate) struct Plan<'a> {
    pub world: &'a World,
    pub office: &'a Office,
    pub problems: &'a Problems,
    pub seed: u64,
    pub start: Instant,
    pub span_working_ms: i64,
    pub open_share: f64,
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
    /// Events of document `d`: `ev_start[d]..ev_start[d + 1]`.
    pub ev_start: Vec<u32>,
    // events
    pub ev_unit: Vec<u32>,
    pub ev_action: Vec<u8>,
    pub ev_at: Vec<Instant>,
    pub ev_to: Vec<u32>,
    pub ev_actor: Vec<u32>,
    // ground truth counters (after the cut)
    pub as_of: Instant,
    pub flaky_delayed: Vec<usize>,
    pub open: usize,
    pub overdue_open: usize,
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
    let ms = ms.clamp(SECOND, MAX_STEP_MS);
    (ms / SECOND).round() as i64 * 1000
}

struct DocGen<'p, 'a> {
    plan: &'p Plan<'a>,
    cols: &'p mut Columns,
    delayed: &'p mut Vec<(u32, Instant, usize)>,
    doc: u32,
}

impl DocGen<'_, '_> {
    fn push(&mut self, unit: u32, action: u8, at: Instant, to: u32, actor: u32) {
        let c = &mut *self.cols;
        debug_assert!(c.ev_at.len() == c.ev_start[self.doc as usize] as usize || *c.ev_at.last().unwrap_or(&0) < at);
        c.ev_unit.push(unit);
        c.ev_action.push(action);
        c.ev_at.push(at);
        c.ev_to.push(to);
        c.ev_actor.push(actor);
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

    /// Generates `n` documents; `salt` varies the streams between attempts.
    pub fn run(&self, n: usize, salt: u64) -> Columns {
        let n = n.max(1);
        let mut cols = Columns { ev_start: vec![0], doc_off: vec![0], ..Columns::default() };
        cols.doc_type.reserve(n);
        let est = n * 14;
        cols.ev_unit.reserve(est);
        cols.ev_action.reserve(est);
        cols.ev_at.reserve(est);
        cols.ev_to.reserve(est);
        cols.ev_actor.reserve(est);
        let mut delayed: Vec<(u32, Instant, usize)> = Vec::new();
        let mut counters = vec![0u32; self.world.units.len()];
        let mut route = Vec::with_capacity(8);
        let stream_seed = self.seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = self.span_working_ms as f64 / n as f64;
        let mut prev_offset = 0i64;
        let mut created = self.office.snap(self.start);
        let mut last = Vec::with_capacity(n);
        let mut first = Vec::with_capacity(n);
        for i in 0..n {
            let mut rng = Rng::stream(stream_seed, i as u64);
            let offset = ((i as f64 + rng.f64()) * slot / SECOND) as i64 * 1000;
            created = self.office.add(created, offset - prev_offset);
            prev_offset = offset;
            let mut g = DocGen { plan: self, cols: &mut cols, delayed: &mut delayed, doc: i as u32 };
            g.document(&mut rng, created, &mut route, &mut counters);
            let c = &mut cols;
            c.ev_start.push(c.ev_at.len() as u32);
            first.push(created);
            last.push(*c.ev_at.last().unwrap_or(&created));
        }
        self.cut(&mut cols, &last, &first, &delayed, stream_seed);
        cols
    }

    /// Ends the log: every document is cut at the generation end `E` (the completion time below
    /// which `1 - open_share` of the documents finish, but not before the newest document is
    /// created). When fewer than `open_share` of the documents are then open, the newest closed
    /// ones are stalled too: they stop after a random prefix of their events, held at a unit or
    /// in transit, as forgotten documents are.
    fn cut(
        &self,
        cols: &mut Columns,
        last: &[Instant],
        first: &[Instant],
        delayed: &[(u32, Instant, usize)],
        stream_seed: u64,
    ) {
        let n = last.len();
        let k = ((n as f64) * self.open_share.clamp(0.0, 1.0)).round() as usize;
        let newest_first = first.iter().copied().max().unwrap_or(self.start);
        let mut sorted = last.to_vec();
        let end = if k == 0 {
            sorted.iter().copied().max().unwrap_or(self.start)
        } else if k >= n {
            newest_first
        } else {
            let (_, e, _) = sorted.select_nth_unstable(n - k - 1);
            *e
        };
        let end = end.max(newest_first);
        cols.as_of = end;
        // How many events each document keeps.
        let mut keep: Vec<u32> = Vec::with_capacity(n);
        let mut open = 0usize;
        for d in 0..n {
            let (a, b) = (cols.ev_start[d] as usize, cols.ev_start[d + 1] as usize);
            let kept = a + cols.ev_at[a..b].partition_point(|&t| t <= end);
            if kept < b {
                open += 1;
            }
            keep.push((kept - a) as u32);
        }
        let mut d = n;
        while open < k && d > 0 {
            d -= 1;
            let len = cols.ev_start[d + 1] - cols.ev_start[d];
            if keep[d] == len && len >= 2 {
                let mut rng = Rng::stream(stream_seed ^ 0xC0FF_EE00_5EED, d as u64);
                keep[d] = 1 + rng.below(len as usize - 1) as u32;
                open += 1;
            }
        }
        let mut w = 0usize;
        let mut overdue = 0;
        let mut kept_last = vec![Instant::MIN; n];
        for d in 0..n {
            let (a, b) = (cols.ev_start[d] as usize, cols.ev_start[d + 1] as usize);
            let kept = a + keep[d] as usize;
            cols.ev_start[d] = w as u32;
            if kept < b && cols.doc_due[d] < end {
                overdue += 1;
            }
            if kept > a {
                kept_last[d] = cols.ev_at[kept - 1];
            }
            if w != a {
                cols.ev_unit.copy_within(a..kept, w);
                cols.ev_action.copy_within(a..kept, w);
                cols.ev_at.copy_within(a..kept, w);
                cols.ev_to.copy_within(a..kept, w);
                cols.ev_actor.copy_within(a..kept, w);
            }
            w += kept - a;
        }
        cols.ev_start[n] = w as u32;
        cols.ev_unit.truncate(w);
        cols.ev_action.truncate(w);
        cols.ev_at.truncate(w);
        cols.ev_to.truncate(w);
        cols.ev_actor.truncate(w);
        cols.open = open;
        cols.overdue_open = overdue;
        cols.flaky_delayed = vec![0; self.problems.flaky.len()];
        for &(doc, at, edge) in delayed {
            if at <= kept_last[doc as usize] {
                cols.flaky_delayed[edge] += 1;
            }
        }
    }
}

impl DocGen<'_, '_> {
    fn document(&mut self, rng: &mut Rng, created: Instant, route: &mut Vec<u32>, counters: &mut [u32]) {
        let plan = self.plan;
        let w = plan.world;
        let kind = Kind::ALL[rng.weighted(&Kind::WEIGHTS)];
        plan.route(rng, kind, created, route);
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
        let issuer = route[0];
        let subjects = kind.subjects();
        let subject = rng.below(subjects.len());
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
            c.doc_due.push(plan.office.due_after_working_days(created, days));
            c.doc_issuer.push(issuer);
        }
        self.flow(rng, created, route, uf);
    }

    fn flow(&mut self, rng: &mut Rng, created: Instant, route: &[u32], uf: f64) {
        let plan = self.plan;
        let w = plan.world;
        let office = plan.office;
        let min = MINUTE_MS as f64;
        let hour = HOUR_MS as f64;
        let mut cur = route[0];
        let mut next_idx = 1;
        let mut t = created;
        let specialist = |rng: &mut Rng| ROLE_SPECIALIST + rng.below(4) as u32;
        let sp = specialist(rng);
        self.push(cur, PROCESSING, t, NO_UNIT, w.actor(cur, sp));
        let mut issuer_visit = true;
        loop {
            let slow = plan.problems.slow_factor[cur as usize];
            let valid_to = w.units[cur as usize].valid_to;
            let ok = |at: Instant| valid_to.is_none_or(|v| at < v);
            let mut forced = false;
            if !issuer_visit {
                if rng.chance(P_REJECT) {
                    let at = office.add(t, secs(rng.log_normal(40.0 * min, 1.0) * slow * uf));
                    if ok(at) {
                        self.push(cur, REJECTED, at, NO_UNIT, w.actor(cur, ROLE_CLERK));
                        return;
                    }
                    forced = true;
                }
                let head = if rng.chance(0.5) { ROLE_HEAD } else { ROLE_DEPUTY };
                let sp = specialist(rng);
                let steps = [
                    (ACCEPTED, ROLE_CLERK, 25.0 * min, 1.0),
                    (ASSIGNED, head, 1.5 * hour, 0.9),
                    (PROCESSING, sp, 40.0 * min, 1.0),
                ];
                for (action, role, median, sigma) in steps {
                    if forced {
                        break;
                    }
                    let at = office.add(t, secs(rng.log_normal(median, sigma) * slow * uf));
                    if ok(at) {
                        self.push(cur, action, at, NO_UNIT, w.actor(cur, role));
                        t = at;
                    } else {
                        forced = true;
                    }
                }
            }
            // Drafting at the issuer, handling elsewhere.
            let median = if issuer_visit { 3.0 * hour } else { plan.handling_median(cur) };
            issuer_visit = false;
            let done_at = office.add(t, secs(rng.log_normal(median, 0.9) * slow * uf));
            if !forced && !ok(done_at) {
                forced = true;
            }
            let transit = secs(rng.log_normal(40.0 * SECOND, 1.0));
            // Where next, and when it arrives there.
            let (send_at, target, arrive_at) = if forced {
                // The unit is abolished: it hands the document over at the cut-over.
                let v = valid_to.unwrap_or(t);
                let send_at = {
                    let s = office.add(t, 1000);
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
                (send_at, target, office.add(send_at.max(v), transit))
            } else {
                let arrive = office.add(done_at, transit);
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
                        return;
                    }
                    Some(target) => (done_at, target, arrive),
                }
            };
            self.push(cur, SENT, send_at, target, w.actor(cur, ROLE_CLERK));
            let mut arrive_at = arrive_at;
            if let Some(e) = plan.problems.flaky.iter().position(|f| f.0 == cur && f.1 == target) {
                let (_, _, p, delay) = plan.problems.flaky[e];
                if rng.chance(p) {
                    let late = office.add(send_at, secs(rng.log_normal(delay, 0.5)));
                    if w.resolve(target, late) == Some(target) && late > arrive_at {
                        arrive_at = late;
                        self.delayed.push((self.doc, late, e));
                    }
                }
            }
            self.push(target, ARRIVED, arrive_at, NO_UNIT, NO_UNIT);
            t = arrive_at;
            // Occasionally the sender takes the document back.
            if rng.chance(P_RECALL) {
                let recall_at = office.add(t, secs(rng.log_normal(hour, 1.0)));
                let answer_at = office.add(recall_at, secs(rng.log_normal(30.0 * min, 1.0)));
                if w.resolve(cur, recall_at) == Some(cur) && w.resolve(target, answer_at) == Some(target) {
                    self.push(cur, RECALLED, recall_at, target, w.actor(cur, ROLE_CLERK));
                    if rng.chance(0.6) {
                        self.push(target, RECALL_ACCEPTED, answer_at, NO_UNIT, w.actor(target, ROLE_CLERK));
                        return;
                    }
                    self.push(target, RECALL_REFUSED, answer_at, NO_UNIT, w.actor(target, ROLE_CLERK));
                    t = answer_at;
                }
            }
            cur = target;
        }
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
