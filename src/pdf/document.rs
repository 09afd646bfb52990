//! A loaded PDF, the object store: lopdf reads the objects (classic and stream
//! xrefs, object streams, incremental updates, xref reconstruction, RC4/AES
//! decryption with an empty user password); this module turns lopdf's failures
//! into govdoc's error codes, walks the page tree (cycle-safe, bounded),
//! measures damage, gives bounded access to objects and decoded streams,
//! holds the resource limits, and keeps what pages share (decoded streams,
//! and values derived from objects, such as fonts) once per document.
//!
//! It neither drives pages nor loads fonts: a page is driven by `driver`
//! ([`PdfDocument::page`]) and interpreted by `content`; fonts are loaded by
//! `font` (`PdfDocument::font`), each on top of the store.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::inflate::inflate;
use crate::budget;
use crate::error::{Error, ErrorCode, Result};

/// Most pages a document may have.
pub const MAX_PAGES: usize = 10_000;
/// Largest size one stream (content, form, font, CMap) may decompress to, and
/// largest total of a page's content streams.
pub const MAX_STREAM_BYTES: usize = 64 << 20;
/// Deepest nesting of Form XObjects drawn inside one another.
pub const MAX_FORM_DEPTH: usize = 16;
/// Most operators one page may execute, Form XObjects included (a small form
/// drawn a million times is a bomb too).
pub const MAX_OPERATIONS: usize = 5_000_000;
/// Most glyphs one page may produce.
pub const MAX_GLYPHS: usize = 1_000_000;
/// Most decoded stream bytes kept for reuse ([`PdfDocument::stream_data_shared`]);
/// past it streams are decoded again (and charged again) each time.
const MAX_CACHED_STREAM_BYTES: usize = 64 << 20;
/// Decoded streams by object and the bytes they hold.
#[derive(Default)]
struct DecodedStreams {
    by_object: HashMap<ObjectId, Arc<Vec<u8>>>,
    bytes: usize,
}

/// Deepest page tree and longest chain of `/Parent` links followed for
/// inherited attributes.
const MAX_TREE_DEPTH: usize = 64;
/// Longest chain of references followed to reach an object.
const MAX_REFERENCE_CHAIN: usize = 32;

/// Signs that the file is damaged, found when it is opened and as its
/// streams are decoded: what a `pdf.damaged` warning reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Damage {
    /// The file does not end with `%%EOF`: it was cut short.
    pub truncated: bool,
    /// The cross-reference table could not be used and was rebuilt by
    /// scanning the file for objects.
    pub xref_rebuilt: bool,
    /// Distinct objects the file refers to, and how many of them are missing.
    pub referenced: usize,
    pub missing: usize,
    /// Pages the page tree's `/Count` promises and the pages found.
    pub pages_promised: Option<usize>,
    /// The catalog or its page tree is lost: the pages were found by scanning
    /// the objects for `/Type /Page`, in the order they are stored.
    pub page_tree_lost: bool,
    /// Objects that could not be read as written and were read leniently
    /// (`salvage`), each with what was wrong: "object 8 (2 malformed
    /// dictionary entries left out)".
    pub salvaged: Vec<String>,
    /// Compressed streams damaged part way, each with how much was read
    /// ([`super::inflate::Cut::describe`]); found as pages are read.
    pub cut_streams: Vec<String>,
}

impl Damage {
    /// True when anything was lost or repaired.
    pub fn any(&self) -> bool {
        self.truncated
            || self.xref_rebuilt
            || self.missing > 0
            || self.page_tree_lost
            || !self.salvaged.is_empty()
            || !self.cut_streams.is_empty()
    }

    /// "cut short (no %%EOF at its end); its cross-reference table was
    /// rebuilt; 12 of 80 objects it refers to are missing".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.truncated {
            parts.push("it is cut short (no %%EOF at its end)".to_string());
        }
        if self.xref_rebuilt {
            parts.push("its cross-reference table was rebuilt by scanning for objects".to_string());
        }
        if self.missing > 0 {
            parts.push(format!("{} of the {} objects it refers to are missing", self.missing, self.referenced));
        }
        if !self.salvaged.is_empty() {
            parts.push(format!(
                "{} damaged object(s) were read leniently: {}",
                self.salvaged.len(),
                self.salvaged.join(", ")
            ));
        }
        parts.extend(self.cut_streams.iter().cloned());
        if self.page_tree_lost {
            parts.push(
                "its document catalog or page tree is lost: the pages were found by scanning for page objects and are in the order they are stored, which may not be the reading order".to_string(),
            );
        }
        parts.join("; ")
    }
}

/// A PDF opened for reading.
pub struct PdfDocument {
    doc: lopdf::Document,
    pages: Vec<ObjectId>,
    damage: Damage,
    /// The file as read, for finding a stream again whose length is wrong.
    raw: Vec<u8>,
    /// Only the file's attachments are encrypted; its pages were read as
    /// they are.
    attachments_only_encrypted: bool,
    /// Values derived from an object (fonts), by object id and type: made
    /// once, shared by every page that uses them ([`Self::shared`]).
    derived: Mutex<HashMap<(ObjectId, TypeId), Arc<dyn Any + Send + Sync>>>,
    /// Decoded content and form streams by object, so a stream drawn by many
    /// pages or `Do`s is decoded (and charged to the budget) once; holds at
    /// most [`MAX_CACHED_STREAM_BYTES`].
    decoded: Mutex<DecodedStreams>,
    /// Streams found damaged part way as they were decoded.
    cut_streams: Mutex<CutStreams>,
}

