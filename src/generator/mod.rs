//! Deterministic generator of provincial document flow (SPEC §7).
//!
//! [`GeneratedLog::generate`] builds a province — central ministries, the provincial People's
//! Committee, its departments (sở), districts (huyện) and communes (xã) — and a log of official
//! documents flowing between them: directives down, reports up, coordination between departments,
//! submissions for signing that come back, rejections and recalls. Directives often fan out
//! (SPEC §2, copy model): one `sent` lists every recipient (every district or commune, the
//! departments), each recipient handles its own copy on its own clock, districts forward to
//! their communes, and a few recipients never act; other documents are routes of single-target
//! sends. Handling times are log-normal in working time and due dates count working days by
//! type and urgency, both on the library's own Vietnamese calendar ([`VietnamCalendar::shared`],
//! the default of every tracker; [`crate::calendar::office`]): events fall in its office hours
//! (07:30–11:30, 13:30–17:00) on its working days — never on a weekly rest day, a public holiday
//! (Tết Nguyên Đán and Giỗ Tổ Hùng Vương included) or another announced day off, but on the
//! make-up working Saturdays — and a deadline counted across Tết lands after it.
//!
//! Documents and handovers carry the e-government fields: each document's `format` and whether
//! it is `signed` (about 92 % electronic, ministries and the province nearly all, communes less,
//! a few communes still half on paper; about 90 % of electronic documents signed, paper ones
//! never), and each `sent` and its `arrived` a `channel`: `paper` for a paper document, `axis`
//! (the national interconnection axis) to or from a central ministry, `province` within the
//! province. They come from their own random streams: a seed's other figures do not depend on
//! them.
//!
//! Named problems (a slow unit, a flaky interconnection edge, a unit still sending on paper)
//! can be injected; [`GroundTruth`] says where they went.
//!
//! The same seed and options always give the same log. Events are stored column by column
//! (about 22 bytes each), so ten million events fit in a few hundred megabytes.
//!
//! ```
//! use lienthong::generator::{GeneratedLog, GeneratorOptions, Problem};
//! use lienthong::{Tracker, TrackerOptions};
//!
//! let log = GeneratedLog::generate(&GeneratorOptions {
//!     seed: Some(7),
//!     events: 2_000,
//!     problems: vec![Problem::SlowUnit { unit: None, factor: 4.0 }],
//!     ..GeneratorOptions::default()
//! });
//! let mut tracker = Tracker::new(TrackerOptions::default());
//! let report = log.load_into(&mut tracker);
//! assert!(report.rejected.is_empty());
//! assert_eq!(report.accepted - log.unit_count() - log.document_count(), log.event_count());
//! assert_eq!(log.truth.slow_units.len(), 1);
//! ```

mod flow;
mod rng;
mod units;

/// The default calendar's working days and office hours (from [`crate::calendar::office`]): what
/// generated event times satisfy.
pub use crate::calendar::office::{in_office_hours, is_working_day};
pub use rng::{splitmix64, Rng};

use crate::calendar::office::local_instant;
use crate::calendar::{VietnamCalendar, WorkingTime};
use crate::ingest::events::{EventLoader, ResolvedEvent};
use crate::ingest::{DocumentRecord, EventRecord, IngestReport, Targets, TimeValue, UnitRecord};
use crate::model::egov::{CHANNEL_AXIS, CHANNEL_PAPER, CHANNEL_PROVINCE, KNOWN_CHANNELS};
use crate::model::KnownAction;
use crate::model::{Instant, Level, DAY_MS, HOUR_MS, MINUTE_MS};
use crate::store::{ActionId, Store, TextId, UnitIx};
use flow::{Columns, Plan, Problems, DOC_TYPES};
use std::io::Write;
use units::{World, NO_UNIT, TO_GROUP};

/// How the local government is organised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Structure {
    /// Province, districts and communes (before 1 July 2025).
    #[default]
    FourLevel,
    /// Communes directly under the province (two-level local government, from 1 July 2025).
    ThreeLevel,
    /// Districts exist until the cut-over ([`REFORM_DATE`], 1 July 2025), then are dissolved:
    /// they and their communes get `validTo` = the cut-over, the communes merge (about three
    /// to one) into new communes under the province (their `successor`), and flows after that
    /// date skip districts. Documents still held by an abolished unit are handed over on the
    /// cut-over.
    Reform,
}

/// The cut-over of the 2025 reform: 2025-07-01T00:00+07:00, in epoch milliseconds.
pub const REFORM_DATE: Instant = 1_751_302_800_000;

