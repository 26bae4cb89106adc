//! The JavaScript boundary, and the only module that knows about it.
//!
//! One call per text: `segmentPacked` returns every token as three numbers
//! (UTF-16 start, end, tag index) in one `Uint32Array`, which `zhlens.js`
//! turns into plain objects. Strings cross once, tags once at start-up.
//! `convertWithMap` returns its map the same way, four numbers a piece;
//! `analyzePacked` adds the rest of the analysis as one JSON text, in the
//! shape `analyze` returns it (`analysis_json`).
//! Every export validates its arguments and returns a `JsError` naming what
//! was wrong; nothing here may panic.

use std::ops::Range;
use std::sync::{OnceLock, PoisonError, RwLock, RwLockReadGuard};

use js_sys::{Array, JsString, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::offsets::{Utf16Cursor, Utf16Offsets};
use crate::{
    Analysis, AnalyzeOptions, Analyzer, Config, Date, EntityKind, Figure, FigureValue, Metric, Pos,
    Region, Script, SegmentOptions, Token, UserWord, detect_script,
};

/// The largest text accepted, in UTF-16 code units (16 Mi, 32 MiB as a JS
/// string): results take about 12 bytes per token in a 4 GiB address space.
pub const MAX_TEXT_UNITS: u32 = 16 * 1024 * 1024;

/// One analyzer for the module; `addWords` changes it, so it sits behind a
/// lock (wasm is single-threaded: the lock is never contended, and nothing
/// here panics, so it is never poisoned).
static ANALYZER: OnceLock<RwLock<Analyzer>> = OnceLock::new();

fn analyzer() -> RwLockReadGuard<'static, Analyzer> {
    ANALYZER
        .get_or_init(|| RwLock::new(Analyzer::new()))
        .read()
        .unwrap_or_else(PoisonError::into_inner)
}

/// Adds the reader's own words (`[{ text, pos?, freq?, kind? }]`): see
/// `Analyzer::add_words`. A bad entry is an error naming it, and then
/// nothing is added.
#[wasm_bindgen(js_name = addWords)]
pub fn add_words(words: JsValue) -> Result<(), JsError> {
    let Some(entries) = words.dyn_ref::<Array>() else {
        return Err(JsError::new(&format!(
            "zhlens.addWords: words must be an array of {{ text, pos?, freq?, kind? }}, got {}",
            describe(&words)
        )));
    };
    let parsed = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| user_word(i, &entry))
        .collect::<Result<Vec<_>, _>>()?;
    ANALYZER
        .get_or_init(|| RwLock::new(Analyzer::new()))
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .add_words(&parsed)
        .map_err(|e| JsError::new(&format!("zhlens.addWords: {e}")))
}

/// Entry `i` of `addWords`, checked field by field.
fn user_word(i: usize, entry: &JsValue) -> Result<UserWord, JsError> {
    let bad = |what: String| JsError::new(&format!("zhlens.addWords: entry {i}: {what}"));
    if !entry.is_object() || Array::is_array(entry) {
        return Err(bad(format!("must be an object, got {}", describe(entry))));
    }
    let field =
        |name: &str| Reflect::get(entry, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    for key in Object::keys(entry.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        if !["text", "pos", "freq", "kind"].contains(&name.as_str()) {
            return Err(bad(format!(
                "unknown field {name:?}; the fields are: text, pos, freq, kind"
            )));
        }
    }
    let text = field("text");
    let Some(text) = text.as_string() else {
        return Err(bad(format!(
            "text must be a string, got {}",
            describe(&text)
        )));
    };
    let named = |what: &str| bad(format!("{text:?}: {what}"));
    let mut word = UserWord::new(text.clone());
    let pos = field("pos");
    if !pos.is_undefined() {
        let Some(pos) = pos.as_string() else {
            return Err(named(&format!(
                "pos must be a string, got {}",
                describe(&pos)
            )));
        };
        word = word.pos(pos);
    }
    let freq = field("freq");
    if !freq.is_undefined() {
        let Some(freq) = freq
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX.into())
        else {
            return Err(named(&format!(
                "freq must be a whole number, got {}",
                describe(&freq)
            )));
        };
        word = word.freq(freq as usize);
    }
    let kind = field("kind");
    if !kind.is_undefined() {
        let kinds = [EntityKind::Person, EntityKind::Place, EntityKind::Org];
        let Some(kind) = kind
            .as_string()
            .and_then(|k| kinds.into_iter().find(|known| known.as_str() == k))
        else {
            return Err(named(&format!(
                "kind must be 'person', 'place' or 'org', got {}",
                kind.as_string()
                    .map_or_else(|| describe(&kind), |k| format!("{k:?}"))
            )));
        };
        word = word.kind(kind);
    }
    Ok(word)
}

