//! The astronomy the lunar table of [`super`] was computed from, kept to check it: the
//! test [`tests::the_table_is_the_astronomy`] recomputes every cycle of the table, and
//! `cargo test --lib -- --ignored print_lunar_table --nocapture` prints the table again.
//!
//! - the instant of each new moon from Jean Meeus, *Astronomical Algorithms* (2nd ed.),
//!   chapter 49 (mean phase, the periodic terms of the new moon and the 14 planetary terms);
//! - the sun's apparent longitude from chapter 25 (the low-precision series, about 0.01°);
//! - ΔT (TT − UT) from the Espenak–Meeus polynomials (NASA, *Five Millennium Canon*).

use super::Cycle;
use crate::model::time::days_from_civil;

/// Vietnam's time zone, in days east of UTC.
const ZONE_DAYS: f64 = 7.0 / 24.0;
/// Julian day at 1970-01-01 00:00 UT.
const JD_UNIX_EPOCH: f64 = 2_440_587.5;
/// Mean synodic month (Meeus 49.1).
const SYNODIC_MONTH: f64 = 29.530_588_861;
/// JDE of the mean new moon k = 0 (2000-01-06).
const JDE_K0: f64 = 2_451_550.097_66;

/// The cycle of `year` (see [`Cycle`]) from the formulas.
pub(super) fn cycle(year: i32) -> Cycle {
    let (ka, _) = month11(year - 1);
    let (kb, _) = month11(year);
    let count = (kb - ka).clamp(12, 13) as usize;
    let mut starts = [0; 14];
    let mut sectors = [0; 14];
    for i in 0..=count {
        starts[i] = new_moon_day(ka + i as i64);
        sectors[i] = sector(starts[i]);
    }
    // With 13 months for 12 principal terms, one month (never month 11 itself) has none.
    let leap = (count == 13).then(|| (1..=12).find(|&i| sectors[i] == sectors[i + 1]).unwrap_or(12));
    Cycle { year, starts, count, leap }
}

/// The index k (new moons since 2000-01-06) of the month 11 that starts the cycle of `year`.
pub(super) fn first_k(year: i32) -> i64 {
    month11(year - 1).0
}

/// The index k and first day of the lunar month containing the winter solstice of `year`.
fn month11(year: i32) -> (i64, i64) {
    let dec31 = days_from_civil(year, 12, 31) as f64 + JD_UNIX_EPOCH;
    let k = ((dec31 - JDE_K0) / SYNODIC_MONTH).floor() as i64;
    let day = new_moon_day(k);
    // Sector 9 or more: the sun had passed 270° when that month began, so the solstice is in the
    // month before.
    if sector(day) >= 9 {
        (k - 1, new_moon_day(k - 1))
    } else {
        (k, day)
    }
}

/// The local (UTC+7) day of the k-th new moon (k = 0: 2000-01-06).
fn new_moon_day(k: i64) -> i64 {
    let jde = new_moon_jde(k as f64);
    let jd_ut = jde - delta_t_days(jde);
    (jd_ut + ZONE_DAYS - JD_UNIX_EPOCH).floor() as i64
}

/// The sun's 30° sector (0 = 0°..30°, 9 = 270°..300°) at the local midnight starting `days`.
fn sector(days: i64) -> i64 {
    let jd_ut = days as f64 + JD_UNIX_EPOCH - ZONE_DAYS;
    let jde = jd_ut + delta_t_days(jd_ut);
    (sun_apparent_longitude(jde) / 30.0).floor() as i64
}

fn sin_deg(x: f64) -> f64 {
    x.to_radians().sin()
}

/// JDE (Terrestrial Time) of the new moon with index `k` (Meeus chapter 49).
fn new_moon_jde(k: f64) -> f64 {
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let t4 = t3 * t;
    let jde = JDE_K0 + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3 + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    // Sun's mean anomaly, moon's mean anomaly, moon's argument of latitude, ascending node.
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp = 201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f = 160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let om = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;

    let periodic = -0.407_20 * sin_deg(mp)
        + 0.172_41 * e * sin_deg(m)
        + 0.016_08 * sin_deg(2.0 * mp)
        + 0.010_39 * sin_deg(2.0 * f)
        + 0.007_39 * e * sin_deg(mp - m)
        - 0.005_14 * e * sin_deg(mp + m)
        + 0.002_08 * e * e * sin_deg(2.0 * m)
        - 0.001_11 * sin_deg(mp - 2.0 * f)
        - 0.000_57 * sin_deg(mp + 2.0 * f)
        + 0.000_56 * e * sin_deg(2.0 * mp + m)
        - 0.000_42 * sin_deg(3.0 * mp)
        + 0.000_42 * e * sin_deg(m + 2.0 * f)
        + 0.000_38 * e * sin_deg(m - 2.0 * f)
        - 0.000_24 * e * sin_deg(2.0 * mp - m)
        - 0.000_17 * sin_deg(om)
        - 0.000_07 * sin_deg(mp + 2.0 * m)
        + 0.000_04 * sin_deg(2.0 * mp - 2.0 * f)
        + 0.000_04 * sin_deg(3.0 * m)
        + 0.000_03 * sin_deg(mp + m - 2.0 * f)
        + 0.000_03 * sin_deg(2.0 * mp + 2.0 * f)
        - 0.000_03 * sin_deg(mp + m + 2.0 * f)
        + 0.000_03 * sin_deg(mp - m + 2.0 * f)
        - 0.000_02 * sin_deg(mp - m - 2.0 * f)
        - 0.000_02 * sin_deg(3.0 * mp + m)
        + 0.000_02 * sin_deg(4.0 * mp);

    // Planetary arguments A1..A14 and their coefficients.
    const PLANETARY: [(f64, f64, f64); 13] = [
        (251.88, 0.016_321, 0.000_165),
        (251.83, 26.651_886, 0.000_164),
        (349.42, 36.412_478, 0.000_126),
        (84.66, 18.206_239, 0.000_110),
        (141.74, 53.303_771, 0.000_062),
        (207.14, 2.453_732, 0.000_060),
        (154.84, 7.306_860, 0.000_056),
        (34.52, 27.261_239, 0.000_047),
        (207.19, 0.121_824, 0.000_042),
        (291.34, 1.844_379, 0.000_040),
        (161.72, 24.198_154, 0.000_037),
        (239.56, 25.513_099, 0.000_035),
        (331.55, 3.592_518, 0.000_023),
    ];
    let a1 = 299.77 + 0.107_408 * k - 0.009_173 * t2;
    let planetary = 0.000_325 * sin_deg(a1) + PLANETARY.iter().map(|&(a, b, c)| c * sin_deg(a + b * k)).sum::<f64>();

    jde + periodic + planetary
}