/// Most damaged streams listed one by one in `pdf.damaged`; past it they are
/// counted.
const MAX_CUT_STREAMS_LISTED: usize = 20;

/// Streams found damaged part way, by their descriptions
/// ([`super::inflate::Cut::describe`]): the first [`MAX_CUT_STREAMS_LISTED`]
/// in sorted order (the same whichever order parallel pages decode them
/// in), and a hash of every distinct one, to count the rest.
#[derive(Debug, Default)]
struct CutStreams {
    listed: Vec<String>,
    distinct: HashSet<u64>,
}

impl CutStreams {
    fn add(&mut self, said: String) {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        said.hash(&mut hasher);
        if !self.distinct.insert(hasher.finish()) {
            return;
        }
        let at = self.listed.binary_search(&said).unwrap_or_else(|at| at);
        if at < MAX_CUT_STREAMS_LISTED {
            self.listed.insert(at, said);
            self.listed.truncate(MAX_CUT_STREAMS_LISTED);
        }
    }

    /// The listed descriptions, then "N more damaged stream(s)".
    fn describe(&self) -> Vec<String> {
        let mut out = self.listed.clone();
        let more = self.distinct.len().saturating_sub(self.listed.len());
        if more > 0 {
            out.push(format!("{more} more damaged stream(s)"));
        }
        out
    }
}

/// The error of a stream that inflates past [`MAX_STREAM_BYTES`].
fn stream_too_large() -> Error {
    Error::too_large(format!("a stream decompresses to more than {MAX_STREAM_BYTES} bytes"))
}

impl std::fmt::Debug for PdfDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfDocument").field("pages", &self.pages.len()).finish()
    }
}

