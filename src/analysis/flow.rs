//! The flow graph: units as nodes, handovers between units as edges, on `petgraph`.
//!
//! A handover is a copy opened by a `sent` (sender → target), or in a chain two consecutive
//! visits at different units (SPEC §3); its transit time runs from the `sent` (in a chain: the
//! last event of the previous visit) to the target's first event. The level matrix counts
//! handovers by (from level, to level); directions split them into down (directives), up
//! (reports) and same level (coordination).

use super::copies::{for_each_document, handover_selected, selected, CopyState};
use super::stats::{for_each_group, lookup, pair_key, split_pair, stats_by_key, Stats};
use crate::model::{Direction, Level};
use crate::query::Scope;
use crate::store::UnitIx;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A unit in the flow graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowNode {
    /// Unit id.
    pub id: String,
    /// Unit name, if known.
    pub name: Option<String>,
    /// Level, if known.
    pub level: Option<Level>,
    /// Parent unit id.
    pub parent: Option<String>,
    /// Copies at this unit active in the window that it has recorded events of.
    pub visits: u64,
    /// Received copies this unit holds now (work in progress).
    pub wip: u64,
    /// Of those, how many are past their due time.
    pub overdue: u64,
    /// Copies sent to this unit and not yet arrived.
    pub incoming: u64,
}

/// A handover edge between two different units.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowEdge {
    /// Number of handovers (arrived or still in transit).
    pub count: u64,
    /// Of those, still in transit at as-of (no transit time yet).
    pub in_transit: u64,
    /// Direction by level.
    pub direction: Direction,
    /// Transit time of the arrived handovers, calendar.
    pub transit: Stats,
    /// Transit time of the arrived handovers, working time.
    pub transit_working: Stats,
}

/// Handovers of one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectionFlow {
    /// Direction.
    pub direction: Direction,
    /// Number of handovers.
    pub count: u64,
    /// Transit time, calendar.
    pub transit: Stats,
}

/// The flow graph of a scope.
#[derive(Debug, Clone)]
pub struct FlowGraph {
    /// Units and handovers; node weights are [`FlowNode`], edge weights [`FlowEdge`].
    pub graph: DiGraph<FlowNode, FlowEdge>,
    /// Handover counts: `level_matrix[from][to]` with levels indexed central = 0 … commune = 3.
    pub level_matrix: [[u64; 4]; 4],
    /// Handovers down, up, same level, and with a unit of unknown level.
    pub directions: Vec<DirectionFlow>,
    /// Total handovers.
    pub handovers: u64,
}

impl FlowGraph {
    /// The node of unit `id`.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&n| self.graph[n].id == id)
    }

    /// The edge weight between units `from` and `to`.
    pub fn edge(&self, from: &str, to: &str) -> Option<&FlowEdge> {
        let (a, b) = (self.node(from)?, self.node(to)?);
        self.graph.find_edge(a, b).map(|e| &self.graph[e])
    }

    /// Handovers of one direction.
    pub fn direction(&self, d: Direction) -> u64 {
        self.directions.iter().find(|x| x.direction == d).map_or(0, |x| x.count)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EdgeOut<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(flatten)]
    edge: &'a FlowEdge,
}

impl Serialize for FlowGraph {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = &self.graph;
        let nodes: Vec<&FlowNode> = g.node_weights().collect();
        let edges: Vec<EdgeOut<'_>> = g
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = g.edge_endpoints(e)?;
                Some(EdgeOut { from: &g[a].id, to: &g[b].id, edge: &g[e] })
            })
            .collect();
        let mut st = s.serialize_struct("FlowGraph", 5)?;
        st.serialize_field("nodes", &nodes)?;
        st.serialize_field("edges", &edges)?;
        st.serialize_field("levelMatrix", &self.level_matrix)?;
        st.serialize_field("directions", &self.directions)?;
        st.serialize_field("handovers", &self.handovers)?;
        st.end()
    }
}

const DIRECTIONS: [Direction; 4] = [Direction::Down, Direction::Up, Direction::Same, Direction::Unknown];