/// The sun's apparent longitude in degrees, 0..360, at JDE `jde` (Meeus chapter 25, low
/// precision).
fn sun_apparent_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let m = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t2;
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t2) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_289 * sin_deg(3.0 * m);
    let omega = 125.04 - 1_934.136 * t;
    let lambda = l0 + c - 0.005_69 - 0.004_78 * sin_deg(omega);
    lambda.rem_euclid(360.0)
}

/// ΔT = TT − UT in days at (approximately) Julian day `jd` (Espenak–Meeus polynomials).
fn delta_t_days(jd: f64) -> f64 {
    let y = 2000.0 + (jd - 2_451_544.5) / 365.2425;
    let seconds = if y < 1860.0 {
        let t = y - 1800.0;
        13.72 - 0.332_447 * t + 0.006_861_2 * t.powi(2) + 0.004_111_6 * t.powi(3) - 0.000_374_36 * t.powi(4)
            + 0.000_012_127_2 * t.powi(5)
            - 0.000_000_169_9 * t.powi(6)
            + 0.000_000_000_875 * t.powi(7)
    } else if y < 1900.0 {
        let t = y - 1860.0;
        7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3) - 0.000_447_362_4 * t.powi(4)
            + t.powi(5) / 233_174.0
    } else if y < 1920.0 {
        let t = y - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3) - 0.000_197 * t.powi(4)
    } else if y < 1941.0 {
        let t = y - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
    } else if y < 1961.0 {
        let t = y - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2_547.0
    } else if y < 1986.0 {
        let t = y - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if y < 2005.0 {
        let t = y - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if y < 2050.0 {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
    } else {
        let u = (y - 1820.0) / 100.0;
        let long_term = -20.0 + 32.0 * u * u;
        if y < 2150.0 {
            long_term - 0.5628 * (2150.0 - y)
        } else {
            long_term
        }
    };
    seconds / 86_400.0
}

#[cfg(test)]
mod tests {
    use super::super::{TABLE_FIRST, TABLE_LAST};
    use super::*;

    #[test]
    fn meeus_example_49a_new_moon_1977_feb() {
        // k = -283: JDE 2443192.65118 (1977 Feb 18, 3h37m42s TD).
        assert!((new_moon_jde(-283.0) - 2_443_192.651_18).abs() < 1e-4);
    }

    #[test]
    fn meeus_example_25a_sun_1992_oct_13() {
        // Low-precision apparent longitude 199.90895° (the rigorous value is 199.90988°).
        assert!((sun_apparent_longitude(2_448_908.5) - 199.908_95).abs() < 1e-4);
    }

    /// Every cycle the table gives is the one the formulas give: the same month starts (so the
    /// same new moons, month 11 and month lengths) and the same leap month.
    #[test]
    fn the_table_is_the_astronomy() {
        for year in TABLE_FIRST..=TABLE_LAST {
            assert_eq!(Cycle::new(year), cycle(year), "cycle of {year}");
        }
    }

    /// Prints the table constants of `super` (after a change to the formulas or the range).
    #[test]
    #[ignore]
    fn print_lunar_table() {
        let k_first = first_k(TABLE_FIRST);
        let mut bits: Vec<u64> = Vec::new();
        let mut leaps = String::new();
        let mut k = k_first;
        for year in TABLE_FIRST..=TABLE_LAST {
            let c = cycle(year);
            assert_eq!(first_k(year), k, "cycles follow each other");
            for i in 0..c.count {
                let len = c.starts[i + 1] - c.starts[i];
                assert!(len == 29 || len == 30);
                let n = (k - k_first) as usize + i;
                if n / 64 >= bits.len() {
                    bits.push(0);
                }
                bits[n / 64] |= u64::from(len == 30) << (n % 64);
            }
            leaps.push(char::from_digit(c.leap.unwrap_or(0) as u32, 16).unwrap());
            k += c.count as i64;
        }
        println!("const DAY_FIRST: i64 = {};", cycle(TABLE_FIRST).starts[0]);
        println!("const LONG_MONTHS: [u64; {}] = [", bits.len());
        for chunk in bits.chunks(4) {
            let words: Vec<String> = chunk.iter().map(|w| format!("0x{w:016x}")).collect();
            println!("    {},", words.join(", "));
        }
        println!("];");
        println!("const LEAPS: &[u8; {}] = b\"\\", leaps.len());
        for line in leaps.as_bytes().chunks(80) {
            println!("    {}\\", std::str::from_utf8(line).unwrap());
        }
        println!("\";");
    }
}
