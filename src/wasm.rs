//! The JavaScript boundary, and the only module that knows about it.
//!
//! One call per text: `segmentPacked` returns every token as three numbers
//! (UTF-16 start, end, tag index) in one `Uint32Array`, which `zhlens.js`
//! turns into plain objects. Strings cross once, tags once at start-up.
//! `convertWithMap` returns its map the same way, four numbers a piece.
//! Every export validates its arguments and returns a `JsError` naming what
//! was wrong; nothing here may panic.

use std::sync::OnceLock;

use js_sys::{Array, JsString, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::offsets::Utf16Cursor;
use crate::{Analyzer, Config, Pos, Script, SegmentOptions, detect_script};

/// The largest text accepted, in UTF-16 code units (16 Mi, 32 MiB as a JS
/// string): results take about 12 bytes per token in a 4 GiB address space.
pub const MAX_TEXT_UNITS: u32 = 16 * 1024 * 1024;

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fn analyzer() -> &'static Analyzer {
    ANALYZER.get_or_init(Analyzer::new)
}

/// Loads the dictionary and the conversion tables now, so that `init()`
/// pays for them and not the first call.
#[wasm_bindgen]
pub fn prepare() {
    analyzer();
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
    // Lone surrogates become U+FFFD, also one UTF-16 unit, so offsets hold.
    Ok(String::from(js))
}

fn segment_options(function: &str, options: &JsValue) -> Result<SegmentOptions, JsError> {
    let mut parsed = SegmentOptions::new();
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
        match name.as_str() {
            "hmm" => match value.as_bool() {
                Some(yes) => parsed = parsed.hmm(yes),
                None if value.is_undefined() => {}
                None => {
                    return Err(JsError::new(&format!(
                        "zhlens.{function}: option hmm must be a boolean, got {}",
                        describe(&value)
                    )));
                }
            },
            _ => {
                return Err(JsError::new(&format!(
                    "zhlens.{function}: unknown option {name:?}; the options are: hmm"
                )));
            }
        }
    }
    Ok(parsed)
}

/// Segments `text`; returns `[start, end, tag, start, end, tag, …]` with
/// offsets in UTF-16 code units.
#[wasm_bindgen(js_name = segmentPacked)]
pub fn segment_packed(text: JsValue, options: JsValue) -> Result<Vec<u32>, JsError> {
    let text = text_argument("segment", &text)?;
    let options = segment_options("segment", &options)?;
    let tokens = analyzer().segment_with(&text, options);
    let mut packed = Vec::with_capacity(tokens.len() * 3);
    let mut cursor = Utf16Cursor::new(&text);
    for t in &tokens {
        packed.push(cursor.advance_to(t.start()) as u32);
        packed.push(cursor.advance_to(t.end()) as u32);
        packed.push(t.pos().index() as u32);
    }
    Ok(packed)
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

/// Converts `text` with an OpenCC configuration (`Analyzer::convert`).
#[wasm_bindgen]
pub fn convert(text: JsValue, config: JsValue) -> Result<String, JsError> {
    let text = text_argument("convert", &text)?;
    let config = config_argument("convert", &config)?;
    Ok(analyzer().convert(&text, config))
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
    let mut map = Vec::with_capacity(converted.pieces().len() * 4);
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

/// `{ script, traditional, simplified }` (`detect_script`).
#[wasm_bindgen(js_name = detectScript)]
pub fn detect_script_js(text: JsValue) -> Result<JsValue, JsError> {
    let text = text_argument("detectScript", &text)?;
    let report = detect_script(&text);
    let script = match report.script() {
        Script::Simplified => "simplified",
        Script::Traditional => "traditional",
        Script::Mixed => "mixed",
        Script::None => "none",
    };
    Ok(object(&[
        ("script", JsValue::from_str(script)),
        ("traditional", JsValue::from(report.traditional() as u32)),
        ("simplified", JsValue::from(report.simplified() as u32)),
    ]))
}