/// Loads the dictionary and the conversion tables now, so that `init()`
/// pays for them and not the first call.
#[wasm_bindgen]
pub fn prepare() {
    install_panic_hook();
    drop(analyzer());
    crate::convert::prepare();
}

/// The tag names that `segmentPacked`'s tag indexes refer to.
#[wasm_bindgen(js_name = posTags)]
pub fn pos_tags() -> Vec<String> {
    Pos::all().iter().map(|t| t.to_string()).collect()
}

/// The size limit, for `zhlens.js` to document and test against.
#[wasm_bindgen(js_name = maxTextLength)]
pub fn max_text_length() -> u32 {
    MAX_TEXT_UNITS
}

fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if value.is_undefined() {
        "undefined".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {kind}")
    }
}

fn text_argument(function: &str, text: &JsValue) -> Result<String, JsError> {
    // Lone surrogates become U+FFFD, also one UTF-16 unit, so offsets hold.
    Ok(String::from(checked_text(function, text)?))
}

/// `text` if it is a string of at most `MAX_TEXT_UNITS` UTF-16 code units.
fn checked_text<'a>(function: &str, text: &'a JsValue) -> Result<&'a JsString, JsError> {
    let Some(js) = text.dyn_ref::<JsString>() else {
        return Err(JsError::new(&format!(
            "zhlens.{function}: text must be a string, got {}",
            describe(text)
        )));
    };
    let units = js.length();
    if units > MAX_TEXT_UNITS {
        return Err(JsError::new(&format!(
            "zhlens.{function}: text is {units} UTF-16 code units long; the maximum is {MAX_TEXT_UNITS}"
        )));
    }
    Ok(js)
}

/// The options of `segment` (`hmm`) and of `analyze` (`hmm`,
/// `referenceDate`, `region`, `entities`, `metrics`), checked against what
/// `function` takes.
struct Options {
    segment: SegmentOptions,
    reference_date: Option<Date>,
    /// `None` for `'auto'`.
    region: Option<Region>,
    entities: bool,
    metrics: bool,
}

fn options_argument(function: &str, options: &JsValue, takes: &[&str]) -> Result<Options, JsError> {
    let mut parsed = Options {
        segment: SegmentOptions::new(),
        reference_date: None,
        region: None,
        entities: true,
        metrics: true,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(parsed);
    }
    if !options.is_object() || Array::is_array(options) {
        return Err(JsError::new(&format!(
            "zhlens.{function}: options must be an object, got {}",
            describe(options)
        )));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        if !takes.contains(&name.as_str()) {
            return Err(JsError::new(&format!(
                "zhlens.{function}: unknown option {name:?}; the options are: {}",
                takes.join(", ")
            )));
        }
        if value.is_undefined() {
            continue;
        }
        if name == "referenceDate" {
            let Some(date) = value.as_string() else {
                return Err(JsError::new(&format!(
                    "zhlens.{function}: option referenceDate must be a string YYYY-MM-DD or a Date, got {}",
                    describe(&value)
                )));
            };
            let date = date.parse().map_err(|e| {
                JsError::new(&format!("zhlens.{function}: option referenceDate: {e}"))
            })?;
            parsed.reference_date = Some(date);
            continue;
        }
        if name == "region" {
            let region = value
                .as_string()
                .filter(|r| r == "auto" || Region::ALL.iter().any(|known| known.name() == r));
            let Some(region) = region else {
                return Err(JsError::new(&format!(
                    "zhlens.{function}: option region must be 'CN', 'TW', 'HK' or 'auto', got {}",
                    describe(&value)
                )));
            };
            parsed.region = region.parse().ok();
            continue;
        }
        let Some(yes) = value.as_bool() else {
            return Err(JsError::new(&format!(
                "zhlens.{function}: option {name} must be a boolean, got {}",
                describe(&value)
            )));
        };
        match name.as_str() {
            "hmm" => parsed.segment = parsed.segment.hmm(yes),
            "entities" => parsed.entities = yes,
            _ => parsed.metrics = yes,
        }
    }
    Ok(parsed)
}