/// A problem injected on purpose, so that tests and demos know the ground truth.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A unit whose handling times (waiting and processing) are multiplied by `factor`.
    SlowUnit {
        /// Unit id; `None` picks a provincial department with a fair share of traffic.
        unit: Option<String>,
        /// Multiplier of the handling times at the unit (e.g. `4.0`).
        factor: f64,
    },
    /// An interconnection edge on which arrivals are sometimes late.
    FlakyEdge {
        /// Sending unit id; `None` picks one so that the edge carries traffic.
        from: Option<String>,
        /// Receiving unit id; `None` picks one so that the edge carries traffic.
        to: Option<String>,
        /// Probability that an arrival after a `sent` on the edge is delayed.
        probability: f64,
        /// Typical delay in working hours (log-normal around it).
        delay_hours: f64,
    },
    /// A unit still sending on paper: the documents it issues are (nearly all) paper documents,
    /// unsigned, and every handover it sends goes on the `paper` channel.
    PaperUnit {
        /// Unit id; `None` picks a district (a busy department without districts or when the
        /// reform dissolves them).
        unit: Option<String>,
    },
}

/// Options of the generator.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorOptions {
    /// Seed; `None` takes a random one from the operating system. The seed used is returned in
    /// [`GeneratedLog::seed`].
    pub seed: Option<u64>,
    /// Target number of events, from 100 to 10 000 000; the actual count is within ±10 %.
    pub events: usize,
    /// Epoch ms of the first document. Default 2025-01-06T07:30+07:00.
    pub start: Instant,
    /// Days over which documents are created; `0` derives it from `events` (30 to 365 days,
    /// and at least two months past the cut-over for [`Structure::Reform`]).
    pub days: u32,
    /// Organisation of local government.
    pub structure: Structure,
    /// Number of districts (for [`Structure::ThreeLevel`], the number of commune groups).
    /// Default 8.
    pub districts: usize,
    /// Communes per district. Default 6.
    pub communes_per_district: usize,
    /// Provincial departments (sở). Default 12.
    pub departments: usize,
    /// Injected problems. Default none.
    pub problems: Vec<Problem>,
    /// Share of documents still open at the end of the log (the newest ones). Default 0.1.
    pub open_share: f64,
    /// Share of directive documents that fan out (copy model, SPEC §2), from 0 to 1. Default
    /// 0.3. A fan-out directive is ONE `sent` whose `to` lists every recipient: a ministry to
    /// the province's departments (all, or a handful), the province or a department to every
    /// district or every commune; each recipient handles its own copy and districts may
    /// forward it to their communes. With fan-outs on, some `sent` events also carry a `due`.
    /// `0.0` gives the chain logs of earlier versions, event for event (every `sent` names
    /// one unit). At small sizes, lists longer than about `events / 60` are not used.
    pub fan_out: f64,
}

impl Default for GeneratorOptions {
    fn default() -> Self {
        GeneratorOptions {
            seed: None,
            events: 10_000,
            start: local_instant(2025, 1, 6, 7 * HOUR_MS + 30 * MINUTE_MS),
            days: 0,
            structure: Structure::FourLevel,
            districts: 8,
            communes_per_district: 6,
            departments: 12,
            problems: Vec::new(),
            open_share: 0.1,
            fan_out: 0.3,
        }
    }
}

impl GeneratorOptions {
    /// The span in days that [`GeneratedLog::generate`] uses.
    pub fn effective_days(&self) -> u32 {
        if self.days > 0 {
            return self.days;
        }
        let base = (self.events / 2_500).clamp(30, 365) as i64;
        let days = if self.structure == Structure::Reform && self.start < REFORM_DATE {
            base.max((REFORM_DATE - self.start) / DAY_MS + 60)
        } else {
            base
        };
        days as u32
    }
}

