//! Deterministic generator of provincial document flow (SPEC §7).
