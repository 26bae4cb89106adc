//! zhlens's one error type: opaque, with a message that names what was wrong.

use std::fmt;

use crate::{Config, Region};

/// An error of zhlens's API; its message says what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    UnknownConfig(String),
    InvalidDate(String),
    UnknownRegion(String),
    BadUserWord { text: String, problem: &'static str },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownConfig(name) => {
                write!(f, "unknown config {name:?}; the configs are: ")?;
                let names: Vec<&str> = Config::ALL.iter().map(|c| c.name()).collect();
                f.write_str(&names.join(", "))
            }
            ErrorKind::InvalidDate(text) => {
                write!(
                    f,
                    "invalid date {text:?}; expected a calendar date as YYYY-MM-DD"
                )
            }
            ErrorKind::UnknownRegion(name) => {
                write!(f, "unknown region {name:?}; the regions are: ")?;
                let names: Vec<&str> = Region::ALL.iter().map(|r| r.name()).collect();
                f.write_str(&names.join(", "))
            }
            ErrorKind::BadUserWord { text, problem } => {
                write!(f, "cannot add the word {text:?}: {problem}")
            }
        }
    }
}

impl std::error::Error for Error {}
