//! The `batch_paths` target: the batch's promise about output paths, checked
//! on arbitrary zip entry names. Its own file so that
//! tests/all/fuzz_regressions.rs runs the saved inputs through the same checks.
//!
//! The checks walk the output paths as a tree of case-folded names, one step
//! per component, so they cost what the paths cost. Comparing every path's
//! ancestors as whole strings, as this target first did, costs the square of
//! a path's depth: one 4 MB line of `a/a/a/…` (2 M components) asked for
//! terabytes, and the smoke runner took that for a blow-up of the batch.

use std::collections::HashMap;

use govdoc::batch::plan;
use govdoc::zipname;

/// Whatever the names (raw bytes, with or without the UTF-8 flag), every
/// output path stays inside OUTDIR, no two sources share one and no file
/// takes the name of a folder another output needs, even on a file system
/// that ignores case. The input is one entry name per line.
pub fn batch_paths(data: &[u8]) {
    let sources: Vec<String> = data
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| zipname::decode_entry_name(raw, if i % 2 == 0 { 0 } else { 1 << 11 }))
        .map(|name| plan::safe_components(&name).join("/"))
        .collect();
    let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    let outputs = plan::output_paths(&refs);
    assert_eq!(outputs.len(), sources.len());
    let mut tree = Tree::default();
    for path in &outputs {
        assert!(plan::is_inside(path), "{path:?} leaves OUTDIR");
        let names: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().to_lowercase()).collect();
        let (file, folders) = names.split_last().expect("a path inside OUTDIR has a component");
        let mut node = Tree::OUTDIR;
        for name in folders {
            node = tree.child(node, name);
            assert!(!tree.kinds[node].file, "{path:?} needs a folder where another output is a file");
            tree.kinds[node].folder = true;
        }
        let node = tree.child(node, file);
        assert!(!tree.kinds[node].file, "{path:?} twice");
        assert!(!tree.kinds[node].folder, "{path:?} takes the name of a folder another output needs");
        tree.kinds[node].file = true;
    }
}

/// The output paths so far as a tree: (parent, folded name) → node.
#[derive(Default)]
struct Tree {
    children: HashMap<(usize, String), usize>,
    kinds: Vec<Kind>,
}

/// What the outputs use a node as: both at once is the clash to find.
#[derive(Default, Clone, Copy)]
struct Kind {
    file: bool,
    folder: bool,
}

impl Tree {
    const OUTDIR: usize = 0;

    fn child(&mut self, parent: usize, name: &str) -> usize {
        if self.kinds.is_empty() {
            self.kinds.push(Kind::default()); // OUTDIR itself
        }
        let next = self.kinds.len();
        let node = *self.children.entry((parent, name.to_string())).or_insert(next);
        if node == next {
            self.kinds.push(Kind::default());
        }
        node
    }
}
