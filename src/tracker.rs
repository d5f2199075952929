//! [`Tracker`]: a store plus the options that interpret it (time zone, terminal actions,
//! working-time clock, locale), and one method per analysis.

use crate::analysis::copies::CopyCache;
use crate::analysis::{
    self, Bottlenecks, Bucket, DfgArc, DfgCase, DfgKey, Egov, EgovBy, FlowGraph, GroupBy, OverdueOptions,
    OverdueReport, PeriodReport, ProcessingSpread, ProcessingTimes, ReportBy, ReportOptions, Summary, TimelinePoint,
};
use crate::calendar::{DueRule, VietnamCalendar, WorkingTime};
use crate::ingest::{DocumentRecord, EventRecord, IngestReport, UnitRecord};
use crate::locale::Locale;
use crate::model::{TimeZone, DEFAULT_TERMINAL_ACTIONS};
use crate::query::{Query, QueryError, Scope};
use crate::render::charts::{self, ChartData, ChartKind, ChartOptions};
use crate::render::FlowMapOptions;
use crate::store::{Footprint, MemoryError, MemoryReport, Store};
use std::sync::{Arc, Mutex};

/// How a tracker reads and reports its data.
#[derive(Clone)]
pub struct TrackerOptions {
    /// Zone of times written without an offset, and of day/week/month buckets. Default `+07:00`.
    pub time_zone: TimeZone,
    /// Actions that close a document. Default `completed`, `rejected`, `recall-accepted`.
    pub terminal_actions: Vec<String>,
    /// Language of reasons and labels. Default Vietnamese.
    pub locale: Locale,
    /// Working-time clock. Default: the Vietnamese calendar ([`VietnamCalendar::new`]); use
    /// [`crate::calendar::ContinuousTime`] to count every millisecond.
    pub clock: Arc<dyn WorkingTime>,
    /// Deadline rules for copies without a deadline of their own. Default none.
    pub due_rules: Vec<DueRule>,
    /// The log is historical and complete (an export of a closed year, a process-mining log
    /// whose last activities are not `terminal_actions`): a copy with no later event in the log
    /// is closed at its last event, so lead times end there and nothing is open or overdue at
    /// the end of the log. Default `false`: such a copy is open, measured up to as-of.
    pub assume_closed: bool,
    /// The most bytes the tracker's store may hold: a load that could take it past this (by
    /// [`Tracker::room_for`]'s estimate) is refused before it starts. Default none (the
    /// WebAssembly binding always checks its 4 GiB ceiling as well).
    pub memory_limit: Option<u64>,
}

impl Default for TrackerOptions {
    fn default() -> Self {
        TrackerOptions {
            time_zone: TimeZone::VIETNAM,
            terminal_actions: DEFAULT_TERMINAL_ACTIONS.iter().map(|s| s.to_string()).collect(),
            locale: Locale::Vi,
            clock: VietnamCalendar::shared(),
            due_rules: Vec::new(),
            assume_closed: false,
            memory_limit: None,
        }
    }
}

impl std::fmt::Debug for TrackerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrackerOptions")
            .field("time_zone", &self.time_zone)
            .field("terminal_actions", &self.terminal_actions)
            .field("locale", &self.locale)
            .field("due_rules", &self.due_rules)
            .field("assume_closed", &self.assume_closed)
            .field("memory_limit", &self.memory_limit)
            .finish_non_exhaustive()
    }
}

/// Units, documents and events of one portal, and the analyses over them.
#[derive(Debug)]
pub struct Tracker {
    store: Store,
    options: TrackerOptions,
    /// The copies of the last (window end, roll-up) asked for, until the data changes.
    copies: CopyCache,
    /// The flow of the last query asked for, until the data changes: a dashboard draws the
    /// level Sankey and the flow map from the same flow, one call after the other.
    flow: Mutex<Option<(Query, Arc<FlowGraph>)>>,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker::new(TrackerOptions::default())
    }
}

impl Tracker {
    /// An empty tracker.
    pub fn new(options: TrackerOptions) -> Tracker {
        Tracker::from_store(Store::new(), options)
    }

    /// The loaded log as bytes: units, documents, events and their texts, what
    /// [`Tracker::from_bytes`] restores (the options are not in it). See [`crate::store::snapshot`].
    pub fn to_bytes(&self) -> Vec<u8> {
        self.store.to_bytes()
    }

    /// A tracker holding the log saved by [`Tracker::to_bytes`], with `options`: the same
    /// analyses as the tracker that saved it, without loading again.
    pub fn from_bytes(bytes: &[u8], options: TrackerOptions) -> Result<Tracker, crate::store::snapshot::SnapshotError> {
        Ok(Tracker::from_store(Store::from_bytes(bytes)?, options))
    }

