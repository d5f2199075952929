//! The generated province: units with Vietnamese names and organisation-code-like ids.

use super::Structure;
use crate::model::{Instant, Level};

/// Sentinel for "no unit" (also "no group").
pub(crate) const NO_UNIT: u32 = u32::MAX;
/// Flag on a stored target: the rest is a group index (a list of units), not a unit.
pub(crate) const TO_GROUP: u32 = 1 << 31;

/// One generated unit.
#[derive(Debug, Clone)]
pub(crate) struct UnitDef {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub parent: u32,
    pub valid_from: Option<Instant>,
    pub valid_to: Option<Instant>,
    pub successor: u32,
    /// ASCII slug for actor names, e.g. `so-tc`.
    pub slug: String,
    /// Abbreviation for document numbers, e.g. `STC`.
    pub abbr: String,
    /// Traffic weight (departments).
    pub weight: f64,
}

/// Who is where at a given time: the districts and the communes under each (or one group of
/// communes directly under the province when there are no districts).
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    pub districts: Vec<u32>,
    /// `groups[i]` are the communes under `districts[i]`; with no districts, one group.
    pub groups: Vec<Vec<u32>>,
    pub communes: Vec<u32>,
    /// Recipient groups (indexes into [`World::groups`]) of a fan-out down from the province or
    /// a department: every district, else every commune.
    pub g_lower: u32,
    /// Every district and every commune ([`NO_UNIT`] without districts).
    pub g_both: u32,
    /// `g_district_communes[i]`: the communes of `districts[i]`.
    pub g_district_communes: Vec<u32>,
}

/// All units of a generated province.
#[derive(Debug, Clone)]
pub(crate) struct World {
    pub units: Vec<UnitDef>,
    pub central: Vec<u32>,
    pub province: u32,
    pub departments: Vec<u32>,
    pub dept_weights: Vec<f64>,
    /// Layout before the reform cut-over (or the only one).
    pub before: Layout,
    /// Layout after the cut-over (Reform only).
    pub after: Option<Layout>,
    pub cutover: Option<Instant>,
    /// Actor names: unit `u` owns `actors[u * ACTORS_PER_UNIT ..][..ACTORS_PER_UNIT]`.
    pub actors: Vec<String>,
    /// Recipient lists of fan-out sends, stored once each: `groups[g]` are unit indexes,
    /// `group_ids[g]` the same units' ids (what a `sent` event's `to` lists).
    pub groups: Vec<Vec<u32>>,
    pub group_ids: Vec<Vec<String>>,
    /// Every provincial department.
    pub g_departments: u32,
    /// `g_handful[m]`: the departments that central unit `central[m]` writes to in its field.
    pub g_handful: Vec<u32>,
}

/// Actor roles per unit: clerk, head, deputy head, four specialists.
pub(crate) const ACTORS_PER_UNIT: u32 = 7;
pub(crate) const ROLE_CLERK: u32 = 0;
pub(crate) const ROLE_HEAD: u32 = 1;
pub(crate) const ROLE_DEPUTY: u32 = 2;
pub(crate) const ROLE_SPECIALIST: u32 = 3;

const PROVINCE_CODE: &str = "H41";
const PROVINCE_NAME: &str = "Sơn Hà";

const CENTRAL: [(&str, &str, &str); 8] = [
    ("Văn phòng Chính phủ", "vpcp", "VPCP"),
    ("Bộ Nội vụ", "bnv", "BNV"),
    ("Bộ Tài chính", "btc", "BTC"),
    ("Bộ Nông nghiệp và Môi trường", "bnnmt", "BNNMT"),
    ("Bộ Y tế", "byt", "BYT"),
    ("Bộ Giáo dục và Đào tạo", "bgddt", "BGDĐT"),
    ("Bộ Xây dựng", "bxd", "BXD"),
    ("Bộ Tư pháp", "btp", "BTP"),
];