/// Where the injected problems went, and what the log looks like at its end.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroundTruth {
    /// Ids of the slow units, in the order of the problems.
    pub slow_units: Vec<String>,
    /// Their factors.
    pub slow_factors: Vec<f64>,
    /// Events recorded at each slow unit.
    pub slow_unit_events: Vec<usize>,
    /// Flaky edges as (from, to) unit ids, in the order of the problems.
    pub flaky_edges: Vec<(String, String)>,
    /// `sent` events on each flaky edge.
    pub flaky_sends: Vec<usize>,
    /// Arrivals on each flaky edge that were delayed.
    pub flaky_delayed: Vec<usize>,
    /// Ids of the paper-sending units ([`Problem::PaperUnit`]), in the order of the problems.
    pub paper_units: Vec<String>,
    /// Kept `sent` events of each paper-sending unit.
    pub paper_unit_sends: Vec<usize>,
    /// The end of the log: documents are cut here (the natural as-of time).
    pub as_of: Instant,
    /// Number of documents.
    pub documents: usize,
    /// Documents still open at `as_of`.
    pub open_documents: usize,
    /// Open documents whose due time is before `as_of`.
    pub overdue_documents: usize,
    /// Copies open at `as_of`. A copy is a unit's handling of a document: opened by a `sent`
    /// naming the unit (the issuer's first copy by its first event), closed by its own
    /// `completed`, `rejected` or `recall-accepted`, or handed on by its own final `sent`
    /// (SPEC §2). A document is open while it has an open copy.
    pub open_copies: usize,
    /// Open copies whose due (the `due` of the `sent` that opened them, else the document's)
    /// is before `as_of`.
    pub overdue_copies: usize,
    /// For every (sender, target) pair of unit ids, the number of times a kept `sent` of the
    /// sender names the target; sorted by ids.
    pub handovers: Vec<(String, String, usize)>,
    /// Targets of kept `sent` events, in total (the copies they open, before merging with a
    /// copy the target already holds).
    pub copies_opened_by_sent: usize,
    /// Documents with a kept `sent` naming two or more targets.
    pub fan_out_documents: usize,
    /// Kept `recalled` events.
    pub recalls: usize,
    /// Documents in electronic format (the others are on paper; every document has both
    /// fields).
    pub electronic_documents: usize,
    /// Digitally signed documents (all electronic).
    pub signed_documents: usize,
    /// Handovers (targets of kept `sent` events, as [`GroundTruth::copies_opened_by_sent`]) on
    /// the `axis` channel: between central units and the province.
    pub axis_handovers: usize,
    /// Handovers on the `province` channel.
    pub province_handovers: usize,
    /// Handovers on the `paper` channel.
    pub paper_handovers: usize,
    /// The reform cut-over, for [`Structure::Reform`].
    pub cutover: Option<Instant>,
}

/// A generated province and its document log, stored column by column.
#[derive(Debug, Clone)]
pub struct GeneratedLog {
    /// The seed used.
    pub seed: u64,
    /// Ground truth of the injected problems.
    pub truth: GroundTruth,
    world: World,
    cols: Columns,
}

impl GeneratedLog {
    /// Generates a log. Deterministic for a given seed and options.
    pub fn generate(options: &GeneratorOptions) -> GeneratedLog {
        let seed = options.seed.unwrap_or_else(random_seed);
        let days = options.effective_days() as i64;
        let world = World::build(
            options.structure,
            options.districts,
            options.communes_per_district,
            options.departments,
            REFORM_DATE,
        );
        let cal = VietnamCalendar::shared();
        let (problems, mut truth) = resolve_problems(&world, &options.problems, seed);
        let span_working_ms = cal.working_ms_between(options.start, options.start + days * DAY_MS).max(HOUR_MS);
        let plan = Plan {
            world: &world,
            cal: &cal,
            problems: &problems,
            seed,
            start: options.start,
            span_working_ms,
            open_share: options.open_share,
            fan_out: if options.fan_out.is_finite() { options.fan_out.clamp(0.0, 1.0) } else { 0.0 },
            max_copies: (options.events / 60).min(5_000),
            stall_share: 0.0,
        };
        // Documents whose recipients never all act use up about half the open share.
        let plan = Plan {
            stall_share: if plan.fan_out > 0.0 {
                (0.5 * plan.open_share.clamp(0.0, 1.0) / (0.32 * plan.fan_out)).min(0.6)
            } else {
                0.0
            },
            ..plan
        };
        let target = options.events.max(1);
        // Estimate events per document with a pilot run, then hit the target.
        let pilot_docs = (target / 12).clamp(1, 2_000);
        let pilot = plan.run(pilot_docs, u64::MAX, 14.0);
        let per_doc = (pilot.ev_at.len() as f64 / pilot_docs as f64).max(1.0);
        drop(pilot);
        let mut n = ((target as f64 / per_doc).round() as usize).max(1);
        let tolerance = if target >= 20_000 { 0.04 } else { 0.07 };
        let mut best: Option<Columns> = None;
        for attempt in 0..64u64 {
            let cols = plan.run(n, attempt, per_doc);
            let got = cols.ev_at.len() as f64;
            let err = (got - target as f64).abs() / target as f64;
            let better =
                best.as_ref().is_none_or(|b| err < (b.ev_at.len() as f64 - target as f64).abs() / target as f64);
            // Correct the document count, with a little damping for small logs.
            let ratio = target as f64 / got.max(1.0);
            if better {
                best = Some(cols);
            }
            if err <= tolerance {
                break;
            }
            let next = ((n as f64 * ratio).round() as usize).max(1);
            n = if next == n && attempt % 2 == 1 { (n as f64 * ratio.sqrt()).round().max(1.0) as usize } else { next };
        }
        let cols = best.unwrap_or_default();
        truth.as_of = cols.as_of;
        truth.documents = cols.doc_type.len();
        truth.open_documents = cols.open;
        truth.overdue_documents = cols.overdue_open;
        truth.open_copies = cols.open_copies;
        truth.overdue_copies = cols.overdue_copies;
        truth.flaky_delayed = cols.flaky_delayed.clone();
        truth.cutover = world.cutover;
        let slow: Vec<u32> = truth
            .slow_units
            .iter()
            .filter_map(|id| world.units.iter().position(|u| &u.id == id))
            .map(|u| u as u32)
            .collect();
        truth.slow_unit_events = slow.iter().map(|&s| cols.ev_unit.iter().filter(|&&u| u == s).count()).collect();
        count_sends(&world, &cols, &problems, &mut truth);
        GeneratedLog { seed, truth, world, cols }
    }