    /// A tracker holding a store restored by a [`crate::store::snapshot::Restorer`] (the bytes
    /// read as they came), with `options`.
    pub fn from_restored(
        restorer: crate::store::snapshot::Restorer,
        options: TrackerOptions,
    ) -> Result<Tracker, crate::store::snapshot::SnapshotError> {
        Ok(Tracker::from_store(restorer.finish()?, options))
    }

    /// A tracker over `store` (its date-only deadlines at the options' office end).
    fn from_store(mut store: Store, options: TrackerOptions) -> Tracker {
        store.date_only_due_ms = options.clock.office_end_ms();
        Tracker { store, options, copies: CopyCache::default(), flow: Mutex::default() }
    }

    /// The options.
    pub fn options(&self) -> &TrackerOptions {
        &self.options
    }

    /// The store, for direct column access.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, about to be loaded into: the shared copies are dropped (the readers of
    /// `ingest::json` and `ingest::columns` load record by record).
    pub(crate) fn store_for_loading(&mut self) -> &mut Store {
        self.forget_copies();
        &mut self.store
    }

    /// Bytes held by the store, per event.
    pub fn memory(&self) -> MemoryReport {
        self.store.memory()
    }

    /// Bytes an analysis may need at its peak beyond what the tracker holds: the shared copies
    /// of a window built again (the cached ones are dropped first) and the analysis's own
    /// groups ([`crate::store::memory::ANALYSIS_BYTES_PER_EVENT`]).
    pub fn analysis_need(&self) -> u64 {
        (self.store.events.len() as u64 * crate::store::memory::ANALYSIS_BYTES_PER_EVENT)
            .saturating_sub(self.copies.bytes() as u64)
    }

    /// What a load's memory estimate needs to know of this tracker ([`Footprint`]).
    pub fn footprint(&self) -> Footprint {
        self.store.footprint(self.options.memory_limit)
    }

    /// Checks that a load of about `events` events read from `input` bytes fits under
    /// `memory_limit`; returns the bytes it could need. Call it before loading: the `add_*`
    /// methods themselves do not refuse anything.
    pub fn room_for(&self, events: u64, input: u64) -> Result<u64, MemoryError> {
        self.footprint().check(events, input)
    }

    /// Loads units (see [`Store::add_units`]).
    pub fn add_units<'a>(&mut self, records: impl IntoIterator<Item = UnitRecord<'a>>) -> IngestReport {
        self.forget_copies();
        self.store.add_units(records, self.options.time_zone)
    }

    /// Loads documents (see [`Store::add_documents`]).
    pub fn add_documents<'a>(&mut self, records: impl IntoIterator<Item = DocumentRecord<'a>>) -> IngestReport {
        self.forget_copies();
        self.store.add_documents(records, self.options.time_zone)
    }

    /// Loads events (see [`Store::add_events`]).
    pub fn add_events<'a>(&mut self, records: impl IntoIterator<Item = EventRecord<'a>>) -> IngestReport {
        self.forget_copies();
        self.store.add_events(records, self.options.time_zone)
    }

    /// Resolves a query against the current data, with the copies of its window end and
    /// roll-up shared between analyses (built by the first analysis that needs them).
    pub fn scope(&self, query: &Query) -> Result<Scope<'_>, QueryError> {
        Ok(Scope::new(
            &self.store,
            query,
            &self.options.terminal_actions,
            self.options.clock.as_ref(),
            &self.options.due_rules,
        )?
        .with_assume_closed(self.options.assume_closed)
        .with_copy_cache(&self.copies))
    }

    /// Drops the shared copies (they are built again by the next analysis): frees their memory,
    /// about 112 bytes a copy. Loading data does it too.
    pub fn forget_copies(&mut self) {
        self.copies.clear();
        *self.flow.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The flow under `query`, shared with the last caller that asked for the same query.
    pub(crate) fn shared_flow(&self, query: &Query) -> Result<Arc<FlowGraph>, QueryError> {
        let mut cache = self.flow.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((q, flow)) = &*cache {
            if q == query {
                return Ok(flow.clone());
            }
        }
        let flow = Arc::new(analysis::flow::flow(&self.scope(query)?));
        *cache = Some((query.clone(), flow.clone()));
        Ok(flow)
    }
}

impl Tracker {
    /// Counts and lead-time statistics.
    pub fn summary(&self, query: &Query) -> Result<Summary, QueryError> {
        Ok(analysis::summary::summary(&self.scope(query)?))
    }

    /// Directly-follows graph on `key` (PM4Py's frequency and performance DFG), cases being
    /// documents.
    pub fn directly_follows(&self, key: DfgKey, query: &Query) -> Result<Vec<DfgArc>, QueryError> {
        self.directly_follows_by(key, DfgCase::Document, query)
    }