const DEPARTMENTS: [(&str, &str, &str, f64); 14] = [
    ("Sở Nội vụ", "so-nv", "SNV", 1.5),
    ("Sở Tài chính", "so-tc", "STC", 1.7),
    ("Sở Nông nghiệp và Môi trường", "so-nnmt", "SNNMT", 1.3),
    ("Sở Xây dựng", "so-xd", "SXD", 1.1),
    ("Sở Giáo dục và Đào tạo", "so-gddt", "SGDĐT", 1.1),
    ("Sở Y tế", "so-yt", "SYT", 1.0),
    ("Sở Tư pháp", "so-tp", "STP", 0.8),
    ("Sở Công Thương", "so-ct", "SCT", 0.9),
    ("Sở Khoa học và Công nghệ", "so-khcn", "SKHCN", 0.7),
    ("Sở Văn hóa, Thể thao và Du lịch", "so-vhttdl", "SVHTTDL", 0.7),
    ("Thanh tra tỉnh", "thanhtra", "TTr", 0.6),
    ("Sở Dân tộc và Tôn giáo", "so-dttg", "SDTTG", 0.5),
    ("Sở Ngoại vụ", "so-ngv", "SNgV", 0.4),
    ("Ban Quản lý các khu công nghiệp", "bql-kcn", "BQLKCN", 0.4),
];

const SYL1: [(&str, &str); 16] = [
    ("An", "an"),
    ("Bình", "binh"),
    ("Hòa", "hoa"),
    ("Tân", "tan"),
    ("Phú", "phu"),
    ("Thạnh", "thanh"),
    ("Long", "long"),
    ("Mỹ", "my"),
    ("Đông", "dong"),
    ("Tây", "tay"),
    ("Vĩnh", "vinh"),
    ("Phước", "phuoc"),
    ("Hưng", "hung"),
    ("Kim", "kim"),
    ("Gia", "gia"),
    ("Yên", "yen"),
];
const SYL2: [(&str, &str); 16] = [
    ("Lợi", "loi"),
    ("Thành", "thanh"),
    ("Hiệp", "hiep"),
    ("Xuân", "xuan"),
    ("Lộc", "loc"),
    ("Điền", "dien"),
    ("Sơn", "son"),
    ("Hà", "ha"),
    ("Thủy", "thuy"),
    ("Lâm", "lam"),
    ("Khánh", "khanh"),
    ("Phong", "phong"),
    ("Thịnh", "thinh"),
    ("Hải", "hai"),
    ("Quang", "quang"),
    ("Đức", "duc"),
];

/// A unique two-syllable place name for index `k` (Vietnamese, ASCII).
fn place_name(k: usize) -> (String, String) {
    let a = k % 16;
    let b = (k / 16 + k) % 16;
    let round = k / 256;
    let (v1, a1) = SYL1[a];
    let (v2, a2) = SYL2[b];
    if round == 0 {
        (format!("{v1} {v2}"), format!("{a1}{a2}"))
    } else {
        (format!("{v1} {v2} {}", round + 1), format!("{a1}{a2}{}", round + 1))
    }
}

fn unit(id: String, name: String, level: Level, parent: u32, slug: String, abbr: &str) -> UnitDef {
    UnitDef {
        id,
        name,
        level,
        parent,
        valid_from: None,
        valid_to: None,
        successor: NO_UNIT,
        slug,
        abbr: abbr.to_string(),
        weight: 1.0,
    }
}

