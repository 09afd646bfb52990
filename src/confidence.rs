//! OCR confidences as the output carries them: 0–1 with two decimals (the
//! engine's own figures are not finer), whole numbers written as integers as
//! the canonical JSON writes every whole number, so the same scan gives the
//! same bytes in debug and release builds.

/// `v` (0–1) rounded to two decimals.
pub fn round(v: f32) -> f64 {
    (f64::from(v.clamp(0.0, 1.0)) * 100.0).round() / 100.0
}

/// Serializes a confidence: `1` and `0` as integers, others as they are.
pub fn serialize<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 { s.serialize_i64(*v as i64) } else { s.serialize_f64(*v) }
}

/// [`serialize`] for a confidence that only recognised content has (the
/// field is skipped when `None`).
pub fn serialize_optional<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize(v, s),
        None => s.serialize_none(),
    }
}

/// The mean of `(value, weight)` pairs (weights: characters), rounded to two
/// decimals; `None` when nothing weighs.
pub fn weighted_mean(parts: impl IntoIterator<Item = (f64, usize)>) -> Option<f64> {
    let (sum, weight) = parts.into_iter().fold((0.0f64, 0usize), |(s, w), (v, n)| (s + v * n as f64, w + n));
    (weight > 0).then(|| ((sum / weight as f64) * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_and_whole_numbers_as_integers() {
        assert_eq!(round(0.8749), 0.87);
        assert_eq!(round(1.3), 1.0);
        assert_eq!(serde_json::to_string(&serde_json::json!(round(0.87))).unwrap(), "0.87");
        let mut out = Vec::new();
        serialize(&1.0, &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(out, b"1");
        assert_eq!(weighted_mean([(0.9, 3), (0.5, 1)]), Some(0.8));
        assert_eq!(weighted_mean([]), None);
    }
}