    /// Directly-follows graph on `key` with cases of `case` (documents or copies).
    pub fn directly_follows_by(&self, key: DfgKey, case: DfgCase, query: &Query) -> Result<Vec<DfgArc>, QueryError> {
        Ok(analysis::directly_follows::directly_follows(&self.scope(query)?, key, case, false))
    }

    /// Directly-follows graph on `key` with cases of `case`; with `working`, each arc also has
    /// its times in working time.
    pub fn directly_follows_with(
        &self,
        key: DfgKey,
        case: DfgCase,
        working: bool,
        query: &Query,
    ) -> Result<Vec<DfgArc>, QueryError> {
        Ok(analysis::directly_follows::directly_follows(&self.scope(query)?, key, case, working))
    }

    /// Flow graph of units and handovers, with the level matrix.
    pub fn flow(&self, query: &Query) -> Result<FlowGraph, QueryError> {
        Ok(analysis::flow::flow(&self.scope(query)?))
    }

    /// The flow map (SPEC §6) of the flow under `query`, as SVG; the tracker's clock says how
    /// long a working day is (see [`crate::render::flow_map`]).
    pub fn render_flow_svg(&self, query: &Query, options: &FlowMapOptions) -> Result<String, QueryError> {
        let options = FlowMapOptions {
            working_day_ms: self.options.clock.working_day_ms(),
            calendar_time: self.options.clock.is_calendar_time(),
            ..options.clone()
        };
        Ok(crate::render::render_flow_svg(&*self.shared_flow(query)?, &options))
    }

    /// Processing times grouped by `by`.
    pub fn processing_times(&self, by: GroupBy, query: &Query) -> Result<ProcessingTimes, QueryError> {
        Ok(analysis::processing_time::processing_times(&self.scope(query)?, by))
    }

    /// The spread (box-plot figures) of the working durations grouped by `by`.
    pub fn processing_spread(&self, by: GroupBy, query: &Query) -> Result<ProcessingSpread, QueryError> {
        Ok(analysis::processing_time::processing_spread(&self.scope(query)?, by))
    }

    /// The `top` bottleneck units and slow edges.
    pub fn bottlenecks(&self, top: usize, query: &Query) -> Result<Bottlenecks, QueryError> {
        Ok(analysis::bottlenecks::bottlenecks(&self.scope(query)?, top, self.options.locale))
    }

    /// Late, overdue and due-soon documents.
    pub fn overdue(&self, options: &OverdueOptions, query: &Query) -> Result<OverdueReport, QueryError> {
        Ok(analysis::overdue::overdue(&self.scope(query)?, options))
    }

    /// The period report (báo cáo tình hình giải quyết văn bản) over the query's `from`/`to`.
    pub fn report(&self, options: &ReportOptions, query: &Query) -> Result<PeriodReport, QueryError> {
        Ok(analysis::report::report(&self.scope(query)?, options, self.options.time_zone))
    }

    /// E-government indicators (electronic and signed documents, handovers per channel) per
    /// unit, level or month.
    pub fn egov(&self, by: EgovBy, query: &Query) -> Result<Egov, QueryError> {
        Ok(analysis::egov::egov(&self.scope(query)?, by, self.options.time_zone))
    }

    /// The chart `kind` of the query's scope as an SVG string (SPEC §6): the analysis it draws,
    /// run with `data`, then its renderer.
    pub fn render_chart(
        &self,
        kind: ChartKind,
        data: &ChartData,
        query: &Query,
        options: &ChartOptions,
    ) -> Result<String, QueryError> {
        let group = if data.by_level { GroupBy::Level } else { GroupBy::Unit };
        Ok(match kind {
            ChartKind::Sankey => charts::render_sankey_svg(&*self.shared_flow(query)?, options),
            ChartKind::Deadlines => {
                let by = if data.by_level { ReportBy::Level } else { ReportBy::Unit };
                let report = self.report(&ReportOptions { by, ..data.report }, query)?;
                charts::render_deadlines_svg(&report, options)
            }
            ChartKind::Bottlenecks => charts::render_bottlenecks_svg(&self.bottlenecks(data.top, query)?, options),
            ChartKind::Distribution => charts::render_distribution_svg(&self.processing_spread(group, query)?, options),
            ChartKind::Timeline => charts::render_timeline_svg(&self.timeline(data.bucket, query)?, options),
        })
    }

    /// Arrivals, completions, backlog and overdue per bucket.
    pub fn timeline(&self, bucket: Bucket, query: &Query) -> Result<Vec<TimelinePoint>, QueryError> {
        Ok(analysis::timeline::timeline(&self.scope(query)?, bucket, self.options.time_zone))
    }
}