impl PdfDocument {
    /// Loads a PDF from memory: decrypts it when the user password is empty,
    /// refuses it when a password is needed, and checks the page limit.
    pub fn open(bytes: &[u8]) -> Result<PdfDocument> {
        let original = bytes;
        // lopdf reads an encryption dictionary only by reference; PyMuPDF
        // writes it inline in the trailer. Such a file is read as if the
        // dictionary were an object of its own, the xref table rebuilt.
        let moved = with_encryption_dictionary_moved(bytes);
        let bytes = moved.as_deref().unwrap_or(bytes);
        let options = lopdf::LoadOptions {
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            force_reconstruct: moved.is_some(),
            ..Default::default()
        };
        // lopdf is fuzzed but large; a panic inside it must not take the batch
        // down with it, so it is caught and reported as damage.
        let load = |bytes: &[u8]| {
            let options = options.clone();
            std::panic::catch_unwind(|| lopdf::Document::load_mem_with_options(bytes, options))
        };
        let mut attachments_only_encrypted = false;
        let mut doc = match load(bytes) {
            Ok(Ok(doc)) => doc,
            Ok(Err(e)) => {
                let error = load_error(e);
                if error.code != ErrorCode::Encrypted {
                    return Err(error);
                }
                match without_attachment_only_encryption(bytes).map(|b| load(&b)) {
                    Some(Ok(Ok(doc))) if !doc.is_encrypted() => {
                        attachments_only_encrypted = true;
                        doc
                    }
                    _ => return Err(error),
                }
            }
            Err(_) => return Err(Error::corrupt("the PDF could not be read (the reader failed on its structure)")),
        };
        if doc.is_encrypted() {
            match without_attachment_only_encryption(bytes).map(|b| load(&b)) {
                Some(Ok(Ok(plain))) if !plain.is_encrypted() => {
                    attachments_only_encrypted = true;
                    doc = plain;
                }
                _ => return Err(encrypted_error()),
            }
        }
        let mut damage = Damage {
            truncated: !ends_with_eof(original),
            xref_rebuilt: moved.is_none() && doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed),
            salvaged: salvage_unread_objects(&mut doc, bytes),
            ..Default::default()
        };
        if damage.any() {
            // Only for a file already known damaged: the walk costs a pass
            // over every object.
            (damage.referenced, damage.missing) = missing_references(&doc);
        }
        let mut this = PdfDocument {
            doc,
            pages: Vec::new(),
            damage,
            raw: bytes.to_vec(),
            attachments_only_encrypted,
            derived: Mutex::new(HashMap::new()),
            decoded: Mutex::new(DecodedStreams::default()),
            cut_streams: Mutex::new(CutStreams::default()),
        };
        this.pages = match this.walk_page_tree() {
            Ok(pages) => pages,
            Err(e) if e.code == ErrorCode::Corrupt => {
                let found = this.scan_for_pages()?;
                if found.is_empty() {
                    return Err(e);
                }
                this.damage.page_tree_lost = true;
                found
            }
            Err(e) => return Err(e),
        };
        if this.damage.any() {
            this.damage.pages_promised = this.promised_pages();
        }
        Ok(this)
    }

    /// The page tree root's `/Count`: how many pages the file says it has.
    fn promised_pages(&self) -> Option<usize> {
        let catalog =
            self.doc.trailer.get(b"Root").ok().and_then(|o| self.resolve(o)).and_then(|o| o.as_dict().ok())?;
        let root = self.get(catalog, b"Pages").and_then(|o| o.as_dict().ok())?;
        let count = self.get(root, b"Count").and_then(|o| o.as_i64().ok())?;
        usize::try_from(count).ok()
    }

    /// True when only the attachments are encrypted (the pages are plain).
    pub fn attachments_only_encrypted(&self) -> bool {
        self.attachments_only_encrypted
    }

    /// What was found damaged: when the file was opened, and in the
    /// streams decoded since.
    pub fn damage(&self) -> Damage {
        let mut damage = self.damage.clone();
        damage.cut_streams = self.cut_streams.lock().unwrap_or_else(|e| e.into_inner()).describe();
        damage
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The dictionary of page `index` (0-based).
    pub(crate) fn page_dictionary(&self, index: usize) -> Result<&Dictionary> {
        let id = *self
            .pages
            .get(index)
            .ok_or_else(|| Error::new(ErrorCode::Internal, format!("page {} does not exist", index + 1)))?;
        self.doc.get_dictionary(id).map_err(|_| Error::corrupt("a page object is missing or damaged"))
    }

    /// The page ids in document order, walking `/Kids` from the catalog with a
    /// visited set (a cycle is cut, never followed) and the page limit.
    fn walk_page_tree(&self) -> Result<Vec<ObjectId>> {
        let catalog =
            self.doc
                .trailer
                .get(b"Root")
                .ok()
                .and_then(|o| self.resolve(o))
                .and_then(|o| o.as_dict().ok())
                .ok_or_else(|| Error::corrupt("the PDF has no document catalog; the file is damaged or truncated"))?;
        let root = catalog
            .get(b"Pages")
            .ok()
            .ok_or_else(|| Error::corrupt("the PDF has no page tree; the file is damaged or truncated"))?;
        let mut pages = Vec::new();
        let mut seen = HashSet::new();
        // Depth-first, kids in order: a stack of (node, depth), pushed in reverse.
        let mut stack: Vec<(&Object, usize)> = vec![(root, 0)];
        while let Some((node, depth)) = stack.pop() {
            let id = match node {
                Object::Reference(id) => Some(*id),
                _ => None,
            };
            let Some(dict) = self.resolve(node).and_then(|o| o.as_dict().ok()) else { continue };
            let kids = dict.get(b"Kids").ok().and_then(|k| self.resolve(k)).and_then(|k| k.as_array().ok());
            let is_pages = dict.get_type().is_ok_and(|t| t == b"Pages");
            match kids {
                Some(kids) if is_pages || !dict.get_type().is_ok_and(|t| t == b"Page") => {
                    // A node met again would repeat (or, in a cycle, never
                    // end) its subtree: it is followed once. A page listed
                    // twice is shown twice by viewers and is kept twice.
                    if let Some(id) = id
                        && !seen.insert(id)
                    {
                        continue;
                    }
                    if depth >= MAX_TREE_DEPTH {
                        return Err(Error::too_large(format!(
                            "the page tree is nested more than {MAX_TREE_DEPTH} levels deep"
                        )));
                    }
                    for kid in kids.iter().rev() {
                        stack.push((kid, depth + 1));
                    }
                }
                _ => {
                    // A page stored inline (not by reference) has no id; lopdf
                    // cannot address it, so it is skipped.
                    if let Some(id) = id {
                        pages.push(id);
                        if pages.len() > MAX_PAGES {
                            return Err(Error::too_large(format!(
                                "the PDF has more than {MAX_PAGES} pages; split it into smaller files"
                            )));
                        }
                    }
                }
            }
        }
        if pages.is_empty() {
            return Err(Error::corrupt("the PDF has no pages that can be read; the file is damaged or truncated"));
        }
        Ok(pages)
    }

    /// Every object that is a page (`/Type /Page`), by object number: the
    /// pages of a file whose catalog or page tree is lost.
    fn scan_for_pages(&self) -> Result<Vec<ObjectId>> {
        let mut pages = Vec::new();
        for (id, object) in &self.doc.objects {
            if object.as_dict().is_ok_and(|d| d.get_type().is_ok_and(|t| t == b"Page")) {
                pages.push(*id);
                if pages.len() > MAX_PAGES {
                    return Err(Error::too_large(format!(
                        "the PDF has more than {MAX_PAGES} pages; split it into smaller files"
                    )));
                }
            }
        }
        Ok(pages)
    }

    /// A stream read empty whose `/Length` is no usable number (an object
    /// that is missing, not a number, or the stream itself): its data is
    /// still in the file, up to its `endstream`.
    pub(crate) fn length_unusable(&self, stream: &Stream) -> bool {
        stream.content.is_empty()
            && matches!(stream.dict.get(b"Length"), Ok(Object::Reference(_)))
            && !matches!(self.get(&stream.dict, b"Length"), Some(Object::Integer(n)) if *n >= 0)
    }

    /// Object `id`'s stream data found again in the file's bytes: from the
    /// line after `stream` to the `endstream` keyword (the last definition
    /// of the object, as incremental updates would have it).
    pub(crate) fn reread_stream(&self, id: ObjectId, stream: &Stream) -> Option<Stream> {
        let raw = &self.raw;
        let header = format!("{} {} obj", id.0, id.1);
        let mut at = None;
        let mut from = 0;
        while let Some(k) = find(&raw[from..], header.as_bytes()) {
            let start = from + k;
            // A whole object number: not the tail of "115 0 obj".
            if start == 0 || !raw[start - 1].is_ascii_digit() {
                at = Some(start);
            }
            from = start + header.len();
        }
        let rest = &raw[at? + header.len()..];
        let keyword = find(rest, b"stream")?;
        let mut begin = keyword + b"stream".len();
        if rest.get(begin) == Some(&b'\r') {
            begin += 1;
        }
        if rest.get(begin) == Some(&b'\n') {
            begin += 1;
        }
        let end = begin + find(&rest[begin..], b"endstream")?;
        let mut data = &rest[begin..end];
        while let [head @ .., b'\r' | b'\n'] = data {
            data = head;
        }
        Some(Stream::new(stream.dict.clone(), data.to_vec()))
    }

    /// An attribute of the page or, when missing, of its nearest ancestor
    /// (Resources, MediaBox, CropBox, Rotate are inheritable).
    pub(crate) fn inherited<'a>(&'a self, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let mut node = page;
        let mut seen = HashSet::new();
        for _ in 0..MAX_TREE_DEPTH {
            if let Ok(value) = node.get(key) {
                return self.resolve(value);
            }
            let parent = node.get(b"Parent").ok()?;
            if let Object::Reference(id) = parent
                && !seen.insert(*id)
            {
                return None;
            }
            node = self.resolve(parent)?.as_dict().ok()?;
        }
        None
    }

    pub(crate) fn rect(&self, obj: &Object) -> Option<[f32; 4]> {
        let items = self.resolve(obj)?.as_array().ok()?;
        if items.len() != 4 {
            return None;
        }
        let mut v = [0.0f32; 4];
        for (slot, item) in v.iter_mut().zip(items) {
            *slot = self.number(item)?;
        }
        let r = [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])];
        (r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0 && r.iter().all(|x| x.is_finite())).then_some(r)
    }

    // ---- object access shared with `font` and `content` ----

    /// The interactive form's dictionary (`/AcroForm` of the catalog): its
    /// default resources, appearance string and quadding, and whether
    /// viewers must draw the fields' appearances themselves.
    pub(crate) fn acro_form(&self) -> Option<&Dictionary> {
        let catalog = self.doc.trailer.get(b"Root").ok().and_then(|o| self.dict(o))?;
        self.get(catalog, b"AcroForm").and_then(|o| self.dict(o))
    }

    /// The interactive form's default resources (`/AcroForm /DR`): the fonts
    /// a field's appearance names when it has no resources of its own.
    pub(crate) fn form_default_resources(&self) -> Option<&Dictionary> {
        self.acro_form().and_then(|form| self.get(form, b"DR")).and_then(|o| self.dict(o))
    }

    /// Follows references (a bounded chain) to the object itself.
    pub(crate) fn resolve<'a>(&'a self, mut obj: &'a Object) -> Option<&'a Object> {
        for _ in 0..MAX_REFERENCE_CHAIN {
            match obj {
                Object::Reference(id) => obj = self.doc.objects.get(id)?,
                other => return Some(other),
            }
        }
        None
    }

    pub(crate) fn get<'a>(&'a self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        dict.get(key).ok().and_then(|o| self.resolve(o))
    }

    pub(crate) fn dict<'a>(&'a self, obj: &'a Object) -> Option<&'a Dictionary> {
        match self.resolve(obj)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub(crate) fn number(&self, obj: &Object) -> Option<f32> {
        match self.resolve(obj)? {
            Object::Integer(i) => Some(*i as f32),
            Object::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }

    pub(crate) fn name<'a>(&'a self, obj: &'a Object) -> Option<&'a [u8]> {
        match self.resolve(obj)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The id an object reference points at, if it is one.
    pub(crate) fn id_of(obj: &Object) -> Option<ObjectId> {
        match obj {
            Object::Reference(id) => Some(*id),
            _ => None,
        }
    }

    /// A stream's data with its filters applied, bounded by [`MAX_STREAM_BYTES`].
    /// A filter lopdf does not know (DCT, JBIG2 on a content stream) or damaged
    /// compressed data gives `corrupt`; a bomb gives `too large`.
    /// `/Filter` and `/DecodeParms` given by reference (whole or item by item)
    /// are resolved first: lopdf reads them only when direct, and would
    /// otherwise hand back the still-compressed bytes.
    pub(crate) fn stream_data(&self, stream: &Stream) -> Result<Vec<u8>> {
        let resolved;
        let stream = match self.with_direct_filters(stream) {
            Some(copy) => {
                resolved = copy;
                &resolved
            }
            None => stream,
        };
        let data = match self.inflate_first(stream)? {
            Some(data) => data,
            None => Self::decode_with_lopdf(stream)?,
        };
        budget::charge_usize(budget::Resource::DecodedBytes, data.len())?;
        Ok(data)
    }

    /// A stream whose first filter is FlateDecode without a predictor,
    /// inflated here rather than by lopdf: a damaged deflate stream keeps
    /// what inflated before the damage (lopdf's reader loses the chunk the
    /// error falls in, often everything), and the damage is noted for the
    /// `pdf.damaged` warning. The filters after it go through lopdf. None
    /// for other streams.
    fn inflate_first(&self, stream: &Stream) -> Result<Option<Vec<u8>>> {
        let Ok(filters) = stream.filters() else { return Ok(None) };
        if filters.first() != Some(&&b"FlateDecode"[..]) {
            return Ok(None);
        }
        let params = |index: usize| match stream.dict.get(b"DecodeParms") {
            Ok(Object::Array(items)) => items.get(index).cloned(),
            Ok(other) => (index == 0).then(|| other.clone()),
            Err(_) => None,
        };
        let predictor = params(0)
            .as_ref()
            .and_then(|p| p.as_dict().ok())
            .and_then(|d| d.get(b"Predictor").ok())
            .and_then(|p| p.as_i64().ok())
            .unwrap_or(1);
        if predictor > 1 {
            return Ok(None);
        }
        let inflated = inflate(&stream.content, MAX_STREAM_BYTES).map_err(|_| stream_too_large())?;
        if let Some(cut) = &inflated.cut {
            self.cut_streams.lock().unwrap_or_else(|e| e.into_inner()).add(cut.describe());
        }
        if filters.len() == 1 {
            return Ok(Some(inflated.data));
        }
        // The rest of the chain, with its parameters, on the inflated bytes.
        let mut rest = Stream::new(stream.dict.clone(), inflated.data);
        rest.dict.set("Filter", Object::Array(filters[1..].iter().map(|f| Object::Name(f.to_vec())).collect()));
        let rest_params: Vec<Object> = (1..filters.len()).map(|k| params(k).unwrap_or(Object::Null)).collect();
        rest.dict.set("DecodeParms", Object::Array(rest_params));
        Self::decode_with_lopdf(&rest).map(Some)
    }

    /// A stream decoded by lopdf, its errors as govdoc's.
    fn decode_with_lopdf(stream: &Stream) -> Result<Vec<u8>> {
        stream.get_plain_content_with_limit(MAX_STREAM_BYTES).map_err(|e| match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => stream_too_large(),
            other => {
                Error::corrupt(format!("a stream cannot be decoded ({}); the file is damaged", lopdf_reason(&other)))
            }
        })
    }

    /// [`Self::stream_data`] of the stream object `id` (when it has one),
    /// decoded once per document and shared by every page and `Do` that
    /// draws it.
    pub(crate) fn stream_data_shared(&self, id: Option<ObjectId>, stream: &Stream) -> Result<Arc<Vec<u8>>> {
        let Some(id) = id else { return self.stream_data(stream).map(Arc::new) };
        if let Some(data) = self.decoded.lock().unwrap_or_else(|e| e.into_inner()).by_object.get(&id) {
            return Ok(Arc::clone(data));
        }
        let data = Arc::new(self.stream_data(stream)?);
        let mut cache = self.decoded.lock().unwrap_or_else(|e| e.into_inner());
        if cache.bytes + data.len() <= MAX_CACHED_STREAM_BYTES {
            cache.bytes += data.len();
            cache.by_object.insert(id, Arc::clone(&data));
        }
        Ok(data)
    }

    /// A copy of `stream` whose `/Filter` and `/DecodeParms` are direct, or
    /// None when they already are.
    fn with_direct_filters(&self, stream: &Stream) -> Option<Stream> {
        let indirect = |key: &[u8]| match stream.dict.get(key) {
            Ok(Object::Reference(_)) => true,
            Ok(Object::Array(items)) => items.iter().any(|o| matches!(o, Object::Reference(_))),
            _ => false,
        };
        if !indirect(b"Filter") && !indirect(b"DecodeParms") {
            return None;
        }
        let mut copy = stream.clone();
        for key in [&b"Filter"[..], b"DecodeParms"] {
            let Some(value) = self.get(&stream.dict, key) else { continue };
            let direct = match value {
                Object::Array(items) => {
                    Object::Array(items.iter().map(|o| self.resolve(o).cloned().unwrap_or(Object::Null)).collect())
                }
                other => other.clone(),
            };
            copy.dict.set(key, direct);
        }
        Some(copy)
    }


    /// The value `make` derives from object `id`, made once per document and
    /// shared by every page that asks (a font is loaded once however many
    /// pages use it). Without an id (a direct object) it is made each time.
    pub(crate) fn shared<T: Any + Send + Sync>(&self, id: Option<ObjectId>, make: impl FnOnce() -> T) -> Arc<T> {
        let key = id.map(|id| (id, TypeId::of::<T>()));
        if let Some(key) = key
            && let Some(found) = self.derived.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
            && let Ok(value) = Arc::clone(found).downcast::<T>()
        {
            return value;
        }
        let value = Arc::new(make());
        if let Some(key) = key {
            let shared: Arc<dyn Any + Send + Sync> = value.clone();
            self.derived.lock().unwrap_or_else(|e| e.into_inner()).insert(key, shared);
        }
        value
    }
}

/// The file's bytes with its `/Encrypt` entries renamed (same length, so
/// every offset stays right) when its encryption covers only embedded files:
/// strings and streams use the `/Identity` crypt filter (`/StmF` and `/StrF`
/// absent count as Identity, from V4 on), so the pages are plain and need no
/// password — the password guards the attachments alone. None otherwise.
fn without_attachment_only_encryption(bytes: &[u8]) -> Option<Vec<u8>> {
    static ENCRYPT_REF: LazyLock<regex::bytes::Regex> =
        LazyLock::new(|| regex::bytes::Regex::new(r"/Encrypt\s+(\d+)\s+(\d+)\s+R").expect("valid regex"));
    static STMF: LazyLock<regex::bytes::Regex> =
        LazyLock::new(|| regex::bytes::Regex::new(r"/StmF\s*/(\w+)").expect("valid regex"));
    static STRF: LazyLock<regex::bytes::Regex> =
        LazyLock::new(|| regex::bytes::Regex::new(r"/StrF\s*/(\w+)").expect("valid regex"));
    static VERSION: LazyLock<regex::bytes::Regex> =
        LazyLock::new(|| regex::bytes::Regex::new(r"/V\s+(\d)").expect("valid regex"));
    let caps = ENCRYPT_REF.captures_iter(bytes).last()?;
    let header = format!("{} {} obj", std::str::from_utf8(&caps[1]).ok()?, std::str::from_utf8(&caps[2]).ok()?);
    // The last definition of the object wins (incremental updates).
    let start = bytes.windows(header.len()).rposition(|w| w == header.as_bytes())?;
    let rest = &bytes[start..];
    let dict = &rest[..rest.windows(6).position(|w| w == b"endobj")?];
    let version = VERSION.captures(dict).and_then(|c| std::str::from_utf8(&c[1]).ok()?.parse::<u8>().ok())?;
    let identity = |re: &regex::bytes::Regex| match re.captures(dict) {
        Some(c) => &c[1] == b"Identity",
        None => version >= 4,
    };
    if version < 4 || !identity(&STMF) || !identity(&STRF) {
        return None;
    }
    let mut plain = bytes.to_vec();
    for m in ENCRYPT_REF.find_iter(bytes) {
        plain[m.start()..m.start() + 8].copy_from_slice(b"/NoCrypt");
    }
    Some(plain)
}

/// For a trailer whose `/Encrypt` is an inline dictionary: the file with
/// that dictionary replaced by a reference (padded to the same length) and
/// appended as a new object, to be read with the cross-reference table
/// rebuilt. None when the encryption dictionary is not inline.
fn with_encryption_dictionary_moved(bytes: &[u8]) -> Option<Vec<u8>> {
    static INLINE: LazyLock<regex::bytes::Regex> =
        LazyLock::new(|| regex::bytes::Regex::new(r"/Encrypt\s*<<").expect("valid regex"));
    let found = INLINE.find_iter(bytes).last()?;
    let start = found.end() - 2;
    let end = start + dictionary_length(&bytes[start..])?;
    let number = 999_999;
    let reference = format!("{number} 0 R");
    if reference.len() > end - start {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + (end - start) + 32);
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(reference.as_bytes());
    out.resize(end, b' ');
    out.extend_from_slice(&bytes[end..]);
    out.extend_from_slice(format!("\n{number} 0 obj\n").as_bytes());
    out.extend_from_slice(&bytes[start..end]);
    out.extend_from_slice(b"\nendobj\n");
    Some(out)
}

/// The length of the dictionary `<< … >>` that `bytes` starts with: nested
/// dictionaries counted, literal strings (which may hold any byte, escaped
/// parentheses included) and hex strings skipped.
fn dictionary_length(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.checked_sub(1)?;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'<' => i += find(&bytes[i..], b">")? + 1,
            b'(' => {
                let mut nesting = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => nesting += 1,
                        b')' => {
                            nesting -= 1;
                            if nesting == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// True when `%%EOF` lies in the file's last KiB (a trailing line feed,
/// garbage from a download or a signature's padding may follow it).
fn ends_with_eof(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Most objects one document may have read again by `salvage`.
const MAX_SALVAGED: usize = 10_000;

/// Objects the cross-reference table lists that lopdf could not read, read
/// again leniently (`salvage`) and stored under the number the table gives;
/// what was wrong with each, for the damage report. Not for encrypted files
/// (their strings would stay encrypted), nor for an object found without a
/// defect (lopdf leaves some out on purpose).
fn salvage_unread_objects(doc: &mut lopdf::Document, bytes: &[u8]) -> Vec<String> {
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Vec::new();
    }
    let unread: Vec<(ObjectId, usize)> = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(&num, entry)| match *entry {
            lopdf::xref::XrefEntry::Normal { offset, generation } => Some(((num, generation), offset as usize)),
            _ => None,
        })
        .filter(|(id, _)| id.0 != 0 && !doc.objects.contains_key(id))
        .take(MAX_SALVAGED)
        .collect();
    let mut notes = Vec::new();
    for (id, offset) in unread {
        let Some(found) = super::salvage::object_at(bytes, offset) else { continue };
        let mut what = Vec::new();
        if found.labelled != id {
            what.push(format!(
                "its header calls it {} {} obj; taken as the cross-reference table says",
                found.labelled.0, found.labelled.1
            ));
        }
        if found.skipped > 0 {
            let plural = if found.skipped == 1 { "entry" } else { "entries" };
            what.push(format!("{} malformed {plural} left out", found.skipped));
        }
        if what.is_empty() {
            // Read cleanly here: lopdf left it out on purpose (the encryption
            // dictionary of a decrypted file), not for damage.
            continue;
        }
        notes.push(format!("object {} ({})", id.0, what.join("; ")));
        doc.objects.insert(id, found.object);
    }
    notes
}

/// Distinct objects the document refers to, and how many of those it lacks.
fn missing_references(doc: &lopdf::Document) -> (usize, usize) {
    let mut referenced: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    stack.extend(doc.trailer.iter().map(|(_, v)| v));
    while let Some(obj) = stack.pop() {
        match obj {
            Object::Reference(id) => {
                referenced.insert(*id);
            }
            Object::Array(items) => stack.extend(items.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    let missing = referenced.iter().filter(|id| !doc.objects.contains_key(id)).count();
    (referenced.len(), missing)
}

fn encrypted_error() -> Error {
    Error::new(
        ErrorCode::Encrypted,
        "the PDF is protected by a password; open it with the password and save an unprotected copy, then convert that",
    )
}

/// govdoc's error for a document lopdf could not load.
fn load_error(e: lopdf::Error) -> Error {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword | E::Decryption(_) => encrypted_error(),
        E::UnsupportedSecurityHandler(handler) => Error::new(
            ErrorCode::Encrypted,
            format!(
                "the PDF is encrypted with a security handler govdoc does not support ({}); save an unprotected copy and convert that",
                String::from_utf8_lossy(&handler)
            ),
        ),
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            Error::too_large(format!("an object stream decompresses to more than {limit} bytes"))
        }
        E::RecursionLimit | E::ReferenceLimit => {
            Error::too_large("the PDF's objects are nested too deeply (or refer to each other in a loop)")
        }
        E::ReferenceCycle(_) => Error::corrupt("the PDF's objects refer to each other in a loop; the file is damaged"),
        E::Parse(lopdf::ParseError::InvalidFileHeader) => {
            Error::corrupt("the file does not start like a PDF (no %PDF- header); it is damaged or not a PDF")
        }
        E::Unimplemented(feature) => Error::unsupported(format!(
            "the PDF uses a feature govdoc's PDF reader does not support ({feature}); print or export it to a new PDF and convert that"
        )),
        other => Error::corrupt(format!(
            "the PDF's structure cannot be read ({}); the file is damaged or truncated — re-save it from the program that made it",
            lopdf_reason(&other)
        )),
    }
}

/// lopdf's failure in govdoc's words: its own text for a missing feature
/// asks the reader to open an issue with lopdf, which is not the user's job.
fn lopdf_reason(e: &lopdf::Error) -> String {
    match e {
        lopdf::Error::Unimplemented(feature) => format!("a feature govdoc's PDF reader does not support: {feature}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lopdf_errors_are_in_govdocs_words() {
        let e = load_error(lopdf::Error::Unimplemented("some filter"));
        assert!(!e.to_string().contains("open an issue"), "{e}");
        assert!(e.to_string().contains("some filter"), "{e}");
        let reason = lopdf_reason(&lopdf::Error::Unimplemented("x"));
        assert!(!reason.contains("lopdf") && !reason.contains("github"), "{reason}");
    }

    #[test]
    fn damaged_streams_are_listed_in_sorted_order_then_counted() {
        let mut forward = CutStreams::default();
        let mut backward = CutStreams::default();
        let said: Vec<String> = (0..25).map(|k| format!("stream {k:02}")).collect();
        for s in &said {
            forward.add(s.clone());
            forward.add(s.clone()); // decoded twice: one stream
        }
        for s in said.iter().rev() {
            backward.add(s.clone());
        }
        let listed = forward.describe();
        assert_eq!(listed, backward.describe(), "the same whatever the order");
        assert_eq!(listed.len(), MAX_CUT_STREAMS_LISTED + 1);
        assert_eq!(listed[0], "stream 00");
        assert_eq!(listed[MAX_CUT_STREAMS_LISTED], "5 more damaged stream(s)");
    }

    #[test]
    fn pages_can_be_interpreted_on_several_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<PdfDocument>();
    }

    #[test]
    fn a_user_password_is_encrypted_an_empty_one_is_not() {
        let err =
            PdfDocument::open(include_bytes!("../../tests/fixtures/pdf/user-password.pdf")).expect_err("password");
        assert_eq!(err.code, ErrorCode::Encrypted);
        let doc = PdfDocument::open(include_bytes!("../../tests/fixtures/pdf/aes256-empty-user.pdf")).expect("opens");
        assert_eq!(doc.page_count(), 1);
    }

    /// A well-formed PDF of `n` pages, each saying "Hi" in Helvetica.
    fn helvetica_pages(n: usize) -> Vec<u8> {
        use crate::pdf::content::testutil::{Builder, fonts};
        let mut b = Builder::new();
        let f = b.helvetica();
        for _ in 0..n {
            b.page(b"BT /F1 10 Tf 10 10 Td (Hi) Tj ET", fonts(&[("F1", f)]), Dictionary::new());
        }
        b.bytes()
    }

    #[test]
    fn a_truncated_file_opens_with_its_damage_measured() {
        let bytes = helvetica_pages(3);
        let whole = PdfDocument::open(&bytes).expect("opens");
        assert!(!whole.damage().any(), "{:?}", whole.damage());
        // Cut before `startxref`: the objects are found by scanning.
        let end = bytes.windows(9).rposition(|w| w == b"startxref").expect("startxref");
        let cut = &bytes[..end];
        let doc = PdfDocument::open(cut).expect("recovers");
        let damage = doc.damage();
        assert!(damage.truncated && damage.any(), "{damage:?}");
        assert!(damage.describe().starts_with("it is cut short"), "{}", damage.describe());
        assert!(ends_with_eof(b"%PDF-1.4 ... %%EOF\n\n"));
        assert!(!ends_with_eof(b"%PDF-1.4 ... endobj"));
    }

    #[test]
    fn pages_are_found_by_scanning_when_the_page_tree_is_lost() {
        // The catalog's /Pages renamed: the tree cannot be reached.
        let bytes = helvetica_pages(2);
        let at = bytes.windows(8).position(|w| w == b"/Catalog").expect("catalog");
        let mut lost = bytes.clone();
        let key = at + lost[at..].windows(6).position(|w| w == b"/Pages").expect("/Pages in the catalog");
        lost[key..key + 6].copy_from_slice(b"/Pxges");
        let doc = PdfDocument::open(&lost).expect("pages found by scanning");
        assert_eq!(doc.page_count(), 2);
        assert!(doc.damage().page_tree_lost && doc.damage().any());
        assert!(doc.damage().describe().contains("found by scanning for page objects"));
        assert!(doc.page(1).is_ok());
    }

    #[test]
    fn encryption_of_attachments_only_needs_no_password() {
        use crate::pdf::content::testutil::{Builder, fonts};
        use lopdf::dictionary;
        // A V5/R6 dictionary whose password is not empty (garbage O and U),
        // with strings and streams under /Identity: the pages are plain.
        let encrypted = |stmf: &str| {
            let mut b = Builder::new();
            let f = b.helvetica();
            b.page(b"BT /F1 10 Tf 10 10 Td (Hi) Tj ET", fonts(&[("F1", f)]), Dictionary::new());
            let junk = Object::string_literal(vec![7u8; 48]);
            let enc = b.add(dictionary! {
                "Filter" => "Standard", "V" => 5, "R" => 6, "Length" => 256, "P" => -1028,
                "O" => junk.clone(), "U" => junk.clone(), "OE" => Object::string_literal(vec![7u8; 32]),
                "UE" => Object::string_literal(vec![7u8; 32]), "Perms" => Object::string_literal(vec![7u8; 16]),
                "CF" => dictionary! { "StdCF" => dictionary! { "CFM" => "AESV3", "AuthEvent" => "EFOpen", "Length" => 32 } },
                "EFF" => "StdCF", "StmF" => stmf, "StrF" => stmf,
            });
            b.doc.trailer.set("Encrypt", enc);
            b.bytes()
        };
        let doc = PdfDocument::open(&encrypted("Identity")).expect("plain pages");
        assert!(doc.attachments_only_encrypted());
        assert_eq!(doc.page_count(), 1);
        let err = PdfDocument::open(&encrypted("StdCF")).expect_err("the pages are encrypted");
        assert_eq!(err.code, ErrorCode::Encrypted);
    }

    #[test]
    fn an_inline_encryption_dictionary_is_read() {
        // PyMuPDF writes `/Encrypt << … >>` into the trailer: the RC4 fixture
        // rewritten that way (the trailer follows the xref table, so no offset
        // moves).
        let bytes = include_bytes!("../../tests/fixtures/pdf/rc4-empty-user.pdf");
        let trailer = bytes.windows(7).rposition(|w| w == b"trailer").expect("a trailer");
        let reference = regex::bytes::Regex::new(r"/Encrypt (\d+) 0 R").expect("valid regex");
        let caps = reference.captures(&bytes[trailer..]).expect("an /Encrypt reference");
        let header = format!("\n{} 0 obj", std::str::from_utf8(&caps[1]).expect("digits"));
        let at = find(bytes, header.as_bytes()).expect("the encryption object") + header.len();
        let dict_start = at + find(&bytes[at..], b"<<").expect("its dictionary");
        let dict = &bytes[dict_start..dict_start + dictionary_length(&bytes[dict_start..]).expect("closed")];
        let mut inline = bytes[..trailer].to_vec();
        inline.extend_from_slice(
            &reference
                .replace(&bytes[trailer..], |_: &regex::bytes::Captures| [b"/Encrypt ".as_slice(), dict].concat()),
        );
        assert!(PdfDocument::open(bytes).is_ok());
        let doc = PdfDocument::open(&inline).expect("reads the inline dictionary");
        let (page, _) = doc.page(0).expect("page");
        assert_eq!(page.glyphs.iter().map(|g| g.text.as_str()).collect::<String>(), "govdoc fixture");
        assert_eq!(dictionary_length(b"<< /O (a>>b\\)c) /D << >> >> tail"), Some(27));
    }

    #[test]
    fn garbage_and_truncation_are_corrupt() {
        for bytes in [&b""[..], b"%PDF-1.4\n", b"hello world", b"%PDF-1.7\n1 0 obj << /Type /Catalog"] {
            let err = PdfDocument::open(bytes).expect_err("not a readable PDF");
            assert_eq!(err.code, ErrorCode::Corrupt, "{err}");
        }
    }
}