    /// Number of units.
    pub fn unit_count(&self) -> usize {
        self.world.units.len()
    }

    /// Number of documents.
    pub fn document_count(&self) -> usize {
        self.cols.doc_type.len()
    }

    /// Number of events.
    pub fn event_count(&self) -> usize {
        self.cols.ev_at.len()
    }

    /// Bytes held by the event columns and document tables.
    pub fn heap_bytes(&self) -> usize {
        let c = &self.cols;
        c.ev_unit.capacity() * 4
            + c.ev_action.capacity()
            + c.ev_at.capacity() * 8
            + c.ev_to.capacity() * 4
            + c.ev_actor.capacity() * 4
            + c.ev_channel.capacity()
            + c.ev_start.capacity() * 4
            + c.due_ev.capacity() * 4
            + c.due_at.capacity() * 8
            + c.doc_text.capacity()
            + c.doc_off.capacity() * 4
            + c.doc_type.len() * (1 + 1 + 1 + 1 + 8 + 4 + 1)
    }

    /// The units, each after its parent and successor (central and provincial units, then the
    /// communes created by the reform, then districts and the other communes).
    pub fn unit_records(&self) -> impl Iterator<Item = UnitRecord<'_>> + '_ {
        let units = &self.world.units;
        let top = |u: &&units::UnitDef| matches!(u.level, Level::Central | Level::Province);
        let new = |u: &&units::UnitDef| !matches!(u.level, Level::Central | Level::Province) && u.valid_from.is_some();
        let rest = |u: &&units::UnitDef| !matches!(u.level, Level::Central | Level::Province) && u.valid_from.is_none();
        let ordered = units.iter().filter(top).chain(units.iter().filter(new)).chain(units.iter().filter(rest));
        ordered.map(move |u| UnitRecord {
            id: &u.id,
            name: Some(&u.name),
            level: Some(u.level.as_str()),
            parent: (u.parent != NO_UNIT).then(|| units[u.parent as usize].id.as_str()),
            valid_from: u.valid_from.map(TimeValue::Millis),
            valid_to: u.valid_to.map(TimeValue::Millis),
            successor: (u.successor != NO_UNIT).then(|| units[u.successor as usize].id.as_str()),
        })
    }

    /// The level of unit `id`, if the log has it.
    pub fn unit_level(&self, id: &str) -> Option<Level> {
        self.world.units.iter().find(|u| u.id == id).map(|u| u.level)
    }

    /// The documents, in creation order. Each carries the attribute `flow` (`directive`,
    /// `report`, `coordination`, `submission` or `local`), a `format` and whether it is
    /// `signed`.
    pub fn document_records(&self) -> impl Iterator<Item = DocumentRecord<'_>> + '_ {
        let c = &self.cols;
        (0..c.doc_type.len()).map(move |d| DocumentRecord {
            id: self.doc_id(d),
            number: Some(&c.doc_text[c.doc_off[2 * d + 1] as usize..c.doc_off[2 * d + 2] as usize]),
            doc_type: Some(DOC_TYPES[c.doc_type[d] as usize].0),
            urgency: Some(c.doc_urgency[d].as_str()),
            due: Some(TimeValue::Millis(c.doc_due[d])),
            issuer: Some(&self.world.units[c.doc_issuer[d] as usize].id),
            subject: Some(flow::subject_text(c.doc_kind[d], c.doc_subject[d])),
            attributes: vec![("flow", flow::Kind::ALL[c.doc_kind[d] as usize].as_str())],
            signed: Some(c.doc_egov[d] & flow::DOC_SIGNED != 0),
            format: Some(if c.doc_egov[d] & flow::DOC_PAPER != 0 { "paper" } else { "electronic" }),
        })
    }

    fn doc_id(&self, d: usize) -> &str {
        let c = &self.cols;
        &c.doc_text[c.doc_off[2 * d] as usize..c.doc_off[2 * d + 1] as usize]
    }

