//! `LienthongError`: the one JS error class of the package, with `code`, and `field`/`line`
//! where known. It is defined in a small JS snippet (a real `class … extends Error`, so stack
//! traces, `instanceof` and `console.error` behave) and constructed from Rust. The package's
//! entry files re-export the class from the snippet (see `pkg-config/`).

use crate::calendar::spec::SpecError;
use crate::model::TimeError;
use crate::query::QueryError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export class LienthongError extends Error {
  constructor(code, message, field, line) {
    super(message);
    this.name = "LienthongError";
    this.code = code;
    if (field !== undefined && field !== null) this.field = field;
    if (line !== undefined && line !== null) this.line = line;
  }
}
export function lienthongError(code, message, field, line) {
  return new LienthongError(code, message, field, line);
}
export function consoleError(message) {
  console.error(message);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = lienthongError)]
    fn make_error(code: &str, message: &str, field: Option<String>, line: Option<u32>) -> JsValue;
    #[wasm_bindgen(js_name = consoleError)]
    pub(crate) fn console_error(message: &str);
}

/// What went wrong, as the `code` of the JS error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A tracker option is malformed (`new Tracker({ … })`).
    BadOption,
    /// A query or analysis option is malformed.
    BadQuery,
    /// A query names a unit the tracker does not know.
    UnknownUnit,
    /// Input that cannot be read at all (not an array, not JSON, columns of different lengths).
    BadInput,
    /// A bug: a Rust panic turned into an error.
    Internal,
}

impl Code {
    fn as_str(self) -> &'static str {
        match self {
            Code::BadOption => "BAD_OPTION",
            Code::BadQuery => "BAD_QUERY",
            Code::UnknownUnit => "UNKNOWN_UNIT",
            Code::BadInput => "BAD_INPUT",
            Code::Internal => "INTERNAL",
        }
    }
}

/// A failure on its way to JS.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub code: Code,
    pub message: String,
    pub field: Option<String>,
    pub line: Option<u32>,
}

impl Error {
    pub fn new(code: Code, field: Option<&str>, message: impl Into<String>) -> Error {
        Error { code, message: message.into(), field: field.map(str::to_string), line: None }
    }

    pub fn option(field: &str, message: impl Into<String>) -> Error {
        Error::new(Code::BadOption, Some(field), message)
    }

    pub fn query(field: &str, message: impl Into<String>) -> Error {
        Error::new(Code::BadQuery, Some(field), message)
    }

    pub fn input(field: Option<&str>, message: impl Into<String>) -> Error {
        Error::new(Code::BadInput, field, message)
    }

    pub fn time(field: &str, e: TimeError, code: Code) -> Error {
        Error::new(code, Some(field), format!("{field}: {e}"))
    }

    /// A spec read by the core (`calendar::spec`) that is malformed, its field seen from `under`
    /// (the option holding it), if any.
    pub fn spec(e: SpecError, code: Code, under: Option<&str>) -> Error {
        let e = match under {
            Some(parent) => e.under(parent),
            None => e,
        };
        let field = (!e.field.is_empty()).then_some(e.field.as_str());
        Error::new(code, field, e.to_string())
    }

    pub fn with_line(mut self, line: Option<u32>) -> Error {
        self.line = line;
        self
    }
}

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Error {
        match &e {
            QueryError::UnknownUnit(_) => Error::new(Code::UnknownUnit, Some("units"), e.to_string()),
            QueryError::EmptyWindow => Error::new(Code::BadQuery, Some("to"), e.to_string()),
            QueryError::BadOption(field, _) => Error::new(Code::BadQuery, Some(field), e.to_string()),
        }
    }
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        make_error(e.code.as_str(), &e.message, e.field, e.line)
    }
}

/// Result of a binding call.
pub type Result<T> = std::result::Result<T, Error>;

/// Installs a panic hook that logs the panic message and throws it as a `LienthongError` with
/// code `INTERNAL` instead of letting WebAssembly trap with `unreachable`.
///
/// Throwing from the hook abandons the Rust frames; the object being called may then refuse
/// further calls ("recursive use"), but the page gets a readable error, not a trap.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = format!("lienthong: internal error (please report): {info}");
            console_error(&msg);
            wasm_bindgen::throw_val(make_error(Code::Internal.as_str(), &msg, None, None));
        }));
    });
}