/// `[start, end, tag, …]` with offsets in UTF-16 code units.
fn pack_tokens(text: &str, tokens: &[Token]) -> Vec<u32> {
    let mut packed = Vec::with_capacity(tokens.len() * 3);
    let mut cursor = Utf16Cursor::new(text);
    // Words cover the text: each starts where the last one ended.
    let mut last_end = (0, 0);
    for t in tokens {
        let start = match last_end {
            (byte, unit) if byte == t.start() => unit,
            _ => cursor.advance_to(t.start()),
        };
        let end = cursor.advance_to(t.end());
        last_end = (t.end(), end);
        packed.extend([start as u32, end as u32, t.pos().index() as u32]);
    }
    packed
}

/// Segments `text`; returns `[start, end, tag, start, end, tag, …]` with
/// offsets in UTF-16 code units.
#[wasm_bindgen(js_name = segmentPacked)]
pub fn segment_packed(text: JsValue, options: JsValue) -> Result<Vec<u32>, JsError> {
    let text = text_argument("segment", &text)?;
    let options = options_argument("segment", &options, &["hmm"])?;
    Ok(pack_tokens(
        &text,
        &analyzer().segment_with(&text, options.segment),
    ))
}

/// `[tokens, analysis]`: the tokens packed as `segmentPacked` packs them,
/// and the rest of the analysis as one JSON text (`analysis_json`). An
/// article has a few dozen figures: one string crossing beats a property set
/// per field.
#[wasm_bindgen(js_name = analyzePacked)]
pub fn analyze_packed(text: JsValue, options: JsValue) -> Result<Array, JsError> {
    let text = text_argument("analyze", &text)?;
    let options = options_argument(
        "analyze",
        &options,
        &["hmm", "referenceDate", "region", "entities", "metrics"],
    )?;
    let Some(date) = options.reference_date else {
        return Err(JsError::new(
            "zhlens.analyze: option referenceDate is missing",
        ));
    };
    let mut analyze_options = AnalyzeOptions::new(date)
        .segment(options.segment)
        .entities(options.entities)
        .metrics(options.metrics);
    if let Some(region) = options.region {
        analyze_options = analyze_options.region(region);
    }
    let analysis = analyzer().analyze(&text, &analyze_options);
    let tokens = Uint32Array::from(&pack_tokens(&text, analysis.tokens())[..]);
    let json = JsValue::from_str(&analysis_json(&text, &analysis));
    Ok(Array::of2(&tokens, &json))
}