    /// The events: each document's events together in time order, documents in creation order.
    /// Borrowed records, nothing allocated per event.
    pub fn event_records(&self) -> EventRecords<'_> {
        EventRecords { log: self, pos: 0, end: self.event_count(), doc: 0, due: 0 }
    }

    /// Loads units, then documents, then events into `tracker`; the reports merged. The same
    /// store and report as `add_events(event_records())`, about twice as fast: each unit,
    /// document, action, actor and channel is looked up once, not once per event.
    pub fn load_into(&self, tracker: &mut crate::Tracker) -> IngestReport {
        let mut report = tracker.add_units(self.unit_records());
        report.merge(tracker.add_documents(self.document_records()));
        report.merge(self.load_events(tracker));
        report
    }

    /// The events, each id resolved on its first use, in the order `EventLoader::push` would
    /// meet it in the records (so new units, texts and actions get the same ids).
    fn load_events(&self, tracker: &mut crate::Tracker) -> IngestReport {
        let zone = tracker.options().time_zone;
        let store = tracker.store_for_loading();
        let mut loader = EventLoader::new(zone, self.event_count());
        let mut ids = Resolved::new(&self.world);
        let mut due_next = 0;
        for d in 0..self.cols.doc_type.len() {
            due_next = ids.load_document(self, d, due_next, store, &mut loader);
        }
        loader.finish(store)
    }
    /// Writes the events as CSV: `doc,unit,action,at,to,actor,due,channel`, times as ISO 8601
    /// with `+07:00`; a list of targets as ids joined with `;`; `due` only on `sent` events that
    /// give one; `channel` on `sent` and `arrived` events.
    pub fn write_csv(&self, w: &mut impl Write) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
        out.write_all(b"doc,unit,action,at,to,actor,due,channel\n")?;
        for e in self.event_records() {
            write_field(&mut out, e.doc)?;
            out.write_all(b",")?;
            write_field(&mut out, e.unit)?;
            out.write_all(b",")?;
            write_field(&mut out, e.action)?;
            out.write_all(b",")?;
            write_instant(&mut out, millis(e.at))?;
            out.write_all(b",")?;
            // Ids are plain (no comma, quote or `;`): written as they are, joined with `;`.
            for (i, id) in e.to.ids().enumerate() {
                if i > 0 {
                    out.write_all(b";")?;
                }
                write_field(&mut out, id)?;
            }
            out.write_all(b",")?;
            write_field(&mut out, e.actor.unwrap_or(""))?;
            out.write_all(b",")?;
            if let Some(due) = e.due {
                write_instant(&mut out, millis(due))?;
            }
            out.write_all(b",")?;
            out.write_all(e.channel.unwrap_or("").as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()
    }
}

/// The store's ids of the generator's units, groups, actors, actions and channels, each looked
/// up on its first use ([`GeneratedLog::load_into`]).
struct Resolved {
    units: Vec<UnitIx>,
    groups: Vec<Option<Vec<UnitIx>>>,
    actors: Vec<TextId>,
    actions: Vec<Option<ActionId>>,
    channels: [Option<u8>; 256],
}

impl Resolved {
    fn new(world: &World) -> Resolved {
        Resolved {
            units: vec![UnitIx::NONE; world.units.len()],
            groups: vec![None; world.group_ids.len()],
            actors: vec![TextId::NONE; world.actors.len()],
            actions: vec![None; KnownAction::ALL.len()],
            channels: [None; 256],
        }
    }

    fn unit(&mut self, world: &World, store: &mut Store, loader: &mut EventLoader, k: u32) -> UnitIx {
        let slot = &mut self.units[k as usize];
        if slot.is_none() {
            *slot = store.unit_or_create(&world.units[k as usize].id, loader.report_mut());
        }
        *slot
    }

    /// Pushes the events of document `d`; `due_next` is the next entry of the sparse
    /// deadlines, returned advanced. One call per document rather than one loop over the whole
    /// log: a WebAssembly engine compiles a function called often with its optimising tier,
    /// and a single long call would run to its end in the baseline code.
    #[inline(never)]
    fn load_document(
        &mut self,
        log: &GeneratedLog,
        d: usize,
        mut due_next: usize,
        store: &mut Store,
        loader: &mut EventLoader,
    ) -> usize {
        let (c, world) = (&log.cols, &log.world);
        let range = c.ev_start[d] as usize..c.ev_start[d + 1] as usize;
        if range.is_empty() {
            return due_next;
        }
        let (doc, created) = store.document_or_create(log.doc_id(d));
        if created {
            let id = store.documents.id(doc).to_string();
            loader.report_mut().created_documents.push(id);
        }
        let mut one = [UnitIx::NONE];
        for i in range {
            let unit = self.unit(world, store, loader, c.ev_unit[i]);
            let mut due = None;
            if c.due_ev.get(due_next) == Some(&(i as u32)) {
                due = Some(c.due_at[due_next]);
                due_next += 1;
            }
            let to_code = c.ev_to[i];
            let to: &[UnitIx] = if to_code == NO_UNIT {
                &[]
            } else if to_code & TO_GROUP != 0 {
                let g = (to_code & !TO_GROUP) as usize;
                if self.groups[g].is_none() {
                    let mut list = Vec::with_capacity(world.groups[g].len());
                    for &k in &world.groups[g] {
                        list.push(self.unit(world, store, loader, k));
                    }
                    self.groups[g] = Some(list);
                }
                self.groups[g].as_deref().unwrap_or_default()
            } else {
                one[0] = self.unit(world, store, loader, to_code);
                &one
            };
            let a = c.ev_actor[i];
            let actor = if a == NO_UNIT {
                TextId::NONE
            } else {
                if self.actors[a as usize].is_none() {
                    self.actors[a as usize] = store.texts.intern(&world.actors[a as usize]);
                }
                self.actors[a as usize]
            };
            let code = c.ev_action[i];
            let action = *self.actions[code as usize]
                .get_or_insert_with(|| store.actions.intern(flow::action_of(code).as_str()));
            let ch = c.ev_channel[i];
            let channel = *self.channels[ch as usize].get_or_insert_with(|| match channel_name(ch) {
                None => 0,
                // A known channel always has an id.
                Some(name) => store.events.channel_id(name).unwrap_or(0),
            });
            let e = ResolvedEvent { doc, unit, action, at: c.ev_at[i], to, due, actor, channel };
            loader.push_resolved(store, i, &e);
        }
        due_next
    }
}