impl World {
    /// Builds the province for the given structure and sizes.
    pub fn build(
        structure: Structure,
        districts: usize,
        communes_per_district: usize,
        departments: usize,
        cutover: Instant,
    ) -> World {
        let mut units: Vec<UnitDef> = Vec::new();
        let push = |units: &mut Vec<UnitDef>, u: UnitDef| -> u32 {
            units.push(u);
            (units.len() - 1) as u32
        };
        let central: Vec<u32> = CENTRAL
            .iter()
            .enumerate()
            .map(|(i, (name, slug, abbr))| {
                let id = format!("000.00.00.G{:02}", i + 1);
                push(&mut units, unit(id, name.to_string(), Level::Central, NO_UNIT, slug.to_string(), abbr))
            })
            .collect();
        let province = push(
            &mut units,
            unit(
                format!("000.00.00.{PROVINCE_CODE}"),
                format!("UBND tỉnh {PROVINCE_NAME}"),
                Level::Province,
                NO_UNIT,
                "ubnd-tinh".to_string(),
                "UBND",
            ),
        );
        // Level-2 codes: departments first, then districts (or communes without districts).
        let mut code = 0usize;
        let mut next_code = || {
            code += 1;
            code
        };
        let mut dept_ids = Vec::new();
        let mut dept_weights = Vec::new();
        for k in 0..departments.max(1) {
            let c = next_code();
            let (name, slug, abbr, weight) = match DEPARTMENTS.get(k) {
                Some(&(n, s, a, w)) => (n.to_string(), s.to_string(), a.to_string(), w),
                None => (format!("Ban chuyên ngành số {}", k + 1), format!("ban{}", k + 1), format!("B{}", k + 1), 0.5),
            };
            let mut u = unit(format!("000.00.{c:02}.{PROVINCE_CODE}"), name, Level::Province, province, slug, &abbr);
            u.weight = weight;
            dept_weights.push(weight);
            dept_ids.push(push(&mut units, u));
        }
        let three_level = structure == Structure::ThreeLevel;
        let ndistricts = if three_level { 0 } else { districts.max(1) };
        let cpd = communes_per_district.max(1);
        let mut before = Layout::default();
        let mut commune_k = 0usize;
        if three_level {
            let mut group = Vec::new();
            for _ in 0..districts.max(1) * cpd {
                let c = next_code();
                let (vn, ascii) = place_name(commune_k);
                commune_k += 1;
                let u = unit(
                    format!("000.00.{c:02}.{PROVINCE_CODE}"),
                    format!("UBND xã {vn}"),
                    Level::Commune,
                    province,
                    format!("xa-{ascii}"),
                    "UBND",
                );
                group.push(push(&mut units, u));
            }
            before.communes = group.clone();
            before.groups.push(group);
        } else {
            for d in 0..ndistricts {
                let c = next_code();
                let (vn, ascii) = place_name(d * 37 % 251 + 256 * (d / 251));
                let (kind, kind_slug) = if d == 0 { ("thành phố", "tp") } else { ("huyện", "h") };
                let mut du = unit(
                    format!("000.00.{c:02}.{PROVINCE_CODE}"),
                    format!("UBND {kind} {vn}"),
                    Level::District,
                    province,
                    format!("{kind_slug}-{ascii}"),
                    "UBND",
                );
                if structure == Structure::Reform {
                    du.valid_to = Some(cutover);
                    du.successor = province;
                }
                let di = push(&mut units, du);
                let mut group = Vec::new();
                for x in 0..cpd {
                    let (vn, ascii) = place_name(commune_k);
                    commune_k += 1;
                    let kind = if d == 0 { "phường" } else { "xã" };
                    let mut u = unit(
                        format!("000.{:02}.{c:02}.{PROVINCE_CODE}", x + 1),
                        format!("UBND {kind} {vn}"),
                        Level::Commune,
                        di,
                        format!("xa-{ascii}"),
                        "UBND",
                    );
                    if structure == Structure::Reform {
                        u.valid_to = Some(cutover);
                    }
                    group.push(push(&mut units, u));
                }
                before.districts.push(di);
                before.communes.extend_from_slice(&group);
                before.groups.push(group);
            }
        }
        let mut after = None;
        if structure == Structure::Reform {
            // Two-level local government: about three old communes merge into one new commune
            // directly under the province.
            let mut layout = Layout::default();
            let mut group_all = Vec::new();
            for old in before.groups.clone() {
                for chunk in old.chunks(3) {
                    let c = next_code();
                    let (vn, ascii) = place_name(commune_k + 97);
                    commune_k += 1;
                    let mut u = unit(
                        format!("000.00.{c:02}.{PROVINCE_CODE}"),
                        format!("UBND xã {vn}"),
                        Level::Commune,
                        province,
                        format!("xa-{ascii}"),
                        "UBND",
                    );
                    u.valid_from = Some(cutover);
                    let nu = push(&mut units, u);
                    for &o in chunk {
                        units[o as usize].successor = nu;
                    }
                    group_all.push(nu);
                }
            }
            layout.communes = group_all.clone();
            layout.groups.push(group_all);
            after = Some(layout);
        }
        let mut actors = Vec::with_capacity(units.len() * ACTORS_PER_UNIT as usize);
        for u in &units {
            let (head, deputy) = match u.level {
                Level::Central => ("bt", "tt"),
                Level::Province if u.parent == NO_UNIT => ("ct", "pct"),
                Level::Province => ("gd", "pgd"),
                Level::District | Level::Commune => ("ct", "pct"),
            };
            let slug = &u.slug;
            actors.push(format!("vanthu.{slug}"));
            actors.push(format!("{head}.{slug}"));
            actors.push(format!("{deputy}.{slug}"));
            for k in 1..=4 {
                actors.push(format!("cv{k}.{slug}"));
            }
        }
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut add_group = |g: Vec<u32>| -> u32 {
            groups.push(g);
            (groups.len() - 1) as u32
        };
        let g_departments = add_group(dept_ids.clone());
        // A ministry's handful: up to four departments spread over the list, starting at its own.
        let g_handful = (0..central.len())
            .map(|m| {
                let n = dept_ids.len();
                let step = (n / 4).max(1);
                let mut g: Vec<u32> = Vec::new();
                for j in 0..n.min(4) {
                    let d = dept_ids[(m + j * step) % n];
                    if !g.contains(&d) {
                        g.push(d);
                    }
                }
                add_group(g)
            })
            .collect();
        for layout in std::iter::once(&mut before).chain(after.as_mut()) {
            if layout.districts.is_empty() {
                layout.g_lower = add_group(layout.communes.clone());
                layout.g_both = NO_UNIT;
            } else {
                layout.g_lower = add_group(layout.districts.clone());
                let both = layout.districts.iter().chain(&layout.communes).copied().collect();
                layout.g_both = add_group(both);
                layout.g_district_communes = layout.groups.iter().map(|g| add_group(g.clone())).collect();
            }
        }
        let group_ids = groups.iter().map(|g| g.iter().map(|&u| units[u as usize].id.clone()).collect()).collect();
        World {
            units,
            central,
            province,
            departments: dept_ids,
            dept_weights,
            before,
            after,
            cutover: (structure == Structure::Reform).then_some(cutover),
            actors,
            groups,
            group_ids,
            g_departments,
            g_handful,
        }
    }