/// The analysis in the shape `analyze` returns (`Analysis` in zhlens.d.ts),
/// but for the tokens and the texts of spans: `{"region", "figures",
/// "entities", "metrics"}` with UTF-16 offsets. Every object with `start` and
/// `end` is a span of the input, and `zhlens.js` adds its `text` by slicing
/// the input; nothing else in JavaScript reshapes the result. A metric holds
/// its figures whole (its value, period, change amount and `from`), the same
/// objects as in `figures`, so that it reads on its own.
///
/// Written into one string as it goes: a megabyte of news has some 15,000
/// objects, and a `format!` and a string apiece cost more than the JSON.
/// The offsets of every span are converted to UTF-16 together, in one pass
/// over the text: a pass each for figures, entities and metrics was a tenth
/// of the metrics' cost in wasm.
fn analysis_json(text: &str, analysis: &Analysis) -> String {
    let (figures, entities, metrics) =
        (analysis.figures(), analysis.entities(), analysis.metrics());
    let spans = figures
        .iter()
        .map(Figure::range)
        .chain(entities.iter().map(|e| e.range()))
        .chain(metrics.iter().flat_map(|m| {
            // Indicators and changes come in no particular order.
            std::iter::once(m.indicator()).chain(m.change().map(|c| c.range()))
        }));
    let offsets = Utf16Offsets::new(text, spans.flat_map(|r| [r.start, r.end]).collect());
    let mut json = Json(String::with_capacity(64 * (figures.len() + entities.len())));
    json.push(r#"{"region":""#);
    json.push(analysis.region().name());
    json.push(r#"","figures":["#);
    // Each figure's object is written once, apart, and copied into the
    // metrics that hold it: formatting its numbers again cost more.
    let mut objects = Json(String::with_capacity(64 * figures.len()));
    let figure_objects: Vec<Range<usize>> = figures
        .iter()
        .map(|f| {
            let from = objects.0.len();
            let range = f.range();
            objects.figure(f, offsets.get(range.start), offsets.get(range.end));
            from..objects.0.len()
        })
        .collect();
    let figure_object = |i: usize| &objects.0[figure_objects[i].clone()];
    for i in 0..figures.len() {
        json.comma(i);
        json.push(figure_object(i));
    }
    json.push(r#"],"entities":["#);
    for (i, e) in entities.iter().enumerate() {
        json.comma(i);
        json.push(r#"{"kind":""#);
        json.push(e.kind().as_str());
        json.push("\",");
        json.span(offsets.get(e.range().start), offsets.get(e.range().end));
        json.push("}");
    }
    json.push(r#"],"metrics":["#);
    json.metrics(&offsets, metrics, figures, figure_object);
    json.push("]}");
    json.0
}

/// A JSON text being written.
struct Json(String);

impl Json {
    fn push(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// The comma before the `i`th element of an array.
    fn comma(&mut self, i: usize) {
        if i > 0 {
            self.0.push(',');
        }
    }

    fn whole(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.extend(digits[at..].iter().map(|&d| char::from(d)));
    }

    /// `"start":…,"end":…`.
    fn span(&mut self, start: usize, end: usize) {
        self.push(r#""start":"#);
        self.whole(start as u64);
        self.push(r#","end":"#);
        self.whole(end as u64);
    }

    /// JSON has no infinity (a number past f64's range); `1e999` parses as
    /// one. A whole number is written as one, without the float formatter.
    fn number(&mut self, n: f64) {
        let whole = n.fract() == 0.0 && n.abs() < 1e15 && !(n == 0.0 && n.is_sign_negative());
        match n {
            n if whole => {
                if n < 0.0 {
                    self.0.push('-');
                }
                self.whole(n.abs() as u64);
            }
            n if n.is_finite() => self.0.push_str(&n.to_string()),
            n if n > 0.0 => self.push("1e999"),
            _ => self.push("-1e999"),
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    fn string(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.push("\\\""),
                '\\' => self.push("\\\\"),
                c if c < ' ' => self.0.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    /// `{"kind","start","end","value","unit","approx"?,"range"?}`, `start`
    /// and `end` in UTF-16 code units.
    fn figure(&mut self, f: &Figure, start: usize, end: usize) {
        self.push(r#"{"kind":""#);
        self.push(f.kind().as_str());
        self.push("\",");
        self.span(start, end);
        self.push(r#","value":"#);
        match f.value() {
            FigureValue::Number(n) => self.number(n),
            FigureValue::Iso(iso) => self.string(iso),
        }
        self.push(r#","unit":"#);
        match f.unit() {
            Some(unit) => self.string(unit),
            None => self.push("null"),
        }
        if let Some(approx) = f.approx() {
            self.push(r#","approx":""#);
            self.push(approx.as_str());
            self.push("\"");
        }
        if let Some([low, high]) = f.bounds() {
            self.push(r#","range":["#);
            self.number(low);
            self.push(",");
            self.number(high);
            self.push("]");
        }
        self.push("}");
    }

    /// `{"indicator","value","period"?,"change"?,"earlier"?}` per metric,
    /// its figures written out whole. `change` is `{"direction","start",
    /// "end","basis"?,"amount"?,"value"?,"from"?,"contradicted"?}`, `value`
    /// being the amount's number.
    fn metrics<'a>(
        &mut self,
        offsets: &Utf16Offsets,
        metrics: &[Metric],
        figures: &[Figure],
        figure_object: impl Fn(usize) -> &'a str,
    ) {
        let span = |json: &mut Json, r: Range<usize>| {
            json.span(offsets.get(r.start), offsets.get(r.end));
        };
        let figure = |json: &mut Json, i: usize| json.push(figure_object(i));
        for (i, m) in metrics.iter().enumerate() {
            self.comma(i);
            self.push(r#"{"indicator":{"#);
            span(self, m.indicator());
            self.push(r#"},"value":"#);
            figure(self, m.value());
            if let Some(period) = m.period() {
                self.push(r#","period":"#);
                figure(self, period);
            }
            if let Some(c) = m.change() {
                self.push(r#","change":{"direction":""#);
                self.push(c.direction().as_str());
                self.push("\",");
                span(self, c.range());
                if let Some(basis) = c.basis() {
                    self.push(r#","basis":""#);
                    self.push(basis.as_str());
                    self.push("\"");
                }
                if let Some(amount) = c.amount() {
                    self.push(r#","amount":"#);
                    figure(self, amount);
                    if let FigureValue::Number(n) = figures[amount].value() {
                        self.push(r#","value":"#);
                        self.number(n);
                    }
                }
                if let Some(from) = c.from() {
                    self.push(r#","from":"#);
                    figure(self, from);
                }
                if c.is_contradicted() {
                    self.push(r#","contradicted":true"#);
                }
                self.push("}");
            }
            if let Some(earlier) = m.earlier().filter(|e| e.is_finite()) {
                self.push(r#","earlier":"#);
                self.number(earlier);
            }
            self.push("}");
        }
    }
}

/// `[start, end, …]` in UTF-16 code units and the values, for every number
/// expression of `text` (`Analyzer::numbers`): two arrays, one crossing each.
#[wasm_bindgen(js_name = numbersPacked)]
pub fn numbers_packed(text: JsValue) -> Result<Array, JsError> {
    let text = text_argument("numbers", &text)?;
    let numbers = analyzer().numbers(&text);
    let mut offsets = Vec::with_capacity(numbers.len() * 2);
    let mut values = Vec::with_capacity(numbers.len());
    let mut cursor = Utf16Cursor::new(&text);
    for n in &numbers {
        offsets.push(cursor.advance_to(n.range().start) as u32);
        offsets.push(cursor.advance_to(n.range().end) as u32);
        values.push(n.value());
    }
    Ok(Array::of2(
        &Uint32Array::from(&offsets[..]),
        &js_sys::Float64Array::from(&values[..]),
    ))
}

fn config_argument(function: &str, config: &JsValue) -> Result<Config, JsError> {
    let Some(name) = config.as_string() else {
        return Err(JsError::new(&format!(
            "zhlens.{function}: config must be a string, got {}",
            describe(config)
        )));
    };
    name.parse()
        .map_err(|e| JsError::new(&format!("zhlens.{function}: {e}")))
}

/// Converts `text` with an OpenCC configuration (`Analyzer::convert_utf16`),
/// given as `units`, its UTF-16 code units (`text` itself is only checked):
/// JS copies them into wasm memory in a tenth of the time it takes to
/// encode UTF-8 in Node (as fast elsewhere), and the last stage writes the
/// result's units as it converts, which are decoded into a JS string
/// straight from wasm memory, several times faster than UTF-8 (4 ms for a
/// megabyte of Chinese from UTF-8, a conversion's time, against under 1 ms).
#[wasm_bindgen]
pub fn convert(text: JsValue, units: &[u16], config: JsValue) -> Result<JsString, JsError> {
    checked_text("convert", &text)?;
    let config = config_argument("convert", &config)?;
    let converted = analyzer().convert_utf16(units, config);
    UTF16.with(|decoder| decoder.decode(&converted))
}

#[wasm_bindgen]
extern "C" {
    /// The platform's `TextDecoder`, here only for UTF-16.
    type TextDecoder;

    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;

    /// A slice argument reaches JS as a view of wasm memory: decoding
    /// reads the units where they are.
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, units: &[u16]) -> Result<JsString, JsValue>;
}

/// Decodes UTF-16 code units into a JS string, made once per module.
struct Utf16Decoder(Result<TextDecoder, JsValue>);

impl Utf16Decoder {
    fn new() -> Utf16Decoder {
        // A leading U+FEFF is text, not a byte order mark.
        let options = object(&[("ignoreBOM", JsValue::TRUE)]);
        Utf16Decoder(TextDecoder::new("utf-16le", &options))
    }

    fn decode(&self, units: &[u16]) -> Result<JsString, JsError> {
        let decoder = self.0.as_ref().map_err(|_| {
            JsError::new("zhlens: this platform's TextDecoder does not decode utf-16le")
        })?;
        decoder
            .decode(units)
            .map_err(|e| JsError::new(&format!("zhlens: decoding UTF-16 failed: {}", describe(&e))))
    }
}

thread_local! {
    static UTF16: Utf16Decoder = Utf16Decoder::new();
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// `{ text, map }`: the converted text, and per piece `[inStart, inEnd,
/// outStart, outEnd]` in UTF-16 code units, in one `Uint32Array`.
#[wasm_bindgen(js_name = convertWithMap)]
pub fn convert_with_map(text: JsValue, config: JsValue) -> Result<JsValue, JsError> {
    let text = text_argument("convertWithMap", &text)?;
    let config = config_argument("convertWithMap", &config)?;
    let converted = analyzer().convert_with_map(&text, config);
    let mut map = Vec::new();
    let (mut input, mut output) = (Utf16Cursor::new(&text), Utf16Cursor::new(converted.text()));
    for piece in converted.pieces() {
        map.push(input.advance_to(piece.input.start) as u32);
        map.push(input.advance_to(piece.input.end) as u32);
        map.push(output.advance_to(piece.output.start) as u32);
        map.push(output.advance_to(piece.output.end) as u32);
    }
    Ok(object(&[
        ("text", JsValue::from_str(converted.text())),
        ("map", Uint32Array::from(&map[..]).into()),
    ]))
}

fn script_name(script: Script) -> &'static str {
    match script {
        Script::Simplified => "simplified",
        Script::Traditional => "traditional",
        Script::Mixed => "mixed",
        Script::None => "none",
    }
}

/// `{ script, traditional, simplified }` (`detect_script`).
#[wasm_bindgen(js_name = detectScript)]
pub fn detect_script_js(text: JsValue) -> Result<JsValue, JsError> {
    let text = text_argument("detectScript", &text)?;
    let report = detect_script(&text);
    Ok(object(&[
        ("script", JsValue::from_str(script_name(report.script()))),
        ("traditional", JsValue::from(report.traditional() as u32)),
        ("simplified", JsValue::from(report.simplified() as u32)),
    ]))
}

/// The message of the last Rust panic, kept by the hook `prepare` installs.
/// A panic aborts the call as a `WebAssembly.RuntimeError` ("unreachable"),
/// which says nothing; `zhlens.js` catches that error, takes the message
/// with `takePanic` and throws an `Error` carrying it. Nothing is unwound, so
/// the module stays usable afterwards: only the call's own memory is lost.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            if let Ok(mut last) = LAST_PANIC.try_lock() {
                *last = Some(format!("{message}{at}"));
            }
        }));
    });
}

/// Takes the last panic's message (see `LAST_PANIC`), if any.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.try_lock().ok().and_then(|mut last| last.take())
}

/// Panics with `message`. Not API: the only way to test, from JavaScript,
/// that a panic becomes an `Error` and that the module keeps working after
/// one, since no other export is known to panic.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests(message: String) {
    panic!("{message}");
}

/// The names the declarations (`zhlens.d.ts`) spell out as string unions,
/// from the Rust types themselves, so that a test can compare the two:
/// `{ figureKinds, approx, configs, posTags, scripts, regions, directions,
/// bases }`.
#[wasm_bindgen]
pub fn vocabulary() -> JsValue {
    use crate::{Approx, Basis, Direction, FigureKind};
    // Exhaustive matches: a new variant does not compile until it is listed.
    let kinds = [
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Quantity,
        FigureKind::Number,
        FigureKind::Ordinal,
        FigureKind::Date,
        FigureKind::Period,
    ];
    for kind in kinds {
        match kind {
            FigureKind::Money
            | FigureKind::Percent
            | FigureKind::Quantity
            | FigureKind::Number
            | FigureKind::Ordinal
            | FigureKind::Date
            | FigureKind::Period => {}
        }
    }
    let approx = [Approx::Over, Approx::Under, Approx::About];
    for a in approx {
        match a {
            Approx::Over | Approx::Under | Approx::About => {}
        }
    }
    let directions = [Direction::Up, Direction::Down, Direction::Flat];
    for d in directions {
        match d {
            Direction::Up | Direction::Down | Direction::Flat => {}
        }
    }
    let bases = [
        Basis::YearOnYear,
        Basis::PeriodOnPeriod,
        Basis::QuarterOnQuarter,
    ];
    for b in bases {
        match b {
            Basis::YearOnYear | Basis::PeriodOnPeriod | Basis::QuarterOnQuarter => {}
        }
    }
    let scripts = [
        Script::Simplified,
        Script::Traditional,
        Script::Mixed,
        Script::None,
    ];
    let names = |list: Vec<&str>| -> JsValue {
        list.into_iter()
            .map(JsValue::from_str)
            .collect::<Array>()
            .into()
    };
    object(&[
        (
            "figureKinds",
            names(kinds.iter().map(|k| k.as_str()).collect()),
        ),
        ("approx", names(approx.iter().map(|a| a.as_str()).collect())),
        (
            "configs",
            names(Config::ALL.iter().map(|c| c.name()).collect()),
        ),
        ("posTags", names(Pos::all().to_vec())),
        (
            "scripts",
            names(scripts.iter().map(|&s| script_name(s)).collect()),
        ),
        (
            "regions",
            names(Region::ALL.iter().map(|r| r.name()).collect()),
        ),
        (
            "directions",
            names(directions.iter().map(|d| d.as_str()).collect()),
        ),
        ("bases", names(bases.iter().map(|b| b.as_str()).collect())),
    ])
}