/// The name of a generated channel id (`None` for 0).
fn channel_name(c: u8) -> Option<&'static str> {
    (c != 0).then(|| KNOWN_CHANNELS[c as usize - 1])
}

fn millis(t: TimeValue<'_>) -> Instant {
    match t {
        TimeValue::Millis(ms) => ms,
        _ => 0,
    }
}

/// An instant as ISO 8601 with `+07:00` (milliseconds only when not whole seconds).
fn write_instant(out: &mut impl Write, at: Instant) -> std::io::Result<()> {
    let c = crate::model::TimeZone::VIETNAM.civil(at);
    let s = c.ms_of_day / 1000;
    write!(out, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day, s / 3600, (s / 60) % 60, s % 60)?;
    if c.ms_of_day % 1000 != 0 {
        write!(out, ".{:03}", c.ms_of_day % 1000)?;
    }
    out.write_all(b"+07:00")
}

fn write_field(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        out.write_all(b"\"")?;
        out.write_all(text.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(text.as_bytes())
    }
}

/// Iterator over the generated events as borrowed [`EventRecord`]s; its length is exact.
#[derive(Debug, Clone)]
pub struct EventRecords<'a> {
    log: &'a GeneratedLog,
    pos: usize,
    end: usize,
    doc: usize,
    /// Next entry of the sparse `sent` deadlines.
    due: usize,
}

impl<'a> Iterator for EventRecords<'a> {
    type Item = EventRecord<'a>;