/// Builds the flow graph. Nodes: in-scope units (all units without a filter) and any unit at
/// the other end of a kept handover. Edges: handovers that started in the window with either end
/// in scope; a copy still in transit counts as a handover already, its transit time comes with
/// the target's first event.
pub fn flow(scope: &Scope<'_>) -> FlowGraph {
    let store = scope.store;
    let units = &store.units;
    let n = units.len();
    let as_of = scope.as_of;
    let mut visits = vec![0u64; n];
    let mut wip = vec![0u64; n];
    let mut overdue = vec![0u64; n];
    let mut incoming = vec![0u64; n];
    // Handovers: (pair key, transit ms), and those still in transit (no time yet).
    let mut transit: Vec<(u64, i64)> = Vec::new();
    let mut transit_working: Vec<(u64, i64)> = Vec::new();
    let mut pending: Vec<u64> = Vec::new();
    // Under calendar time, working figures are the calendar ones.
    let same = scope.clock.is_calendar_time();
    for_each_document(scope, false, &mut |_, _, copies, _, _| {
        for c in copies {
            let u = c.unit.index();
            if selected(scope, c) {
                visits[u] += c.arrived_at.is_some() as u64;
                if c.received() && c.is_open() {
                    let late = c.judged_due().is_some_and(|due| as_of > due);
                    match c.state {
                        CopyState::Held => {
                            wip[u] += 1;
                            overdue[u] += late as u64;
                        }
                        CopyState::InTransit => incoming[u] += 1,
                        _ => {}
                    }
                }
            }
            if !handover_selected(scope, c) {
                continue;
            }
            let key = pair_key(c.from_unit, c.unit, n);
            match c.arrived_at {
                Some(arrived) => {
                    transit.push((key, arrived - c.handover_at));
                    if !same {
                        transit_working.push((key, scope.clock.working_ms_between(c.handover_at, arrived)));
                    }
                }
                None => pending.push(key),
            }
        }
    });

    let mut graph = DiGraph::new();
    let mut node_of = vec![NodeIndex::end(); n];
    let mut ensure = |graph: &mut DiGraph<FlowNode, FlowEdge>, u: usize| -> NodeIndex {
        if node_of[u] == NodeIndex::end() {
            let in_scope = scope.unit_in_scope(UnitIx::from_index(u));
            node_of[u] = graph.add_node(FlowNode {
                id: units.id(UnitIx::from_index(u)).to_string(),
                name: store.texts.resolve_opt(units.name[u]).map(str::to_string),
                level: units.level[u],
                parent: units.parent[u].get().map(|p| units.id(p).to_string()),
                visits: if in_scope { visits[u] } else { 0 },
                wip: if in_scope { wip[u] } else { 0 },
                overdue: if in_scope { overdue[u] } else { 0 },
                incoming: if in_scope { incoming[u] } else { 0 },
            });
        }
        node_of[u]
    };
    for u in UnitIx::all(n) {
        if scope.unit_in_scope(u) && scope.unit_key(u) == u {
            ensure(&mut graph, u.index());
        }
    }

    // Handovers still in transit join their edge's count; keys with only those get an edge too.
    // Sorted as `i64`s, as the values of `for_each_group` are, so that no other sort is
    // compiled (pair keys are below units², far inside `i64`).
    let mut keyed: Vec<i64> = Vec::with_capacity(pending.len());
    for &k in &pending {
        keyed.push(k as i64);
    }
    keyed.sort_unstable();
    let pending: Vec<u64> = keyed.into_iter().map(|k| k as u64).collect();
    let pending_of = |key: u64| -> u64 {
        let lo = pending.partition_point(|&k| k < key);
        let hi = pending.partition_point(|&k| k <= key);
        (hi - lo) as u64
    };
    let mut level_matrix = [[0u64; 4]; 4];
    let mut by_direction: Vec<(u64, i64)> = Vec::new();
    let mut direction_pending = [0u64; 4];
    let working_stats = stats_by_key(&transit_working);
    let mut handovers = 0;
    let mut add_edge = |graph: &mut DiGraph<FlowNode, FlowEdge>, key: u64, values: &[i64]| {
        let (a, b): (UnitIx, UnitIx) = split_pair(key, n);
        let (a, b) = (a.index(), b.index());
        let (la, lb) = (units.level[a], units.level[b]);
        let direction = Direction::between(la, lb);
        let waiting = pending_of(key);
        let count = values.len() as u64 + waiting;
        handovers += count;
        if let (Some(la), Some(lb)) = (la, lb) {
            level_matrix[la.index()][lb.index()] += count;
        }
        let dir_ix = DIRECTIONS.iter().position(|x| *x == direction).unwrap_or(3);
        by_direction.extend(values.iter().map(|&v| (dir_ix as u64, v)));
        direction_pending[dir_ix] += waiting;
        let stats = Stats::of_sorted(values);
        let tw = if same { stats } else { lookup(&working_stats, key).unwrap_or_default() };
        let (na, nb) = (ensure(graph, a), ensure(graph, b));
        graph.add_edge(na, nb, FlowEdge { count, in_transit: waiting, direction, transit: stats, transit_working: tw });
    };
    let mut arrived_keys = Vec::new();
    for_each_group(&transit, |key, values| {
        arrived_keys.push(key);
        add_edge(&mut graph, key, values);
    });
    let mut only_pending: Vec<u64> = pending.clone();
    only_pending.dedup();
    only_pending.retain(|k| arrived_keys.binary_search(k).is_err());
    for key in only_pending {
        add_edge(&mut graph, key, &[]);
    }
    let mut directions: Vec<DirectionFlow> =
        DIRECTIONS.iter().map(|&direction| DirectionFlow { direction, count: 0, transit: Stats::default() }).collect();
    for_each_group(&by_direction, |ix, values| {
        let d = &mut directions[ix as usize];
        d.count = values.len() as u64;
        d.transit = Stats::of_sorted(values);
    });
    for (d, waiting) in directions.iter_mut().zip(direction_pending) {
        d.count += waiting;
    }
    FlowGraph { graph, level_matrix, directions, handovers }
}
