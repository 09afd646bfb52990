//! `AbbreviatedData`, the path syntax of OFD path objects (GB/T 33190
//! §9.2.2): `S`/`M x y` start a subpath, `L x y` a line, `Q x1 y1 x y` and
//! `B x1 y1 x2 y2 x y` curves, `A rx ry angle large sweep x y` an arc, `C`
//! closes the subpath. Points are mapped to page space and handed to the PDF
//! interpreter's path builder, so OFD rulings come from the same rules
//! (stroked straight segments, thin filled rectangles).

use crate::pdf::content::Matrix;
use crate::pdf::content::path::Path;

/// Builds the path `data` draws, each point through `m`. Returns the path and,
/// when the data holds something unreadable, the token where reading stopped
/// (what came before is kept).
pub fn build(data: &str, m: &Matrix) -> (Path, Option<String>) {
    let mut path = Path::default();
    let tokens: Vec<&str> = data.split_whitespace().collect();
    let mut i = 0;
    let point = |v: &[f32]| m.apply(v[0], v[1]);
    while i < tokens.len() {
        let command = tokens[i];
        let count = match command {
            "S" | "M" | "L" => 2,
            "Q" => 4,
            "B" => 6,
            "A" => 7,
            "C" => 0,
            other => return (path, Some(other.to_string())),
        };
        let Some(args) = tokens.get(i + 1..i + 1 + count) else {
            return (path, Some(format!("{command} with too few numbers")));
        };
        let Ok(v) = args.iter().map(|t| t.parse::<f32>()).collect::<Result<Vec<f32>, _>>() else {
            return (path, Some(args.join(" ")));
        };
        match command {
            "S" | "M" => path.move_to(point(&v)),
            "L" => path.line_to(point(&v)),
            // Curves and arcs are never table lines: only their end point
            // matters, as the next segment's start.
            "Q" | "B" | "A" => path.curve_to(point(&v[count - 2..])),
            _ => path.close(),
        }
        i += 1 + count;
    }
    (path, None)
}

/// Whether the data draws any curve or arc.
pub fn has_curves(data: &str) -> bool {
    data.split_whitespace().any(|t| matches!(t, "B" | "Q" | "A"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_rectangles_and_curves() {
        let m = Matrix::new(2.0, 0.0, 0.0, 2.0, 10.0, 0.0);
        let (path, problem) = build("M 0 0.2 L 73 0.2 M 0 0 L 0 10 B 1 1 2 2 3 3 Q 1 1 4 4 A 1 1 0 0 1 5 5 C", &m);
        assert!(problem.is_none());
        let mut out = Vec::new();
        path.stroke_rulings(1.0, false, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].x0, out[0].x1, out[0].top), (10.0, 156.0, 0.4));
        assert_eq!((out[1].x0, out[1].top, out[1].bottom), (10.0, 0.0, 20.0));
        let (path, _) = build("S 0 0 L 100 0 L 100 1 L 0 1 C", &Matrix::IDENTITY);
        let mut out = Vec::new();
        path.fill_rulings(&mut out);
        assert_eq!(out.len(), 1, "a thin filled rectangle");
    }

    #[test]
    fn garbage_stops_reading() {
        let (_, problem) = build("M 0 0 L 1 x", &Matrix::IDENTITY);
        assert_eq!(problem.as_deref(), Some("1 x"));
        let (_, problem) = build("M 0 0 Z", &Matrix::IDENTITY);
        assert_eq!(problem.as_deref(), Some("Z"));
    }
}