    /// The layout in force at `t`.
    pub fn layout_at(&self, t: Instant) -> &Layout {
        match (&self.after, self.cutover) {
            (Some(after), Some(c)) if t >= c => after,
            _ => &self.before,
        }
    }

    /// The unit that does `u`'s work at `t`: `u` itself while it exists, else its successor
    /// (communes), or `None` for an abolished district (flows skip it).
    pub fn resolve(&self, mut u: u32, t: Instant) -> Option<u32> {
        for _ in 0..8 {
            let def = &self.units[u as usize];
            match def.valid_to {
                Some(v) if t >= v => {
                    if def.level == Level::District || def.successor == NO_UNIT {
                        return None;
                    }
                    u = def.successor;
                }
                _ => return Some(u),
            }
        }
        None
    }

    /// Actor id of `role` at unit `u`.
    pub fn actor(&self, u: u32, role: u32) -> u32 {
        u * ACTORS_PER_UNIT + role
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_names_and_actors_are_unique() {
        for s in [Structure::FourLevel, Structure::ThreeLevel, Structure::Reform] {
            let w = World::build(s, 30, 12, 20, 0);
            let ids: HashSet<&str> = w.units.iter().map(|u| u.id.as_str()).collect();
            assert_eq!(ids.len(), w.units.len());
            let names: HashSet<&str> = w.units.iter().map(|u| u.name.as_str()).collect();
            assert_eq!(names.len(), w.units.len(), "{s:?}");
            let actors: HashSet<&str> = w.actors.iter().map(|a| a.as_str()).collect();
            assert_eq!(actors.len(), w.actors.len(), "{s:?}");
        }
        let names: HashSet<String> = (0..2000).map(|k| place_name(k).0).collect();
        assert_eq!(names.len(), 2000);
    }
}