    fn next(&mut self) -> Option<EventRecord<'a>> {
        if self.pos >= self.end {
            return None;
        }
        let log = self.log;
        let c = &log.cols;
        let i = self.pos;
        while c.ev_start[self.doc + 1] as usize <= i {
            self.doc += 1;
        }
        self.pos += 1;
        let units = &log.world.units;
        let to = c.ev_to[i];
        let actor = c.ev_actor[i];
        let to = if to == NO_UNIT {
            Targets::None
        } else if to & TO_GROUP != 0 {
            Targets::Many(&log.world.group_ids[(to & !TO_GROUP) as usize])
        } else {
            Targets::One(&units[to as usize].id)
        };
        let mut due = None;
        if c.due_ev.get(self.due) == Some(&(i as u32)) {
            due = Some(TimeValue::Millis(c.due_at[self.due]));
            self.due += 1;
        }
        Some(EventRecord {
            doc: log.doc_id(self.doc),
            unit: &units[c.ev_unit[i] as usize].id,
            action: flow::action_of(c.ev_action[i]).as_str(),
            at: TimeValue::Millis(c.ev_at[i]),
            to,
            due,
            actor: (actor != NO_UNIT).then(|| log.world.actors[actor as usize].as_str()),
            note: None,
            channel: channel_name(c.ev_channel[i]),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.pos;
        (n, Some(n))
    }
}

impl ExactSizeIterator for EventRecords<'_> {}

/// Counts the kept `sent` and `recalled` events into the ground truth: handovers per (sender,
/// target), copies opened, fan-out documents, recalls and sends on each flaky edge.
fn count_sends(world: &World, cols: &Columns, problems: &Problems, truth: &mut GroundTruth) {
    const SENT: u8 = 0;
    const RECALLED: u8 = 7;
    let n = world.units.len();
    // A dense matrix for provinces of ordinary size, else a map.
    let dense = n <= 512;
    let mut matrix = if dense { vec![0usize; n * n] } else { Vec::new() };
    let mut map: std::collections::HashMap<(u32, u32), usize> = std::collections::HashMap::new();
    let mut flaky = vec![0usize; problems.flaky.len()];
    let (mut opened, mut fan_docs, mut recalls) = (0usize, 0usize, 0usize);
    let mut by_channel = [0usize; 4];
    let mut sends_by_unit = vec![0usize; n];
    for d in 0..cols.doc_type.len() {
        let mut fanned = false;
        for i in cols.ev_start[d] as usize..cols.ev_start[d + 1] as usize {
            match cols.ev_action[i] {
                SENT => {
                    let from = cols.ev_unit[i];
                    let to = cols.ev_to[i];
                    let targets: &[u32] = if to & TO_GROUP != 0 && to != NO_UNIT {
                        &world.groups[(to & !TO_GROUP) as usize]
                    } else {
                        std::slice::from_ref(&cols.ev_to[i])
                    };
                    fanned |= targets.len() >= 2;
                    opened += targets.len();
                    by_channel[cols.ev_channel[i] as usize & 3] += targets.len();
                    sends_by_unit[from as usize] += 1;
                    for &b in targets {
                        if dense {
                            matrix[from as usize * n + b as usize] += 1;
                        } else {
                            *map.entry((from, b)).or_default() += 1;
                        }
                        for (k, f) in problems.flaky.iter().enumerate() {
                            if f.0 == from && f.1 == b {
                                flaky[k] += 1;
                            }
                        }
                    }
                }
                RECALLED => recalls += 1,
                _ => {}
            }
        }
        fan_docs += fanned as usize;
    }
    if dense {
        for (k, &count) in matrix.iter().enumerate().filter(|(_, c)| **c > 0) {
            map.insert(((k / n) as u32, (k % n) as u32), count);
        }
    }
    let id = |u: u32| world.units[u as usize].id.clone();
    let mut handovers: Vec<(String, String, usize)> = map.into_iter().map(|((a, b), c)| (id(a), id(b), c)).collect();
    handovers.sort_unstable();
    truth.handovers = handovers;
    truth.copies_opened_by_sent = opened;
    truth.fan_out_documents = fan_docs;
    truth.recalls = recalls;
    truth.flaky_sends = flaky;
    truth.axis_handovers = by_channel[CHANNEL_AXIS as usize];
    truth.province_handovers = by_channel[CHANNEL_PROVINCE as usize];
    truth.paper_handovers = by_channel[CHANNEL_PAPER as usize];
    truth.paper_unit_sends = truth
        .paper_units
        .iter()
        .map(|id| world.units.iter().position(|u| &u.id == id).map_or(0, |u| sends_by_unit[u]))
        .collect();
    truth.electronic_documents = cols.doc_egov.iter().filter(|&&e| e & flow::DOC_PAPER == 0).count();
    truth.signed_documents = cols.doc_egov.iter().filter(|&&e| e & flow::DOC_SIGNED != 0).count();
}

/// A random seed from the operating system (falls back to the clock if none is available).
pub fn random_seed() -> u64 {
    let mut bytes = [0u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            let mut s = nanos;
            splitmix64(&mut s)
        }
    }
}

