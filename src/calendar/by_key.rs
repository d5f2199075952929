//! A small map kept as a sorted vector: the calendar's schedules (one per year) and custom days,
//! the groups of `egov` and their paper senders are a few entries to a few thousand, and each
//! `BTreeMap` key type costs several KB of WebAssembly.

/// Entries sorted by key, each key once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ByKey<K, V>(Vec<(K, V)>);

impl<K, V> Default for ByKey<K, V> {
    fn default() -> Self {
        ByKey(Vec::new())
    }
}

impl<K: Ord + Copy, V> ByKey<K, V> {
    /// Sets the value of `key`; returns the one it replaces.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.0.binary_search_by(|e| e.0.cmp(&key)) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, added as `V::default()` when missing.
    pub(crate) fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        let i = match self.0.binary_search_by(|e| e.0.cmp(&key)) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// The entries, by key.
    pub(crate) fn into_entries(self) -> Vec<(K, V)> {
        self.0
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.0.binary_search_by(|e| e.0.cmp(key)).ok().map(|i| &self.0[i].1)
    }

    /// Whether `key` has a value.
    pub(crate) fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// The entries, by key.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The values, by key.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