/// Resolves the problems to unit indexes, picking units and edges where none is named.
fn resolve_problems(world: &World, problems: &[Problem], seed: u64) -> (Problems, GroundTruth) {
    let mut rng = Rng::stream(seed, 0x005E_ED0F_9B0B_1E75);
    let (paper_share, signed_share) = egov_mix(world, seed);
    let mut out = Problems {
        slow_factor: vec![1.0; world.units.len()],
        flaky: Vec::new(),
        paper_share,
        signed_share,
        paper_sender: vec![false; world.units.len()],
    };
    let mut truth = GroundTruth::default();
    let find = |id: &str| world.units.iter().position(|u| u.id == id).map(|u| u as u32);
    // Departments by traffic weight, heaviest first: candidates for picks.
    let mut busy: Vec<u32> = world.departments.clone();
    busy.sort_by(|a, b| world.units[*b as usize].weight.total_cmp(&world.units[*a as usize].weight));
    let mut taken: Vec<u32> = Vec::new();
    for p in problems {
        if let Problem::SlowUnit { unit, factor } = p {
            let u = match unit {
                Some(id) => find(id),
                None => {
                    let free: Vec<u32> = busy.iter().copied().filter(|d| !taken.contains(d)).take(4).collect();
                    (!free.is_empty()).then(|| free[rng.below(free.len())])
                }
            };
            if let Some(u) = u {
                let factor = if factor.is_finite() && *factor > 0.0 { *factor } else { 1.0 };
                out.slow_factor[u as usize] = factor;
                taken.push(u);
                truth.slow_units.push(world.units[u as usize].id.clone());
                truth.slow_factors.push(factor);
            }
        }
    }
    for p in problems {
        if let Problem::FlakyEdge { from, to, probability, delay_hours } = p {
            let from_u = from.as_deref().and_then(find);
            let to_u = to.as_deref().and_then(find);
            if (from.is_some() && from_u.is_none()) || (to.is_some() && to_u.is_none()) {
                continue;
            }
            let province = world.province;
            let pick_dept = |rng: &mut Rng, not: &[u32]| -> u32 {
                let free: Vec<u32> = busy.iter().copied().filter(|d| !not.contains(d)).take(4).collect();
                if free.is_empty() {
                    busy[0]
                } else {
                    free[rng.below(free.len())]
                }
            };
            // The other end of an edge with one end named: a department for the province,
            // else the unit's parent (or the province).
            let other_end = |u: u32, rng: &mut Rng| -> u32 {
                let parent = world.units[u as usize].parent;
                if u == province {
                    pick_dept(rng, &taken)
                } else if parent != NO_UNIT {
                    parent
                } else {
                    province
                }
            };
            let (a, b) = match (from_u, to_u) {
                (Some(a), Some(b)) => (a, b),
                (None, None) => (province, pick_dept(&mut rng, &taken)),
                (Some(a), None) => (a, other_end(a, &mut rng)),
                (None, Some(b)) => (other_end(b, &mut rng), b),
            };
            if a == b || out.flaky.iter().any(|f| f.0 == a && f.1 == b) {
                continue;
            }
            taken.push(b);
            let p = if probability.is_finite() { probability.clamp(0.0, 1.0) } else { 0.0 };
            let delay = if delay_hours.is_finite() && *delay_hours > 0.0 { *delay_hours } else { 1.0 };
            out.flaky.push((a, b, p, delay * HOUR_MS as f64));
            truth.flaky_edges.push((world.units[a as usize].id.clone(), world.units[b as usize].id.clone()));
        }
    }
    // Paper-sending units: a district valid throughout, else a department (communes send too
    // little for the problem to show).
    let mut lasting: Vec<u32> = (0..world.units.len() as u32)
        .filter(|&u| {
            let d = &world.units[u as usize];
            d.level == Level::District && d.valid_from.is_none() && d.valid_to.is_none()
        })
        .collect();
    if lasting.is_empty() {
        lasting = world.departments.clone();
    }
    lasting.sort_by(|a, b| world.units[*b as usize].weight.total_cmp(&world.units[*a as usize].weight));
    for p in problems {
        if let Problem::PaperUnit { unit } = p {
            let u = match unit {
                Some(id) => find(id),
                None => {
                    let free: Vec<u32> = lasting.iter().copied().filter(|d| !taken.contains(d)).take(4).collect();
                    (!free.is_empty()).then(|| free[rng.below(free.len())])
                }
            };
            if let Some(u) = u.filter(|&u| !out.paper_sender[u as usize]) {
                out.paper_sender[u as usize] = true;
                out.paper_share[u as usize] = PAPER_UNIT_SHARE;
                taken.push(u);
                truth.paper_units.push(world.units[u as usize].id.clone());
            }
        }
    }
    (out, truth)
}

/// Share of its documents that a paper-sending unit issues on paper.
const PAPER_UNIT_SHARE: f64 = 0.97;

/// The e-government mix per unit: the probability that a document it issues is on paper, and
/// that an electronic one is digitally signed. Ministries and the province are almost fully
/// electronic; districts and communes less so, and a few communes (one in eight, at least
/// one) still issue about half their documents on paper. Drawn from its own stream.
fn egov_mix(world: &World, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = Rng::stream(seed, 0xE60F_0000_0000_0002);
    let mut paper = Vec::with_capacity(world.units.len());
    let mut signed = Vec::with_capacity(world.units.len());
    for u in &world.units {
        let (p, s) = match u.level {
            Level::Central => (0.01, 0.97),
            Level::Province => (0.04, 0.93),
            Level::District => (0.1, 0.9),
            Level::Commune => (0.14, 0.84),
        };
        paper.push(p);
        signed.push(s);
    }
    let communes: Vec<usize> = (0..world.units.len()).filter(|&u| world.units[u].level == Level::Commune).collect();
    if !communes.is_empty() {
        let k = (communes.len() / 8).max(1);
        for _ in 0..k {
            let c = communes[rng.below(communes.len())];
            paper[c] = 0.45 + 0.25 * rng.f64();
            signed[c] = 0.6;
        }
    }
    (paper, signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reform_date_is_first_of_july_2025_in_vietnam() {
        assert_eq!(REFORM_DATE, local_instant(2025, 7, 1, 0));
    }

    #[test]
    fn small_log_is_in_office_hours_and_increasing() {
        let log = GeneratedLog::generate(&GeneratorOptions { seed: Some(1), events: 3_000, ..Default::default() });
        let c = &log.cols;
        for d in 0..log.document_count() {
            let r = c.ev_start[d] as usize..c.ev_start[d + 1] as usize;
            assert!(!r.is_empty());
            assert!(c.ev_at[r.clone()].windows(2).all(|w| w[0] < w[1]));
            assert!(c.ev_at[r].iter().all(|&t| in_office_hours(t)));
        }
    }
}
